namespace SupportSdk.Server.Storage;

/// <summary>What customers asked the help center and the bot, and what they did next: the material of
/// <c>GET /v1/agent/faq/insights</c>.</summary>
internal interface IFaqInsightsStore
{
    /// <summary>Applies recorded activity in order, in one transaction: a query adds a row; an opened article, a
    /// vote or a request for a person marks the asker's earlier queries within <see cref="FaqActivity.FollowUpWindow"/>.</summary>
    Task RecordFaqActivityAsync(IReadOnlyList<FaqActivity> activity, CancellationToken cancellationToken);

    /// <summary>The insights from <paramref name="since"/> to <paramref name="until"/>: at most <paramref name="limit"/>
    /// queries and articles, and every day's deflection.</summary>
    Task<FaqInsightsData> GetFaqInsightsAsync(DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes queries older than <paramref name="before"/>; returns how many.</summary>
    Task<int> DeleteFaqQueriesAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>One thing a customer did that the insights count. <c>Asker</c> is a keyed hash of the caller (never the
/// user id or address itself), only to link a query with what the same caller did next; a bot question also keeps
/// its chat id.</summary>
internal abstract record FaqActivity(DateTimeOffset At, string Asker)
{
    /// <summary>How long after a query what the asker does still counts as its outcome.</summary>
    public static readonly TimeSpan FollowUpWindow = TimeSpan.FromMinutes(30);
}

/// <summary>A help-center search or a question to the bot. <paramref name="Query"/> is normalized, and null when the
/// scanner found a secret in it.</summary>
internal sealed record FaqQueryAsked(string Id, DateTimeOffset At, string Asker, string Source, string Locale, string? Query, bool Answered,
    int ResultCount, IReadOnlyList<long> ArticleIds, string? ChatId) : FaqActivity(At, Asker)
{
    public const string Search = "search";
    public const string Bot = "bot";
}

/// <summary>The asker opened an article: the latest search that listed it was clicked.</summary>
internal sealed record FaqArticleOpened(DateTimeOffset At, string Asker, long ArticleId) : FaqActivity(At, Asker);

/// <summary>The asker voted an article "not helpful": the latest query that found it was answered poorly.</summary>
internal sealed record FaqArticleVotedNotHelpful(DateTimeOffset At, string Asker, long ArticleId) : FaqActivity(At, Asker);

/// <summary>The asker went to a person (a chat handed to the queue, a ticket): their queries just before it did not help.</summary>
internal sealed record FaqPersonAsked(DateTimeOffset At, string Asker) : FaqActivity(At, Asker);

/// <summary>A chat line completed a secret begun in earlier lines: the chat's bot questions lose their text (they
/// count as withheld).</summary>
internal sealed record FaqChatWithheld(DateTimeOffset At, string Asker, string ChatId) : FaqActivity(At, Asker);

internal sealed record FaqQueryRow(string Query, string Locale, int Asked, int Unanswered, int Clicked, int VotedNotHelpful, int AskedForPerson, DateTimeOffset LastAskedAt);

internal sealed record FaqArticleRow(long ArticleId, string Locale, int NotHelpful, int Helpful, IReadOnlyList<string> Comments);

internal sealed record FaqDeflectionRow(string Date, string Locale, int Chats, int AnsweredByBot, int Deflected);

internal sealed record FaqInsightsData(IReadOnlyList<FaqQueryRow> PoorQueries, int Withheld, IReadOnlyList<FaqArticleRow> NotHelpfulArticles, IReadOnlyList<FaqDeflectionRow> Deflection);

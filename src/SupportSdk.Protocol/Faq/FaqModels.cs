namespace SupportSdk;

/// <summary>One ranked FAQ search result.</summary>
public sealed class FaqSearchHit
{
    /// <summary>Gets the article id (shared by all translations of the article).</summary>
    /// <value>The article id.</value>
    public long Id { get; init; }

    /// <summary>Gets the id the article had in the system it was imported from (e.g. Zendesk).</summary>
    /// <value>The external id, or <see langword="null"/>.</value>
    public string? ExternalId { get; init; }

    /// <summary>Gets the article title.</summary>
    /// <value>The title.</value>
    public string Title { get; init; } = string.Empty;

    /// <summary>Gets an HTML-escaped extract with matched terms wrapped in <c>&lt;mark&gt;</c>.</summary>
    /// <value>The snippet.</value>
    public string Snippet { get; init; } = string.Empty;

    /// <summary>Gets the relevance score; higher is better, comparable only within one response.</summary>
    /// <value>The score.</value>
    public double Score { get; init; }

    /// <summary>Gets the locale of this result (another locale than asked when the server fell back).</summary>
    /// <value>The locale.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the public URL of the article in the exchange's help center.</summary>
    /// <value>The URL, or <see langword="null"/>.</value>
    public string? Url { get; init; }
}

/// <summary>FAQ search results, best first.</summary>
public sealed class FaqSearchResults
{
    /// <summary>Gets the results.</summary>
    /// <value>The results, best first; empty when nothing matched in any locale.</value>
    public IReadOnlyList<FaqSearchHit> Items { get; init; } = [];
}

/// <summary>A help-center article.</summary>
public sealed class FaqArticle
{
    /// <summary>Gets the article id.</summary>
    /// <value>The article id.</value>
    public long Id { get; init; }

    /// <summary>Gets the id in the system it was imported from.</summary>
    /// <value>The external id, or <see langword="null"/>.</value>
    public string? ExternalId { get; init; }

    /// <summary>Gets the locale of this translation.</summary>
    /// <value>The locale.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the title.</summary>
    /// <value>The title.</value>
    public string Title { get; init; } = string.Empty;

    /// <summary>Gets the body as sanitised HTML, as the help center publishes it.</summary>
    /// <value>The HTML body.</value>
    public string BodyHtml { get; init; } = string.Empty;

    /// <summary>Gets the body as plain text.</summary>
    /// <value>The text body.</value>
    public string BodyText { get; init; } = string.Empty;

    /// <summary>Gets the section the article is in.</summary>
    /// <value>The section id, or <see langword="null"/>.</value>
    public long? SectionId { get; init; }

    /// <summary>Gets the labels (tags).</summary>
    /// <value>The labels.</value>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Gets the public URL.</summary>
    /// <value>The URL, or <see langword="null"/>.</value>
    public string? Url { get; init; }

    /// <summary>Gets when it was last edited.</summary>
    /// <value>UTC time.</value>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets how many readers found it helpful.</summary>
    /// <value>The count.</value>
    public int HelpfulCount { get; init; }

    /// <summary>Gets how many readers did not.</summary>
    /// <value>The count.</value>
    public int NotHelpfulCount { get; init; }
}

/// <summary>A section of the help center.</summary>
public sealed class FaqSection
{
    /// <summary>Gets the section id.</summary>
    /// <value>The id.</value>
    public long Id { get; init; }

    /// <summary>Gets the locale.</summary>
    /// <value>The locale.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the name.</summary>
    /// <value>The name.</value>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the description.</summary>
    /// <value>The description, or <see langword="null"/>.</value>
    public string? Description { get; init; }

    /// <summary>Gets the category the section belongs to.</summary>
    /// <value>The category id, or <see langword="null"/>.</value>
    public long? CategoryId { get; init; }

    /// <summary>Gets the category's name.</summary>
    /// <value>The category name, or <see langword="null"/>.</value>
    public string? CategoryName { get; init; }

    /// <summary>Gets the position for display, lowest first.</summary>
    /// <value>The position.</value>
    public int Position { get; init; }

    /// <summary>Gets the articles in this section (id and title), in display order.</summary>
    /// <value>The articles.</value>
    public IReadOnlyList<FaqArticleSummary> Articles { get; init; } = [];
}

/// <summary>An article's id and title, for lists and suggestions.</summary>
public sealed class FaqArticleSummary
{
    /// <summary>Gets the article id.</summary>
    /// <value>The id.</value>
    public long Id { get; init; }

    /// <summary>Gets the title.</summary>
    /// <value>The title.</value>
    public string Title { get; init; } = string.Empty;

    /// <summary>Gets the locale.</summary>
    /// <value>The locale.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the public URL.</summary>
    /// <value>The URL, or <see langword="null"/>.</value>
    public string? Url { get; init; }
}

/// <summary>A list of the help center's sections.</summary>
public sealed class FaqSectionList
{
    /// <summary>Gets the sections, in display order.</summary>
    /// <value>The sections.</value>
    public IReadOnlyList<FaqSection> Items { get; init; } = [];
}

/// <summary>As-you-type suggestions.</summary>
public sealed class FaqSuggestions
{
    /// <summary>Gets the suggested articles, best first.</summary>
    /// <value>The suggestions.</value>
    public IReadOnlyList<FaqArticleSummary> Items { get; init; } = [];
}

/// <summary>A reader's vote on an article.</summary>
public sealed class FaqFeedbackRequest
{
    /// <summary>Gets whether the article helped.</summary>
    /// <value><see langword="true"/> for helpful.</value>
    public bool Helpful { get; init; }

    /// <summary>Gets what was missing or wrong, in the reader's words (at most 500 characters). Screened for secrets
    /// like every text a customer writes.</summary>
    /// <value>The comment, or <see langword="null"/>.</value>
    public string? Comment { get; init; }
}

/// <summary>
/// What the help center and the bot did not answer, for support leads writing the next article
/// (<c>GET /v1/agent/faq/insights</c>): queries with no or poor results, the articles readers found least helpful,
/// and how many chats the bot answered without a person, per day and language.
/// </summary>
public sealed class FaqInsights
{
    /// <summary>Gets the start of the period (inclusive).</summary>
    /// <value>UTC.</value>
    public DateTimeOffset Since { get; init; }

    /// <summary>Gets the end of the period (exclusive): when the insights were read.</summary>
    /// <value>UTC.</value>
    public DateTimeOffset Until { get; init; }

    /// <summary>Gets the queries (help-center searches and questions to the bot) that found nothing good enough, or
    /// after which the customer asked for a person, most frequent first.</summary>
    /// <value>The queries.</value>
    public IReadOnlyList<FaqQueryInsight> PoorQueries { get; init; } = [];

    /// <summary>Gets how many queries in the period held a secret: they are counted, never shown.</summary>
    /// <value>The count.</value>
    public int WithheldQueries { get; init; }

    /// <summary>Gets the articles with the most "not helpful" votes in the period, most first.</summary>
    /// <value>The articles.</value>
    public IReadOnlyList<FaqArticleInsight> NotHelpfulArticles { get; init; } = [];

    /// <summary>Gets the chats the bot answered without a person, per UTC day and language, newest day first.</summary>
    /// <value>The days.</value>
    public IReadOnlyList<FaqDeflection> Deflection { get; init; } = [];
}

/// <summary>One query (normalized: case, width and spacing folded) that went unanswered.</summary>
public sealed class FaqQueryInsight
{
    /// <summary>Gets the query as normalized.</summary>
    /// <value>The text.</value>
    public string Query { get; init; } = string.Empty;

    /// <summary>Gets the language it was asked in.</summary>
    /// <value>A locale such as <c>en-us</c>.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets how often it was asked in the period (searches and bot questions).</summary>
    /// <value>The count.</value>
    public int Asked { get; init; }

    /// <summary>Gets how often nothing answered it: no result, or none the bot was confident in.</summary>
    /// <value>The count.</value>
    public int Unanswered { get; init; }

    /// <summary>Gets how often a result of a search for it was opened.</summary>
    /// <value>The count.</value>
    public int Clicked { get; init; }

    /// <summary>Gets how often an article found for it was voted "not helpful".</summary>
    /// <value>The count.</value>
    public int VotedNotHelpful { get; init; }

    /// <summary>Gets how often the customer asked for a person (a chat handed to the queue, or a ticket) within 30
    /// minutes after it.</summary>
    /// <value>The count.</value>
    public int AskedForPerson { get; init; }

    /// <summary>Gets when it was last asked.</summary>
    /// <value>UTC.</value>
    public DateTimeOffset LastAskedAt { get; init; }
}

/// <summary>An article readers voted on in the period.</summary>
public sealed class FaqArticleInsight
{
    /// <summary>Gets the article id.</summary>
    /// <value>The id.</value>
    public long ArticleId { get; init; }

    /// <summary>Gets the article's language.</summary>
    /// <value>A locale.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the article's title, when it is still in the help center.</summary>
    /// <value>The title, or <see langword="null"/>.</value>
    public string? Title { get; init; }

    /// <summary>Gets the "not helpful" votes in the period.</summary>
    /// <value>The count.</value>
    public int NotHelpful { get; init; }

    /// <summary>Gets the "helpful" votes in the period.</summary>
    /// <value>The count.</value>
    public int Helpful { get; init; }

    /// <summary>Gets the latest comments left with a "not helpful" vote (screened for secrets when they were sent).</summary>
    /// <value>Up to three comments, newest first.</value>
    public IReadOnlyList<string> Comments { get; init; } = [];
}

/// <summary>Chats started on one UTC day in one language, and how many the bot answered without a person.</summary>
public sealed class FaqDeflection
{
    /// <summary>Gets the UTC day.</summary>
    /// <value>The date as <c>yyyy-MM-dd</c>.</value>
    public string Date { get; init; } = string.Empty;

    /// <summary>Gets the language.</summary>
    /// <value>A locale.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the chats started.</summary>
    /// <value>The count.</value>
    public int Chats { get; init; }

    /// <summary>Gets the chats in which the bot answered at least one question from the help center.</summary>
    /// <value>The count.</value>
    public int AnsweredByBot { get; init; }

    /// <summary>Gets the chats the bot answered that never went to a person.</summary>
    /// <value>The count.</value>
    public int Deflected { get; init; }

    /// <summary>Gets <see cref="Deflected"/> ÷ <see cref="Chats"/>.</summary>
    /// <value>0 to 1.</value>
    public double Rate { get; init; }
}

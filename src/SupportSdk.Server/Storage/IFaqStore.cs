namespace SupportSdk.Server.Storage;

/// <summary>The help center (categories, sections and articles in every locale) and readers' votes.</summary>
internal interface IFaqStore
{
    Task ImportFaqAsync(FaqImport import, CancellationToken cancellationToken);

    Task<FaqImport> LoadFaqAsync(CancellationToken cancellationToken);

    /// <summary>Records one voter's vote on an article (a later vote replaces theirs, so each voter counts once) and
    /// returns the counts; null when the article does not exist.</summary>
    Task<(int Helpful, int NotHelpful)?> AddArticleFeedbackAsync(ArticleVote vote, CancellationToken cancellationToken);

    Task<(int Helpful, int NotHelpful)> GetArticleFeedbackAsync(long articleId, string locale, CancellationToken cancellationToken);
}

/// <summary>A reader's vote on an article: <paramref name="Voter"/> is the user's scope, or the client address for
/// anonymous readers.</summary>
internal sealed record ArticleVote(long ArticleId, string Locale, string Voter, bool Helpful, string? Comment, DateTimeOffset At);

/// <summary>A help center: categories, sections and articles in every locale.</summary>
internal sealed record FaqImport(IReadOnlyList<StoredCategory> Categories, IReadOnlyList<StoredSection> Sections, IReadOnlyList<StoredArticle> Articles);

internal sealed record StoredCategory(long Id, string Locale, string Name, string? Description, int Position);

internal sealed record StoredSection(long Id, string Locale, long? CategoryId, string Name, string? Description, int Position);

internal sealed record StoredArticle(long Id, string Locale, string? ExternalId, long? SectionId, string Title, string BodyHtml,
    string BodyText, IReadOnlyList<string> Labels, string? Url, int Position, DateTimeOffset UpdatedAt);

using System.Globalization;
using SupportSdk.Core;
using SupportSdk.Security;

namespace SupportSdk;

/// <summary>The public help center: search, as-you-type suggestions, articles, sections and feedback. No credential is needed.</summary>
public class FaqClient
{
    private readonly SupportPipeline? _pipeline;
    private readonly MessageScreening? _screening;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected FaqClient()
    {
    }

    internal FaqClient(SupportPipeline pipeline, MessageScreening screening)
    {
        _pipeline = pipeline;
        _screening = screening;
    }

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    private MessageScreening Screening => _screening ?? throw new InvalidOperationException("This instance was created for mocking.");

    private string Locale(string? locale) => locale ?? Pipeline.Settings.DefaultLocale;

    /// <summary>Searches the help center; falls back to another locale when the asked one has no match.</summary>
    /// <param name="query">What the user typed (1–200 characters).</param>
    /// <param name="locale">The locale, e.g. <c>zh-cn</c>; default <see cref="SupportClientOptions.DefaultLocale"/>.</param>
    /// <param name="limit">The most results (1–50).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results, best first.</returns>
    /// <exception cref="SensitiveDataException">The query holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">400 <c>invalid_query</c> for an empty or too long query.</exception>
    public virtual Task<FaqSearchResults> SearchArticlesAsync(string query, string? locale = null, int limit = 10, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        query = Screening.Outgoing(new CustomerField("q", query))[0]!;
        return Pipeline.SendAsync("Faq.Search", HttpMethod.Get, Query.Path("v1/faq/search").Add("q", query).Add("locale", Locale(locale)).Add("limit", limit).ToString(),
            null, SupportJsonContext.Default.FaqSearchResults, null, cancellationToken);
    }

    /// <summary>Suggests articles while the user types (ticket deflection); the last word counts as a prefix.</summary>
    /// <param name="text">The text so far.</param>
    /// <param name="locale">The locale; default <see cref="SupportClientOptions.DefaultLocale"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to five suggestions.</returns>
    /// <exception cref="SensitiveDataException">The text holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<FaqSuggestions> SuggestArticlesAsync(string text, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Screening.Outgoing(new CustomerField("q", text))[0] ?? string.Empty;
        return Pipeline.SendAsync("Faq.Suggest", HttpMethod.Get, Query.Path("v1/faq/suggest").Add("q", text).Add("locale", Locale(locale)).ToString(),
            null, SupportJsonContext.Default.FaqSuggestions, null, cancellationToken);
    }

    /// <summary>Gets an article in the locale, or its nearest translation.</summary>
    /// <param name="articleId">The article id.</param>
    /// <param name="locale">The locale; default <see cref="SupportClientOptions.DefaultLocale"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The article.</returns>
    /// <exception cref="SupportApiException">404 <c>article_not_found</c>.</exception>
    public virtual Task<FaqArticle> GetArticleAsync(long articleId, string? locale = null, CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync("Faq.Article", HttpMethod.Get,
            Query.Path("v1/faq/articles/{0}", articleId.ToString(CultureInfo.InvariantCulture)).Add("locale", Locale(locale)).ToString(),
            null, SupportJsonContext.Default.FaqArticle, null, cancellationToken);

    /// <summary>Lists the help center's sections with their articles.</summary>
    /// <param name="locale">The locale; default <see cref="SupportClientOptions.DefaultLocale"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sections in display order.</returns>
    /// <exception cref="SupportApiException">The server could not be reached.</exception>
    public virtual Task<FaqSectionList> GetSectionsAsync(string? locale = null, CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync("Faq.Sections", HttpMethod.Get, Query.Path("v1/faq/sections").Add("locale", Locale(locale)).ToString(),
            null, SupportJsonContext.Default.FaqSectionList, null, cancellationToken);

    /// <summary>Records whether an article helped (one vote per reader: voting again replaces the reader's vote).</summary>
    /// <param name="articleId">The article id.</param>
    /// <param name="helpful">Whether it helped.</param>
    /// <param name="locale">The translation read; default <see cref="SupportClientOptions.DefaultLocale"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    /// <exception cref="SupportApiException">404 <c>article_not_found</c>.</exception>
    public virtual Task SendFeedbackAsync(long articleId, bool helpful, string? locale = null, CancellationToken cancellationToken = default) =>
        SendFeedbackAsync(articleId, new FaqFeedbackRequest { Helpful = helpful }, locale, cancellationToken);

    /// <summary>Records whether an article helped, with what was missing in the reader's words.</summary>
    /// <param name="articleId">The article id.</param>
    /// <param name="feedback">The vote and an optional comment (at most 500 characters), screened for secrets first.</param>
    /// <param name="locale">The translation read; default <see cref="SupportClientOptions.DefaultLocale"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    /// <exception cref="SensitiveDataException">The comment holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">404 <c>article_not_found</c>.</exception>
    public virtual async Task SendFeedbackAsync(long articleId, FaqFeedbackRequest feedback, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        feedback = Screening.Outgoing(feedback);
        using var response = await Pipeline.SendRawAsync("Faq.Feedback", HttpMethod.Post,
            Query.Path("v1/faq/articles/{0}/feedback", articleId.ToString(CultureInfo.InvariantCulture)).Add("locale", Locale(locale)).ToString(),
            SupportPipeline.Json(feedback, SupportJsonContext.Default.FaqFeedbackRequest), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets what the help center and the bot did not answer (agents only): queries with no or poor results,
    /// the articles with the most "not helpful" votes, and the chats the bot answered without a person per day and
    /// language.</summary>
    /// <param name="days">How many days back from now, 1 to 90.</param>
    /// <param name="limit">How many queries and articles at most, 1 to 100.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The insights.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> or <paramref name="limit"/> is out of range.</exception>
    /// <exception cref="SupportApiException">401/403 without an agent key.</exception>
    public virtual Task<FaqInsights> GetInsightsAsync(int days = 7, int limit = 20, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 90);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100);
        return Pipeline.SendAsync("Faq.Insights", HttpMethod.Get, Query.Path("v1/agent/faq/insights").Add("days", days).Add("limit", limit).ToString(),
            null, SupportJsonContext.Default.FaqInsights, null, cancellationToken);
    }
}

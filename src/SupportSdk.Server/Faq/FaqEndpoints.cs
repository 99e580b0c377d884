using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Security;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Security;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Faq;

/// <summary>The public help-center endpoints: no credential needed.</summary>
internal static class FaqEndpoints
{
    private const int MaxQuery = 200;
    private const int MaxComment = 500;

    public static void Map(RouteGroupBuilder v1)
    {
        var faq = v1.MapGroup("/faq").Allow(PrincipalKinds.Anonymous).WithTags("FAQ");
        faq.MapGet("/search", SearchAsync).Produces<FaqSearchResults>().WithName("SearchFaq");
        faq.MapGet("/suggest", SuggestAsync).Produces<FaqSuggestions>().WithName("SuggestFaq");
        faq.MapGet("/articles/{id}", ArticleAsync).Produces<FaqArticle>().WithName("GetFaqArticle");
        faq.MapGet("/sections", SectionsAsync).Produces<FaqSectionList>().WithName("ListFaqSections");
        faq.MapPost("/articles/{id}/feedback", FeedbackAsync).Idempotent().Accepts<FaqFeedbackRequest>("application/json").Produces(204).WithName("SendFaqFeedback");
    }

    private static async Task<IResult> SearchAsync(HttpContext http, FaqCatalog catalog, MessageGuard guard, FaqInsightsRecorder insights, IOptions<SupportServerOptions> options)
    {
        var asked = http.Request.Query["q"].ToString();
        if (string.IsNullOrWhiteSpace(asked) || asked.Length > MaxQuery)
        {
            throw ApiError.Query("q", $"Send a query of 1–{MaxQuery} characters.");
        }

        var query = guard.Screen(new CustomerField("q", asked))[0]!;

        var locale = Locale(http, options);
        var limit = Cursors.Limit(http.Request, 10, 50);
        var snapshot = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var results = snapshot.Search(query, locale, limit);
        insights.Searched(http.Principal().Scope, locale, asked, results, Chat.ChatBot.MinScore);
        http.Response.Headers.CacheControl = "public, max-age=60";
        return TypedResults.Json(results, WireJson.Support.FaqSearchResults);
    }

    private static async Task<IResult> SuggestAsync(HttpContext http, FaqCatalog catalog, MessageGuard guard, IOptions<SupportServerOptions> options)
    {
        var query = http.Request.Query["q"].ToString();
        if (query.Length > MaxQuery)
        {
            throw ApiError.Query("q", $"At most {MaxQuery} characters.");
        }

        query = guard.Screen(new CustomerField("q", query))[0] ?? string.Empty;

        var locale = Locale(http, options);
        var limit = Cursors.Limit(http.Request, 5, 10);
        var snapshot = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var hits = string.IsNullOrWhiteSpace(query) ? new FaqSearchResults() : snapshot.Search(query, locale, limit, suggest: true);
        var suggestions = new FaqSuggestions
        {
            Items = [.. hits.Items.Select(h => new FaqArticleSummary { Id = h.Id, Title = h.Title, Locale = h.Locale, Url = h.Url })],
        };
        return TypedResults.Json(suggestions, WireJson.Support.FaqSuggestions);
    }

    private static async Task<IResult> ArticleAsync(string id, HttpContext http, FaqCatalog catalog, IFaqStore store, FaqInsightsRecorder insights, IOptions<SupportServerOptions> options)
    {
        var locale = Locale(http, options);
        var snapshot = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var article = FindArticle(snapshot, id, locale);
        insights.Opened(http.Principal().Scope, article.Id);
        var (helpful, notHelpful) = await store.GetArticleFeedbackAsync(article.Id, article.Locale, http.RequestAborted).ConfigureAwait(false);
        var result = new FaqArticle
        {
            Id = article.Id,
            ExternalId = article.ExternalId,
            Locale = article.Locale,
            Title = article.Title,
            BodyHtml = article.BodyHtml,
            BodyText = article.BodyText,
            SectionId = article.SectionId,
            Labels = article.Labels,
            Url = article.Url,
            UpdatedAt = article.UpdatedAt,
            HelpfulCount = helpful,
            NotHelpfulCount = notHelpful,
        };
        return TypedResults.Json(result, WireJson.Support.FaqArticle);
    }

    private static async Task<IResult> SectionsAsync(HttpContext http, FaqCatalog catalog, IOptions<SupportServerOptions> options)
    {
        var locale = Locale(http, options);
        var snapshot = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var chosen = snapshot.FallbackOrder(locale).FirstOrDefault(l => snapshot.Import.Sections.Any(s => s.Locale == l));
        // A category missing in this locale falls back to its translation in the nearest locale.
        var order = snapshot.FallbackOrder(chosen ?? locale).ToList();
        var categories = snapshot.Import.Categories
            .OrderBy(c => c.Locale == chosen ? -1 : order.IndexOf(c.Locale) is var i and >= 0 ? i : int.MaxValue)
            .DistinctBy(c => c.Id)
            .ToDictionary(c => c.Id);
        var articles = snapshot.Import.Articles.Where(a => a.Locale == chosen).ToLookup(a => a.SectionId);
        var sections = snapshot.Import.Sections.Where(s => s.Locale == chosen)
            .OrderBy(s => s.CategoryId is { } c && categories.TryGetValue(c, out var cat) ? cat.Position : int.MaxValue)
            .ThenBy(s => s.Position).ThenBy(s => s.Id)
            .Select(s => new FaqSection
            {
                Id = s.Id,
                Locale = s.Locale,
                Name = s.Name,
                Description = s.Description,
                CategoryId = s.CategoryId,
                CategoryName = s.CategoryId is { } c && categories.TryGetValue(c, out var cat) ? cat.Name : null,
                Position = s.Position,
                Articles = [.. articles[s.Id].OrderBy(a => a.Position).ThenBy(a => a.Id)
                    .Select(a => new FaqArticleSummary { Id = a.Id, Title = a.Title, Locale = a.Locale, Url = a.Url })],
            });
        return TypedResults.Json(new FaqSectionList { Items = [.. sections] }, WireJson.Support.FaqSectionList);
    }

    /// <summary>One vote per reader (user, or client address when anonymous) per article: voting again replaces the
    /// reader's earlier vote instead of adding one.</summary>
    private static async Task<IResult> FeedbackAsync(string id, HttpContext http, FaqCatalog catalog, IFaqStore store, MessageGuard guard, FaqInsightsRecorder insights,
        TimeProvider time, IOptions<SupportServerOptions> options)
    {
        var locale = Locale(http, options);
        var snapshot = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var article = FindArticle(snapshot, id, locale);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.FaqFeedbackRequest).ConfigureAwait(false);
        new Validation().Check(request.Comment is null || request.Comment.Length <= MaxComment, "comment", $"At most {MaxComment} characters.").ThrowIfInvalid();
        var comment = SupportSdk.Server.Security.AntiPhishing.RedactOptional(guard.Screen(request).Comment, http.Principal())?.Trim();
        var vote = new ArticleVote(article.Id, article.Locale, http.Principal().Scope, request.Helpful, string.IsNullOrEmpty(comment) ? null : comment, time.GetUtcNow());
        await store.AddArticleFeedbackAsync(vote, CancellationToken.None).ConfigureAwait(false);
        if (!request.Helpful)
        {
            insights.VotedNotHelpful(vote.Voter, article.Id);
        }

        return TypedResults.NoContent();
    }

    private static StoredArticle FindArticle(FaqSnapshot snapshot, string id, string locale) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var articleId)
        && snapshot.Find(articleId, locale) is { } article
            ? article
            : throw new ApiError(404, ErrorCodes.ArticleNotFound, "The article does not exist.");

    private static string Locale(HttpContext http, IOptions<SupportServerOptions> options)
    {
        var raw = http.Request.Query["locale"].ToString();
        return raw.Length == 0 ? options.Value.DefaultLocale : Locales.Normalize(raw) ?? throw ApiError.Query("locale", "Use a language tag such as en-us or zh-cn.");
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Faq;

/// <summary><c>GET /v1/agent/faq/insights</c>: what the help center and the bot did not answer, for support leads.</summary>
internal static class FaqInsightsEndpoints
{
    public const int MaxDays = 90;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/agent/faq/insights", GetAsync).Allow(PrincipalKinds.Agent).WithTags("Agent").Produces<FaqInsights>().WithName("GetFaqInsights");
    }

    /// <summary><c>days</c> (1–90, default 7) back from now; <c>limit</c> (1–100, default 20) queries and articles.</summary>
    private static async Task<IResult> GetAsync(HttpContext http, IFaqInsightsStore store, FaqInsightsRecorder recorder, FaqCatalog catalog, TimeProvider time)
    {
        var days = Days(http.Request);
        var limit = Cursors.Limit(http.Request, 20, 100);
        await recorder.FlushAsync(http.RequestAborted).ConfigureAwait(false);
        var until = time.GetUtcNow();
        var since = until - TimeSpan.FromDays(days);
        var data = await store.GetFaqInsightsAsync(since, until, limit, http.RequestAborted).ConfigureAwait(false);
        var snapshot = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        var insights = new FaqInsights
        {
            Since = since,
            Until = until,
            PoorQueries = [.. data.PoorQueries.Select(q => new FaqQueryInsight
            {
                Query = q.Query,
                Locale = q.Locale,
                Asked = q.Asked,
                Unanswered = q.Unanswered,
                Clicked = q.Clicked,
                VotedNotHelpful = q.VotedNotHelpful,
                AskedForPerson = q.AskedForPerson,
                LastAskedAt = q.LastAskedAt,
            })],
            WithheldQueries = data.Withheld,
            NotHelpfulArticles = [.. data.NotHelpfulArticles.Select(a => new FaqArticleInsight
            {
                ArticleId = a.ArticleId,
                Locale = a.Locale,
                Title = snapshot.Find(a.ArticleId, a.Locale) is { } article && article.Locale == a.Locale ? article.Title : null,
                NotHelpful = a.NotHelpful,
                Helpful = a.Helpful,
                Comments = a.Comments,
            })],
            Deflection = [.. data.Deflection.Select(d => new FaqDeflection
            {
                Date = d.Date,
                Locale = d.Locale,
                Chats = d.Chats,
                AnsweredByBot = d.AnsweredByBot,
                Deflected = d.Deflected,
                Rate = d.Chats == 0 ? 0 : Math.Round((double)d.Deflected / d.Chats, 4),
            })],
        };
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(insights, WireJson.Support.FaqInsights);
    }

    private static int Days(HttpRequest request)
    {
        var raw = request.Query["days"].ToString();
        if (raw.Length == 0)
        {
            return 7;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays
            ? days
            : throw ApiError.Query("days", $"A whole number of days from 1 to {MaxDays}.");
    }
}

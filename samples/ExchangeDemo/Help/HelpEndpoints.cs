using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using SupportSdk;

namespace ExchangeDemo.Help;

/// <summary>The little JSON endpoint behind search-as-you-type (help center and ticket deflection), and the language switch.</summary>
public static class HelpEndpoints
{
    public static void MapHelpEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/help/suggest", async (string? q, UiContext ui, SupportConnection support, HttpContext http) =>
        {
            if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
            {
                return Results.Json(new SuggestionList([]), DemoJson.Default.SuggestionList);
            }

            var client = await support.ForAsync(ui.User);
            try
            {
                var suggestions = await client.Faq.SuggestArticlesAsync(q.Trim(), ui.Locale, http.RequestAborted);
                return Results.Json(new SuggestionList([.. suggestions.Items.Select(a => new Suggestion(a.Id, a.Title, "/help/articles/" + a.Id))]),
                    DemoJson.Default.SuggestionList);
            }
            catch (SupportApiException e) when (e.Status is 400 or 429 || e.IsTransient)
            {
                // Suggestions are a nicety: an empty list, never an error in the search box.
                return Results.Json(new SuggestionList([]), DemoJson.Default.SuggestionList);
            }
        });

    /// <summary><c>/lang/{locale}?returnUrl=</c>: remembers the visitor's language in a cookie and goes back.</summary>
    public static void MapLanguageSwitch(this IEndpointRouteBuilder app) =>
        app.MapGet("/lang/{locale}", (string locale, string? returnUrl, HttpContext http) =>
        {
            if (Locales.Normalize(locale) is { } picked)
            {
                http.Response.Cookies.Append(Locales.CookieName, picked, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    MaxAge = TimeSpan.FromDays(365),
                    IsEssential = true,
                });
            }

            return Results.LocalRedirect(returnUrl is { Length: > 0 } && IsLocal(returnUrl) ? returnUrl : "/");
        });

    private static bool IsLocal(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}

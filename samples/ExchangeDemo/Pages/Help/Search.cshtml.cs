using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages.Help;

/// <summary><c>/help/search?q=</c>: ranked results with highlighted snippets.</summary>
public sealed class SearchModel(UiContext ui, SupportConnection support) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string Query { get; set; } = string.Empty;

    public IReadOnlyList<FaqSearchHit> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Query = Query.Trim();
        if (Query.Length == 0)
        {
            return Redirect("/help");
        }

        var client = await support.ForAsync(ui.User);
        try
        {
            Results = (await client.Faq.SearchArticlesAsync(Query, ui.Locale, 10, HttpContext.RequestAborted)).Items;
        }
        catch (SupportApiException e) when (e.Status == 400)
        {
            Results = [];
        }

        return Page();
    }
}

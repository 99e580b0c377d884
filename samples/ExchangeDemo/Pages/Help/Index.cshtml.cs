using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages.Help;

/// <summary>The help center home: its sections and their articles, in the visitor's language.</summary>
public sealed class IndexModel(UiContext ui, SupportConnection support) : PageModel
{
    public IReadOnlyList<FaqSection> Sections { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var client = await support.ForAsync(ui.User);
        Sections = (await client.Faq.GetSectionsAsync(ui.Locale, HttpContext.RequestAborted)).Items;
    }
}

using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages.Help;

/// <summary>An article, with "Was this helpful?" (Faq.SendFeedbackAsync).</summary>
public sealed class ArticleModel(UiContext ui, SupportConnection support) : PageModel
{
    public FaqArticle Article { get; private set; } = new();

    public bool FeedbackSent { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, bool thanks = false)
    {
        var client = await support.ForAsync(ui.User);
        try
        {
            Article = await client.Faq.GetArticleAsync(id, ui.Locale, HttpContext.RequestAborted);
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return NotFound();
        }

        FeedbackSent = thanks;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, bool helpful)
    {
        var client = await support.ForAsync(ui.User);
        await client.Faq.SendFeedbackAsync(id, helpful, ui.Locale, HttpContext.RequestAborted);
        return RedirectToPage(new { id, thanks = true });
    }
}

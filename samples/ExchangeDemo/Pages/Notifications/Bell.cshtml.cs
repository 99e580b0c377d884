using ExchangeDemo.Localization;
using ExchangeDemo.Notifications;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ExchangeDemo.Pages.Notifications;

/// <summary>The bell alone (no layout), for the page's script to swap in when the inbox changed; "mark all as read".</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class BellModel(UiContext ui, NotificationInbox inbox) : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPostReadAll()
    {
        inbox.MarkAllRead(ui.User!.Id);
        return Page();
    }
}

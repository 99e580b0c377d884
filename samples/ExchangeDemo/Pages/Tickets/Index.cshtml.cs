using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages.Tickets;

/// <summary>The signed-in user's tickets (their own only: the user token decides), newest first.</summary>
public sealed class IndexModel(UiContext ui, SupportConnection support) : PageModel
{
    public IReadOnlyList<Ticket> Tickets { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var client = await support.ForUserAsync(ui.User!);
        await foreach (var page in client.Tickets.GetTicketsAsync(pageSize: 50).AsPages(cancellationToken: HttpContext.RequestAborted))
        {
            Tickets = page.Items;
            break;
        }
    }
}

using ExchangeDemo.Localization;
using ExchangeDemo.Notifications;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SupportSdk;

namespace ExchangeDemo.Pages;

/// <summary>The live chat page: resumes the user's open chat, or offers to start one. The script does the rest.</summary>
public sealed class ChatModel(UiContext ui, SupportConnection support, NotificationInbox notifications) : PageModel
{
    public string? OpenChatId { get; private set; }

    public bool Unavailable { get; private set; }

    /// <summary>When agents are back, while support is closed and nobody is online (the bot answers meanwhile).</summary>
    public DateTimeOffset? AgentsBackAt { get; private set; }

    public async Task OnGetAsync()
    {
        var client = await support.ForUserAsync(ui.User!);
        try
        {
            await foreach (var page in client.Chat.GetChatsAsync(pageSize: 10).AsPages(cancellationToken: HttpContext.RequestAborted))
            {
                OpenChatId = page.Items.FirstOrDefault(c => c.Status != ChatStatus.Closed)?.Id;
                break;
            }

            var status = await client.GetStatusAsync(HttpContext.RequestAborted);
            AgentsBackAt = status is { IsOpen: false, AgentsOnline: 0 } ? status.NextOpensAt : null;
            if (OpenChatId is not null)
            {
                notifications.MarkReadAbout(ui.User!.Id, null, OpenChatId); // the user is looking at it
            }
        }
        catch (SupportApiException e) when (e.Status is 404 or 405 || e.IsTransient)
        {
            // A support server without live chat (or unreachable): say so instead of failing the page.
            Unavailable = true;
        }
    }
}

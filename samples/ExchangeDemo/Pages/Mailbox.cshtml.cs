using ExchangeDemo.Localization;
using ExchangeDemo.Mailbox;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MimeKit;

namespace ExchangeDemo.Pages;

/// <summary>The signed-in user's mailbox: the support mail the embedded server sent them (the demo's own SMTP sink).</summary>
public sealed class MailboxModel(UiContext ui, IServiceProvider services) : PageModel
{
    public bool Available { get; private set; }

    public IReadOnlyList<(DateTimeOffset At, MimeMessage Message)> Mail { get; private set; } = [];

    public void OnGet()
    {
        if (services.GetService<DemoMailbox>() is { } mailbox)
        {
            Available = true;
            Mail = mailbox.For(ui.User!.Email);
        }
    }
}

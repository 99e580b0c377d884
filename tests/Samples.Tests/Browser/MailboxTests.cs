using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>Support mail in the demo: "Email me replies" on a ticket, an agent's reply, and the mail in the user's
/// mailbox with the anti-phishing code in its first line, DKIM-signed, with the ticket's reply address.</summary>
[TestFixture]
public sealed class MailboxTests : BrowserTest
{
    [Test]
    [CancelAfter(45_000)]
    public async Task An_agents_reply_arrives_in_the_mailbox_with_the_code_first()
    {
        await SignInAsync(Page, "demo-alice");
        var subject = "Mail me " + Guid.NewGuid().ToString("N")[..6];
        await Page.GotoAsync("/tickets/new");
        await Page.Locator("#Subject").FillAsync(subject);
        await Page.Locator("#Body").FillAsync("Please answer by e-mail too.");
        await Page.Locator("#submit-ticket").ClickAsync();
        await Expect(Page.Locator("#ticket-subject")).ToHaveTextAsync(subject);
        var ticketId = Page.Url[(Page.Url.LastIndexOf('/') + 1)..];
        await Page.Locator("#email-me").ClickAsync();
        await Expect(Page.Locator("#email-on")).ToBeVisibleAsync();

        using (var agent = Agent())
        {
            await agent.AgentTickets.AddMessageAsync(ticketId, new SupportSdk.ReplyRequest { Body = "Thanks Alice, we are checking it now." });
        }

        var mail = Page.Locator(".mail", new() { HasText = ticketId });
        for (var attempt = 0; attempt < 30 && await mail.CountAsync() == 0; attempt++)
        {
            await Task.Delay(300); // the outbox sends it a moment after the reply is stored
            await Page.GotoAsync("/mailbox");
        }

        await Expect(mail).ToHaveCountAsync(1);
        await Expect(mail.Locator(".mail-code")).ToHaveTextAsync("Your anti-phishing code: BlueOtter42");
        await Expect(mail).ToContainTextAsync("Thanks Alice, we are checking it now.");
        await Expect(mail).ToContainTextAsync("support+" + ticketId + "@support.example-exchange.com");
        await Expect(mail).ToContainTextAsync("DKIM-signed");
        await ScreenshotAsync("mailbox");
    }
}

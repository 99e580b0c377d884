using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// The demo exchange protecting the account, in the browser: "Lock my account" on a ticket and in chat (Chinese)
/// locks the wallet at once and refuses a withdrawal until the exchange's own identity check unlocks it; "Get help" on
/// a deposit answers from the made-up chain before a ticket is sent, and the ticket carries it; support's messages
/// show the user's anti-phishing code; a downloaded transcript verifies on /verify, and a changed or foreign one does not.
/// </summary>
[TestFixture]
public sealed class AccountProtectionTests : BrowserTest
{
    private static async Task UnlockAsync(IPage page)
    {
        await page.GotoAsync("/");
        if (await page.Locator("#unlock-account").IsVisibleAsync())
        {
            await page.Locator("#unlock-account").ClickAsync();
        }

        await Expect(page.Locator("#account-locked-banner")).ToHaveCountAsync(0);
    }

    private async Task<string> OpenTicketAsync(string subject)
    {
        await Page.GotoAsync("/tickets/new");
        await Page.Locator("#Subject").FillAsync(subject);
        await Page.Locator("#Body").FillAsync("Something looks wrong with my account.");
        await Page.Locator("#submit-ticket").ClickAsync();
        await Expect(Page.Locator("#ticket-subject")).ToHaveTextAsync(subject);
        return Page.Url;
    }

    [Test]
    [CancelAfter(45_000)]
    public async Task Lock_my_account_on_a_ticket_locks_the_wallet_at_once_and_a_withdrawal_is_refused_until_the_identity_check()
    {
        await SignInAsync(Page, "demo-alice");
        try
        {
            await OpenTicketAsync("Strange login " + Guid.NewGuid().ToString("N")[..6]);
            await Page.Locator("#lock-account-button").ClickAsync();

            // The urgent security ticket, with support's note carrying Alice's anti-phishing code.
            await Expect(Page.Locator("#ticket-subject")).ToHaveTextAsync("Account lock requested");
            await Expect(Page.Locator("#account-locked-banner")).ToContainTextAsync("Account locked: withdrawals disabled");
            await Expect(Page.Locator("#messages .official-badge").First).ToContainTextAsync("BlueOtter42");
            await ScreenshotAsync("security-ticket");

            await Page.GotoAsync("/");
            await Expect(Page.Locator("#wallet-locked")).ToBeVisibleAsync();
            await Page.Locator("#withdraw-amount").FillAsync("100");
            await Page.Locator("#withdraw-address").FillAsync("TQ5NvaeP1qDnCkRTmtYPPhoZuYkhV6vW1q");
            await Page.Locator("#withdraw-submit").ClickAsync();
            await Expect(Page.Locator("#withdrawal-result")).ToHaveAttributeAsync("data-outcome", "refused");
            await Expect(Page.Locator("#withdrawal-result")).ToContainTextAsync("your account is locked");
            await ScreenshotAsync("withdrawal-refused");

            await Page.Locator("#unlock-account").ClickAsync();
            await Page.Locator("#withdraw-amount").FillAsync("100");
            await Page.Locator("#withdraw-address").FillAsync("TQ5NvaeP1qDnCkRTmtYPPhoZuYkhV6vW1q");
            await Page.Locator("#withdraw-submit").ClickAsync();
            await Expect(Page.Locator("#withdrawal-result")).ToHaveAttributeAsync("data-outcome", "sent");
        }
        finally
        {
            await UnlockAsync(Page);
        }
    }

    [Test]
    [CancelAfter(45_000)]
    public async Task Saying_the_account_was_hacked_in_chinese_chat_offers_the_lock_and_the_tap_locks_it()
    {
        await SignInAsync(Page, "demo-lilei");
        try
        {
            await Page.GotoAsync("/chat");
            if (await Page.Locator("#chat-end").IsVisibleAsync())
            {
                await Page.Locator("#chat-end").ClickAsync();
            }

            await Page.Locator("#chat-start-button").ClickAsync();
            await Expect(Page.Locator(".message.role-bot")).ToHaveCountAsync(1);
            await Expect(Page.Locator(".message.role-bot").First.Locator(".official-badge")).ToContainTextAsync("Panda-8866");
            await Page.Locator("#chat-input").FillAsync("我的账号被黑了，币被盗了");
            await Page.Locator("#chat-send").ClickAsync();
            await Expect(Page.Locator(".message.role-bot")).ToHaveCountAsync(2);
            await Expect(Page.Locator(".quick-reply", new() { HasText = "冻结我的账户" })).ToBeVisibleAsync();
            await ScreenshotAsync("lock-offered");

            await Page.Locator(".quick-reply", new() { HasText = "冻结我的账户" }).ClickAsync();
            await Expect(Page.Locator(".message.role-bot").Last).ToContainTextAsync("您的账户已冻结");
            await ScreenshotAsync("locked-in-chat");
            await Page.GotoAsync("/");
            await Expect(Page.Locator("#wallet-locked")).ToContainTextAsync("账户已冻结：提币已停用");
        }
        finally
        {
            await UnlockAsync(Page);
        }
    }

    [TestCase("demo-alice", "t-alice-5", "not_credited", "without the memo")]
    [TestCase("demo-lilei", "t-lilei-1", "pending", "已确认 8/12 次")]
    [TestCase("demo-alice", "t-alice-2", "credited", "was credited to your account")]
    [CancelAfter(45_000)]
    public async Task Get_help_on_a_deposit_checks_the_chain_first_and_the_ticket_carries_the_check(string user, string transfer, string status, string says)
    {
        await SignInAsync(Page, user);
        await Page.GotoAsync("/");
        await Page.Locator($"#transfer-{transfer} .get-help").ClickAsync();
        var lookup = Page.Locator("#deposit-lookup");
        await Expect(lookup).ToHaveAttributeAsync("data-status", status);
        await Expect(lookup).ToContainTextAsync(says);
        await ScreenshotAsync("deposit-check");

        await Page.Locator("#Subject").FillAsync("Deposit " + transfer + " " + Guid.NewGuid().ToString("N")[..6]);
        await Page.Locator("#submit-ticket").ClickAsync();
        await Expect(Page.Locator("#ticket-subject")).ToBeVisibleAsync();
        await Expect(Page.Locator("#transaction ~ #deposit-lookup")).ToHaveAttributeAsync("data-status", status);
    }

    [Test]
    [CancelAfter(45_000)]
    public async Task A_downloaded_transcript_is_genuine_on_verify_and_a_changed_or_foreign_one_is_not()
    {
        await SignInAsync(Page, "demo-alice");
        var subject = "Transcript check " + Guid.NewGuid().ToString("N")[..6];
        var url = await OpenTicketAsync(subject);
        var ticketId = url[(url.LastIndexOf('/') + 1)..];
        using (var agent = Agent())
        {
            await agent.AgentTickets.AddMessageAsync(ticketId, new SupportSdk.ReplyRequest { Body = "Support will never ask for your seed phrase. We are checking." });
        }

        await Page.ReloadAsync();
        await Expect(Page.Locator("#messages .official-badge")).ToContainTextAsync("BlueOtter42");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#download-transcript").ClickAsync());
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "transcript-" + ticketId + ".json");
        await download.SaveAsAsync(file);
        var json = await File.ReadAllTextAsync(file);
        Assert.That(json, Does.Not.Contain("BlueOtter42"), "the code is never in a transcript for third parties");

        await Page.GotoAsync("/verify");
        await Page.Locator("#transcript-file").SetInputFilesAsync(file);
        await Page.Locator("#transcript-check-button").ClickAsync();
        await Expect(Page.Locator("#transcript-verdict")).ToHaveAttributeAsync("data-verdict", "genuine");
        await Expect(Page.Locator("#transcript-verdict")).ToContainTextAsync("2 message(s)");
        await ScreenshotAsync("genuine");

        var changed = json.Replace("never ask", "always ask", StringComparison.Ordinal);
        Assert.That(changed, Is.Not.EqualTo(json));
        await Page.Locator("#transcript-pasted").FillAsync(changed);
        await Page.Locator("#transcript-check-button").ClickAsync();
        await Expect(Page.Locator("#transcript-verdict")).ToHaveAttributeAsync("data-verdict", "altered");
        await Expect(Page.Locator("#transcript-verdict")).ToContainTextAsync("message 2 was changed");
        await ScreenshotAsync("altered");

        var foreign = Regex.Replace(json, "\"keyId\":\"[0-9a-f]{16}\"", "\"keyId\":\"0123456789abcdef\"");
        await Page.Locator("#transcript-pasted").FillAsync(foreign);
        await Page.Locator("#transcript-check-button").ClickAsync();
        await Expect(Page.Locator("#transcript-verdict")).ToHaveAttributeAsync("data-verdict", "untrusted");
        await Expect(Page.Locator("#transcript-verdict")).ToContainTextAsync("Not from Example Exchange");
    }
}

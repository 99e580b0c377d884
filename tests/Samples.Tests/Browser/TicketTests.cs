using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>"Get help" on a withdrawal opens a ticket carrying the transaction; only its owner sees it.</summary>
[TestFixture]
public sealed class TicketTests : BrowserTest
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Get_help_on_a_withdrawal_creates_a_ticket_with_the_transaction_that_only_its_owner_sees()
    {
        await SignInAsync(Page, "demo-alice");
        await Expect(Page.Locator("#transfers")).ToBeVisibleAsync();
        await ScreenshotAsync("wallet");

        await Page.Locator("#transfer-t-alice-1 .get-help").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets/new\\?tx=t-alice-1$"));
        var subject = Page.Locator("#Subject");
        await Expect(subject).ToHaveValueAsync("Withdrawal of 250 USDT (TRC20) not received");
        await Expect(Page.Locator("#Category")).ToHaveValueAsync("withdrawal");
        await Expect(Page.Locator("#transaction")).ToContainTextAsync("TRC20");

        // Deflection: articles suggested while typing the subject.
        await subject.FillAsync(string.Empty);
        await subject.PressSequentiallyAsync("Withdrawal pending");
        await Expect(Page.Locator("#deflection-box")).ToBeVisibleAsync();
        await Expect(Page.Locator("#deflection li").First).ToBeVisibleAsync();
        var unique = "Withdrawal of 250 USDT pending " + Guid.NewGuid().ToString("N")[..6];
        await subject.FillAsync(unique);
        await ScreenshotAsync("new-ticket");

        await Page.Locator("#submit-ticket").ClickAsync();
        await Expect(Page.Locator("#ticket-subject")).ToHaveTextAsync(unique);
        var txId = await Page.Locator("#transaction code").TextContentAsync();
        Assert.That(txId, Does.Match("^[0-9a-f]{64}$"), "the TRC20 transaction id travelled with the ticket");
        await Expect(Page.Locator("#ticket-status")).ToHaveTextAsync("Open");
        await Expect(Page.Locator("#messages li").First).ToContainTextAsync("has not arrived");
        await ScreenshotAsync("ticket");
        var ticketUrl = Page.Url;

        await Page.GotoAsync("/tickets");
        await Expect(Page.Locator("#tickets")).ToContainTextAsync(unique);
        await ScreenshotAsync("tickets");

        // Another user has their own list: Alice's ticket is not in it, and its address answers 404.
        await using var other = await NewContextAsync();
        var lilei = await other.NewPageAsync();
        await SignInAsync(lilei, "demo-lilei");
        await lilei.GotoAsync("/tickets");
        await Expect(lilei.Locator("h1")).ToHaveTextAsync("我的工单");
        await Expect(lilei.Locator("main")).Not.ToContainTextAsync(unique);
        var alicesTicket = await lilei.GotoAsync(ticketUrl);
        await ScreenshotAsync(lilei, "other-user");
        Assert.That(alicesTicket!.Status, Is.EqualTo(404), "another user's ticket is not found");
        await Expect(lilei.Locator("main")).Not.ToContainTextAsync(unique);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_seed_phrase_in_a_ticket_is_refused_before_anything_is_sent()
    {
        await SignInAsync(Page, "demo-alice");
        await Page.GotoAsync("/tickets/new");
        await Page.Locator("#Subject").FillAsync("Please check my wallet");
        await Page.Locator("#Body").FillAsync("My words: legal winner thank year wave sausage worth useful legal winner thank yellow");
        await Page.Locator("#submit-ticket").ClickAsync();

        await Expect(Page.Locator("#ticket-error")).ToContainTextAsync("seed phrase");
        await Expect(Page.Locator("#Body")).ToHaveValueAsync(string.Empty);
        await Page.GotoAsync("/tickets");
        await Expect(Page.Locator("main")).Not.ToContainTextAsync("Please check my wallet");
    }

    [TestCase("demo-alice", "America/New_York", new[] { "EST", "EDT" })]
    [TestCase("demo-lilei", "Asia/Shanghai", new[] { "GMT+8" })]
    [CancelAfter(60_000)]
    public async Task Times_are_the_visitors_local_time_with_the_zone_named(string userId, string timeZone, string[] zoneNames)
    {
        var page = await NewPageAsync(timeZone: timeZone);
        await SignInAsync(page, userId);
        await page.GotoAsync("/tickets/new");
        await page.Locator("#Subject").FillAsync("Time zone check " + Guid.NewGuid().ToString("N")[..6]);
        await page.Locator("#Body").FillAsync("When was this sent?");
        await page.Locator("#submit-ticket").ClickAsync();
        await Expect(page.Locator("#ticket-subject")).ToContainTextAsync("Time zone check");
        var ticketUrl = page.Url;

        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        foreach (var path in new[] { ticketUrl, "/tickets", "/" })
        {
            await page.GotoAsync(path);
            var times = page.Locator("main time[datetime]");
            Assert.That(await times.CountAsync(), Is.GreaterThan(0), path);
            foreach (var time in await times.AllAsync())
            {
                var at = DateTimeOffset.Parse((await time.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture);
                var local = TimeZoneInfo.ConvertTime(at, zone);
                var text = (await time.TextContentAsync())!;
                Assert.That(text, Does.Contain(local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)), $"{path}: {text} is {at:u} in {timeZone}");
                Assert.That(zoneNames.Any(text.Contains), Is.True, $"{path}: {text} names the zone ({string.Join(" or ", zoneNames)})");
            }

            await ScreenshotAsync(page, "times-" + timeZone.Replace('/', '-'));
        }
    }

    [TestCase("demo-alice")]
    [TestCase("demo-lilei")]
    [CancelAfter(60_000)]
    public async Task Reply_and_close_stand_apart_and_a_transaction_id_never_wraps_a_character_alone_at_any_width(string userId)
    {
        await SignInAsync(Page, userId);
        await Page.GotoAsync("/tickets/new?tx=" + (userId == "demo-alice" ? "t-alice-3" : "t-lilei-3"));
        await Page.Locator("#submit-ticket").ClickAsync();
        await Expect(Page.Locator("#transaction code")).ToBeVisibleAsync();
        foreach (var width in new[] { 320, 360, 390, 414, 480, 540, 600, 768, 1024, 1280 })
        {
            await Page.SetViewportSizeAsync(width, 900);
            await LayoutChecks.AssertCleanAsync(Page, "ticket with a transaction");
            var send = (await Page.Locator("#send-reply").BoundingBoxAsync())!;
            var close = (await Page.Locator("#close-ticket").BoundingBoxAsync())!;
            var apart = close.X >= send.X + send.Width + 8 || close.Y >= send.Y + send.Height + 8;
            Assert.That(apart, Is.True, $"at {width}px 'send reply' ({send.X},{send.Y} {send.Width}x{send.Height}) and 'close ticket' ({close.X},{close.Y}) touch");
        }

        await Page.SetViewportSizeAsync(390, 844);
        await ScreenshotAsync("ticket-390");
    }
}

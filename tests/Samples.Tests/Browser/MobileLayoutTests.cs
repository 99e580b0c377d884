using Microsoft.Playwright;
using SupportSdk;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// Every page on a 390×844 phone screen, signed out and signed in as Alice and as 李雷, with long content in it (an
/// unbroken 200-character subject, a long chat message, a transaction id, a long lookalike link): no sideways scroll,
/// no word or name wrapping a character or two per line, no button on two lines; and a menu that opens and navigates.
/// </summary>
[TestFixture]
public sealed class MobileLayoutTests : BrowserTest
{
    private const int Width = 390;
    private const int Height = 844;
    private static readonly string LongWord = "https://example-exchange.com/withdrawals/" + new string('w', 120);
    private static readonly string Lookalike = "https://www.exаmple-exchange.com/login/" + new string('x', 80);

    [Test]
    [CancelAfter(120_000)]
    public async Task Signed_out_every_page_fits_a_phone()
    {
        var page = await PhoneAsync();
        var article = await ArticleIdAsync();
        foreach (var path in new[] { "/", "/signin", "/help", "/help/search?q=withdrawal%20pending%20for%203%20hours", $"/help/articles/{article}",
                     "/verify?input=" + Uri.EscapeDataString(Lookalike), "/no-such-page", "/agent" })
        {
            await CheckAsync(page, path);
        }

        // The agent console signed in, on the same phone.
        await page.Locator("#key").FillAsync(Demo.AgentKey);
        await page.Locator("#login-form button").ClickAsync();
        await Expect(page.Locator("#console")).ToBeVisibleAsync();
        await LayoutChecks.AssertCleanAsync(page, "the agent console");
        await ScreenshotAsync(page, "agent-console-signed-in");
    }

    [TestCase("demo-alice", "Alice", "en-us")]
    [TestCase("demo-lilei", "李雷", "zh-cn")]
    [CancelAfter(120_000)]
    public async Task Signed_in_every_page_fits_a_phone_with_long_content(string userId, string name, string locale)
    {
        using var user = await SupportAsAsync(userId, name, locale);
        var ticket = await user.Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            Subject = LongWord,
            Body = "Long body " + LongWord + " " + string.Concat(Enumerable.Repeat("提现一直处于审核中，", 20)),
            Category = TicketCategory.Withdrawal,
            Locale = locale,
            Transaction = new TransactionInfo { Asset = "USDT", Network = "ERC20", TxId = "0x" + new string('a', 32) + new string('b', 32), Amount = 1234.56789m, Direction = TransactionDirection.Withdrawal },
        });
        using (var agent = Agent())
        {
            await agent.AgentTickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "We are checking it: " + LongWord });
        }

        await using (var chat = await user.Chat.StartChatAsync(new StartChatRequest { Topic = "long " + LongWord, Locale = locale }))
        {
            await chat.SendMessageAsync("A long message " + LongWord + " " + string.Concat(Enumerable.Repeat("我的提现还没有到账", 12)));
        }

        var page = await PhoneAsync();
        await SignInAsync(page, userId);
        var article = await ArticleIdAsync();
        foreach (var path in new[] { "/", "/help", "/help/search?q=" + Uri.EscapeDataString(locale == "zh-cn" ? "提现 未到账" : "withdrawal pending for 3 hours"),
                     $"/help/articles/{article}", "/tickets", "/tickets/new?tx=" + (userId == "demo-alice" ? "t-alice-1" : "t-lilei-2"), $"/tickets/{ticket.Id}",
                     "/chat", "/verify?input=" + Uri.EscapeDataString(Lookalike), "/signin", "/no-such-page" })
        {
            await CheckAsync(page, path);
        }

        await Expect(page.Locator("#current-user .avatar")).ToBeVisibleAsync();
        await page.GotoAsync("/chat");
        await page.Locator("#chat-end").ClickAsync();
        await Expect(page.Locator("#chat-start")).ToBeVisibleAsync();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_phone_menu_opens_navigates_and_closes_in_both_languages()
    {
        var page = await PhoneAsync();
        await SignInAsync(page, "demo-lilei");
        var menu = page.Locator("#site-menu");
        await Expect(menu).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#menu-toggle")).ToHaveAttributeAsync("aria-label", "菜单");

        await page.Locator("#menu-toggle").ClickAsync();
        await Expect(menu).ToBeVisibleAsync();
        await Expect(page.Locator("#menu-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(menu.Locator(".menu-user")).ToContainTextAsync("李雷");
        await Expect(page.Locator("#menu-sign-out")).ToHaveTextAsync("退出");
        await LayoutChecks.AssertCleanAsync(page, "the open menu");
        await ScreenshotAsync(page, "menu-open-zh");

        await menu.GetByRole(AriaRole.Link, new() { Name = "帮助中心" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/help$"));
        await Expect(menu).Not.ToBeVisibleAsync();

        // Escape and a tap outside close it too.
        await page.Locator("#menu-toggle").ClickAsync();
        await Expect(menu).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).Not.ToBeVisibleAsync();
        await page.Locator("#menu-toggle").ClickAsync();
        var panel = (await menu.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(Width / 2, panel.Y + panel.Height + 40);
        await Expect(menu).Not.ToBeVisibleAsync();

        // In English every item is there and leads to its page.
        await page.Locator("#lang-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        foreach (var (name, path) in new[] { ("My tickets", "/tickets"), ("Live chat", "/chat"), ("Verify", "/verify"), ("Markets", "/") })
        {
            await page.Locator("#menu-toggle").ClickAsync();
            await menu.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(path) + "$"));
        }

        await page.Locator("#menu-toggle").ClickAsync();
        await ScreenshotAsync(page, "menu-open-en");
        await page.Locator("#menu-sign-out").ClickAsync();
        await Expect(page.Locator("#current-user")).ToHaveCountAsync(0);
    }

    private Task<IPage> PhoneAsync() => NewPageAsync(Width, Height);

    private async Task CheckAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        if (path == "/chat")
        {
            await Expect(page.Locator(".message").First).ToBeVisibleAsync(); // the transcript streams in
        }

        Assert.That(await page.EvaluateAsync<int>("() => window.innerWidth"), Is.EqualTo(Width));
        await LayoutChecks.AssertCleanAsync(page, path);
        await ScreenshotAsync(page, path.Split('?')[0].Trim('/').Replace('/', '-') is { Length: > 0 } name ? name : "home");
    }

    private static async Task<long> ArticleIdAsync()
    {
        using var client = new SupportClient(Demo.BaseAddress, new AnonymousCredential(), new SupportClientOptions { AllowInsecureLoopback = true });
        return (await client.Faq.SearchArticlesAsync("withdrawal pending", "en-us")).Items[0].Id;
    }
}

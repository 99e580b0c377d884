using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>The site around support: language follows the signed-in user, the agent console is one click away.</summary>
[TestFixture]
public sealed class SiteTests : BrowserTest
{
    [Test]
    [CancelAfter(30_000)]
    public async Task The_site_follows_the_users_language_and_the_switch_overrides_it()
    {
        await SignInAsync(Page, "demo-lilei");
        await Expect(Page.Locator("#markets")).ToContainTextAsync("交易对");
        await Expect(Page.Locator("#transfers")).ToContainTextAsync("获取帮助");
        await ScreenshotAsync("home-zh");

        await Page.Locator("#lang-switch").ClickAsync();
        await Expect(Page.Locator("#markets")).ToContainTextAsync("Pair");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task The_agent_console_shows_its_controls_only_after_sign_in_and_once_a_chat_is_picked()
    {
        await Page.GotoAsync("/");
        await Page.Locator("#agent-console-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/agent$"));
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Agent console"));

        // Before sign-in: only the key form.
        await Expect(Page.Locator("#login")).ToBeVisibleAsync();
        foreach (var hidden in new[] { "#console", "#chat-view", "#accept", "#transfer", "#close", "#reply-form" })
        {
            await Expect(Page.Locator(hidden)).ToBeHiddenAsync();
        }

        await ScreenshotAsync("agent-console-signed-out");

        using var visitor = await SupportAsAsync("console-visitor", "Visitor", "en-us");
        await using (var waiting = await visitor.Chat.StartChatAsync(new SupportSdk.StartChatRequest { Topic = "agent please" }))
        {
            await Page.Locator("#key").FillAsync(Demo.AgentKey);
            await Page.Locator("#login-form button").ClickAsync();
            await Expect(Page.Locator("#console")).ToBeVisibleAsync();
            await Expect(Page.Locator("#login")).ToBeHiddenAsync();

            // Signed in, no chat picked yet: the hint, no chat controls.
            await Expect(Page.Locator("#empty")).ToBeVisibleAsync();
            foreach (var hidden in new[] { "#chat-view", "#accept", "#transfer", "#close", "#reply-form" })
            {
                await Expect(Page.Locator(hidden)).ToBeHiddenAsync();
            }

            await ScreenshotAsync("agent-console-no-chat");
            await Page.Locator($"#queued li[data-chat-id='{waiting.ChatId}']").ClickAsync();
            await Expect(Page.Locator("#chat-view")).ToBeVisibleAsync();
            await Expect(Page.Locator("#empty")).ToBeHiddenAsync();
            await Expect(Page.Locator("#accept")).ToBeEnabledAsync();
            await ScreenshotAsync("agent-console-chat");

            Page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
            await Page.Locator("#close").ClickAsync();
            await Expect(Page.Locator("#chat-status")).ToContainTextAsync("closed");
        }
    }

    [TestCase("demo-alice")]
    [TestCase("demo-lilei")]
    [CancelAfter(90_000)]
    public async Task Every_page_keeps_its_buttons_names_and_labels_on_one_line(string userId)
    {
        await SignInAsync(Page, userId);
        await Page.GotoAsync("/chat");
        if (await Page.Locator("#chat-start-button").IsVisibleAsync())
        {
            await Page.Locator("#chat-start-button").ClickAsync();
        }

        await Expect(Page.Locator("#chat-send")).ToBeVisibleAsync();
        foreach (var width in new[] { 1280, 800 })
        {
            await Page.SetViewportSizeAsync(width, 900);
            foreach (var path in new[] { "/", "/help", "/help/search?q=" + Uri.EscapeDataString(userId == "demo-lilei" ? "提现" : "withdrawal"), "/tickets", "/tickets/new",
                         "/chat", "/verify?input=" + Uri.EscapeDataString("https://examp1e-exchange.com"), "/signin" })
            {
                await Page.GotoAsync(path);
                if (path == "/chat")
                {
                    await Expect(Page.Locator(".message").First).ToBeVisibleAsync();
                }

                await LayoutChecks.AssertCleanAsync(Page, path);
            }
        }

        await Page.GotoAsync("/chat");
        await Expect(Page.Locator(".message").First).ToBeVisibleAsync();
        await ScreenshotAsync("chat-buttons");
        await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString("https://examp1e-exchange.com"));
        await ScreenshotAsync("verify-buttons");
        await Page.GotoAsync("/chat");
        await Page.Locator("#chat-end").ClickAsync();
        await Expect(Page.Locator(".system-line.closed")).ToBeVisibleAsync();
    }
}

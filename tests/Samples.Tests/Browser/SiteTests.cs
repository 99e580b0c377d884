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
    [CancelAfter(30_000)]
    public async Task The_footer_opens_the_agent_console_served_by_the_demo()
    {
        await Page.GotoAsync("/");
        await Page.Locator("#agent-console-link").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/agent$"));
        await Expect(Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Agent console"));

        await Page.Locator("#key").FillAsync(Demo.AgentKey);
        await Page.Locator("#login-form button").ClickAsync();
        await Expect(Page.Locator("#console")).ToBeVisibleAsync();
        await ScreenshotAsync("agent-console");
    }
}

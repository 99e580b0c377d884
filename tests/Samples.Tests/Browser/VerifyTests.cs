using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>/verify checks links against the signed official-channel manifest (pinned key) and names lookalikes.</summary>
[TestFixture]
public sealed class VerifyTests : BrowserTest
{
    [Test]
    [CancelAfter(30_000)]
    public async Task A_lookalike_link_is_red_with_the_reason_and_can_be_reported()
    {
        await SignInAsync(Page, "demo-alice");
        await Page.GotoAsync("/verify");
        await Page.Locator("#verify-input").FillAsync("https://examp1e-exchange.com/login");
        await Page.Locator("#verify-check").ClickAsync();

        var verdict = Page.Locator("#verdict");
        await Expect(verdict).ToHaveAttributeAsync("data-verdict", "lookalike");
        await Expect(verdict).ToContainTextAsync("imitates example-exchange.com");
        await Expect(verdict).ToHaveCSSAsync("border-top-color", "rgb(200, 30, 44)");
        await ScreenshotAsync("lookalike");

        await Page.Locator("#report-form input[name=where]").FillAsync("Telegram DM");
        await Page.Locator("#report-send").ClickAsync();
        await Expect(Page.Locator("#report-sent")).ToContainTextAsync("security team");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_official_link_and_handle_are_green_and_an_unknown_site_is_amber()
    {
        await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString("https://www.example-exchange.com/login"));
        await Expect(Page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "official");
        await Expect(Page.Locator("#verdict")).ToHaveCSSAsync("border-top-color", "rgb(14, 159, 110)");
        await ScreenshotAsync("official");

        await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString("@ExampleExchangeSupport"));
        await Expect(Page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "official");

        await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString("https://kraken.com"));
        await Expect(Page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "unknown");
        await Expect(Page.Locator("#official-channels")).ToContainTextAsync("example-exchange.com");
    }
}

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

    // A lookalike, the characters that should be marked in it, and what kind of character the first one is.
    private static readonly (string Input, string[] Marked, string KindEn, string KindZh)[] Lookalikes =
    [
        ("https://www.ex\u0430mple-exchange.com/login", ["\u0430"], "Cyrillic letter", "西里尔字母"),
        ("https://www.\u0435\u0445ample-exchange.com", ["\u0435", "\u0445"], "Cyrillic letter", "西里尔字母"),
        ("https://ex\u03B1mple-exchange.com/support", ["\u03B1"], "Greek letter", "希腊字母"),
        ("https://examp1e-exchange.com/login", ["1"], "digit", "数字"),
        ("https://exarnple-exchange.com", ["r", "n"], "Latin letter", "拉丁字母"),
        ("https://xn--exmple-exchange-vlm.com/login", ["\u0430"], "Cyrillic letter", "西里尔字母"),
        ("support@ex\u0430mple-exchange.com", ["\u0430"], "Cyrillic letter", "西里尔字母"),
        ("@ExampIeExchange", ["I"], "Latin letter", "拉丁字母"),
    ];

    [TestCase("en-us", "What it really is (punycode)")]
    [TestCase("zh-cn", "实际地址（punycode）")]
    [CancelAfter(60_000)]
    public async Task A_lookalike_shows_its_punycode_form_and_marks_every_character_that_differs(string locale, string punycodeLabel)
    {
        await Page.GotoAsync($"/lang/{locale}?returnUrl=/verify");
        foreach (var (input, marked, kindEn, kindZh) in Lookalikes)
        {
            await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString(input));
            await Expect(Page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "lookalike");
            Assert.That(await Page.Locator("#glyphs-shown .glyph-diff").AllTextContentsAsync(), Is.EqualTo(marked), input);
            Assert.That(await Page.Locator("#glyphs-official").TextContentAsync(), Does.Contain("example").IgnoreCase.Or.Contain("Example"), input);
            var shown = (await Page.Locator("#glyphs-shown").TextContentAsync())!;
            if (shown.Any(c => c > 127))
            {
                // What the browser would really connect to: the punycode form, and it is not the official domain.
                var host = shown.TrimStart('@');
                await Expect(Page.Locator("#glyphs-punycode")).ToHaveTextAsync(new System.Globalization.IdnMapping().GetAscii(host));
                await Expect(Page.Locator("#lookalike-glyphs")).ToContainTextAsync(punycodeLabel);
                Assert.That(await Page.Locator("#glyphs-punycode").TextContentAsync(), Does.Contain("xn--"), input);
            }
            else
            {
                await Expect(Page.Locator("#glyphs-punycode")).ToHaveCountAsync(0);
            }

            var differences = Page.Locator("#glyph-differences li");
            await Expect(differences.First).ToContainTextAsync(locale == "zh-cn" ? kindZh : kindEn);
            Assert.That(await differences.CountAsync(), Is.GreaterThanOrEqualTo(marked.Length), input);
            if (input == Lookalikes[0].Input || input.StartsWith('@'))
            {
                await ScreenshotAsync("lookalike-" + locale + "-" + (input.StartsWith('@') ? "handle" : "cyrillic"));
            }
        }

        // The official address itself has nothing to mark.
        await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString("https://www.example-exchange.com/login"));
        await Expect(Page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "official");
        await Expect(Page.Locator("#lookalike-glyphs")).ToHaveCountAsync(0);
    }

    [TestCase("en-us", "Telegram: @ExampleExchange, @ExampleExchangeSupport", "X (Twitter): @example_exchange", "Telegram, e-mail, SMS…")]
    [TestCase("zh-cn", "Telegram: @ExampleExchange, @ExampleExchangeSupport", "X（推特）: @example_exchange", "Telegram、邮件、短信…")]
    [CancelAfter(30_000)]
    public async Task Official_social_accounts_are_named_by_network_and_the_report_form_speaks_the_language(string locale, string telegram, string x, string hint)
    {
        await SignInAsync(Page, locale == "zh-cn" ? "demo-lilei" : "demo-alice");
        await Page.GotoAsync("/verify?input=" + Uri.EscapeDataString("https://examp1e-exchange.com/login"));
        var social = Page.Locator("#official-social");
        await Expect(social.Locator("[data-network=telegram]")).ToHaveTextAsync(telegram);
        await Expect(social.Locator("[data-network=x]")).ToHaveTextAsync(x);
        await Expect(social).Not.ToContainTextAsync("telegram @");
        await Expect(Page.Locator("#report-form input[name=where]")).ToHaveAttributeAsync("placeholder", hint);
        await LayoutChecks.AssertCleanAsync(Page, "/verify");
        await ScreenshotAsync("verify-" + locale);
    }
}

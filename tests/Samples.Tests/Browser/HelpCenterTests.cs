using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>The help center in English and Chinese: search-as-you-type suggestions, search results, an article.</summary>
[TestFixture]
public sealed class HelpCenterTests : BrowserTest
{
    [Test]
    [CancelAfter(30_000)]
    public async Task English_suggestions_while_typing_open_an_article_that_takes_feedback()
    {
        await Page.GotoAsync("/help");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("How can we help?");
        await Expect(Page.Locator("#sections .section")).ToHaveCountAsync(11);

        await Page.Locator("#help-search").PressSequentiallyAsync("withdrawal pend");
        var suggestions = Page.Locator("#help-suggestions li a");
        await Expect(Page.Locator("#help-suggestions-box")).ToBeVisibleAsync();
        await Expect(suggestions.First).ToContainTextAsync("withdrawal", new() { IgnoreCase = true });
        await ScreenshotAsync("suggestions");

        var title = await Page.Locator("#help-suggestions li a", new() { HasText = "pending" }).First.TextContentAsync();
        await Page.Locator("#help-suggestions li a", new() { HasText = "pending" }).First.ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/help/articles/\\d+$"));
        await Expect(Page.Locator("#article-title")).ToHaveTextAsync(title!);
        await Expect(Page.Locator(".article-body li").First).ToBeVisibleAsync();

        await Page.Locator("#helpful-yes").ClickAsync();
        await Expect(Page.Locator("#feedback-thanks")).ToHaveTextAsync("Thanks for your feedback!");
        await ScreenshotAsync("article");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task English_search_results_highlight_the_matched_words()
    {
        await Page.GotoAsync("/help");
        await Page.Locator("#help-search").FillAsync("withdrawl pending for hours");
        await Page.Locator("#help-search").PressAsync("Enter");

        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/help/search\\?q="));
        await Expect(Page.Locator("#search-results li").First).ToContainTextAsync("pending");
        await Expect(Page.Locator("#search-results mark").First).ToBeVisibleAsync();
        await ScreenshotAsync("search");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Chinese_after_switching_the_language_suggestions_and_articles_are_chinese()
    {
        await Page.GotoAsync("/help");
        await Page.Locator("#lang-switch").ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("有什么可以帮您？");
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(Page.Locator("#sections .section h2").First).ToHaveTextAsync("账户与登录");

        await Page.Locator("#help-search").PressSequentiallyAsync("提现");
        var suggestion = Page.Locator("#help-suggestions li a").First;
        await Expect(suggestion).ToContainTextAsync(new System.Text.RegularExpressions.Regex("提币|提现"));
        await ScreenshotAsync("suggestions-zh");

        await suggestion.ClickAsync();
        await Expect(Page.Locator("#article-title")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("[\u4e00-\u9fff]"));
        await Expect(Page.Locator("#helpful-yes")).ToContainTextAsync("有帮助");
        await ScreenshotAsync("article-zh");

        await Page.GotoAsync("/help/search?q=" + Uri.EscapeDataString("忘记密码"));
        await Expect(Page.Locator("#search-results li").First).ToContainTextAsync("密码");
        await Expect(Page.Locator("#search-results mark").First).ToBeVisibleAsync();
        await ScreenshotAsync("search-zh");
    }
}

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

    [Test]
    [CancelAfter(60_000)]
    public async Task Suggestions_open_only_while_typing_and_close_on_escape_blur_and_a_click_outside()
    {
        // A results page loads with the query in the box: the list stays shut and the results stay in view.
        await Page.GotoAsync("/help/search?q=" + Uri.EscapeDataString("withdrawal pending for 3 hours"));
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var box = Page.Locator("#help-suggestions-box");
        await Expect(box).ToBeHiddenAsync();
        await Expect(Page.Locator("#search-results li").First).ToBeVisibleAsync();
        await ScreenshotAsync("results-without-suggestions");

        var input = Page.Locator("#help-search");
        async Task TypeAsync(string text)
        {
            await input.FillAsync(string.Empty);
            await input.PressSequentiallyAsync(text);
            await Expect(box).ToBeVisibleAsync();
        }

        await TypeAsync("deposit");
        await ScreenshotAsync("suggestions-while-typing");
        await input.PressAsync("Escape");
        await Expect(box).ToBeHiddenAsync();

        await TypeAsync("withdrawal");
        await Page.Locator(".footer .safety").ClickAsync(); // a click outside the box
        await Expect(box).ToBeHiddenAsync();

        await TypeAsync("password");
        await input.BlurAsync(); // focus leaves the box (Tab would move into the suggestions, which keeps them open)
        await Expect(box).ToBeHiddenAsync();

        // Arrow down reaches the suggestions (the list stays open), and Enter opens one.
        await TypeAsync("withdrawal pending");
        await input.PressAsync("ArrowDown");
        await Expect(Page.Locator("#help-suggestions li a").First).ToBeFocusedAsync();
        await Expect(box).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/help/articles/\\d+$"));

        // The same in Chinese, on the help center home.
        await Page.GotoAsync("/help");
        await Page.Locator("#lang-switch").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await TypeAsync("提现");
        await Expect(Page.Locator("#help-suggestions-box .suggest-title")).ToHaveTextAsync("推荐文章");
        await input.PressAsync("Escape");
        await Expect(box).ToBeHiddenAsync();
        await TypeAsync("充值");
        await Page.Locator(".footer .safety").ClickAsync(); // a click outside the box
        await Expect(box).ToBeHiddenAsync();
    }

    [TestCase("en-us", "withdrawal pending for 3 hours", "Matched:")]
    [TestCase("zh-cn", "提现 未到账", "匹配：")]
    [CancelAfter(30_000)]
    public async Task Each_result_shows_why_it_matched(string locale, string query, string label)
    {
        await Page.GotoAsync($"/lang/{locale}?returnUrl=" + Uri.EscapeDataString("/help/search?q=" + Uri.EscapeDataString(query)));
        var results = Page.Locator("#search-results > li");
        await Expect(results.First).ToBeVisibleAsync();
        var count = await results.CountAsync();
        Assert.That(count, Is.GreaterThanOrEqualTo(3));
        for (var i = 0; i < count; i++)
        {
            var result = results.Nth(i);
            var why = result.Locator(".why");
            await Expect(why).ToContainTextAsync(label);
            var terms = await why.Locator("mark").AllTextContentsAsync();
            var marked = (await result.Locator(".snippet mark, .result-title mark").AllTextContentsAsync()).Select(t => t.ToLowerInvariant()).ToHashSet();
            Assert.That(terms, Is.Not.Empty, $"result {i + 1} says which words matched");
            Assert.That(terms.Select(t => t.ToLowerInvariant()), Is.SubsetOf(marked), $"result {i + 1}: every word named is highlighted where it matched");
        }

        // An article about another subject shows which of the words it shares, and that it lacks the main one.
        if (locale == "en-us")
        {
            var other = results.Filter(new() { HasNotText = "withdraw" }).First;
            var shared = await other.Locator(".why mark").AllTextContentsAsync();
            Assert.That(shared.Select(t => t.ToLowerInvariant()), Has.None.StartsWith("withdraw"));
        }

        await ScreenshotAsync("why-" + locale);
    }
}

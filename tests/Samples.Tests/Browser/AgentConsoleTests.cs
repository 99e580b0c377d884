using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>The agent console's help-center insights (issue 19): a question the help center cannot answer, asked on
/// the exchange's site, shows up for support leads with its counts.</summary>
[TestFixture]
public sealed class AgentConsoleTests : BrowserTest
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_search_the_help_center_cannot_answer_shows_in_the_insights()
    {
        var question = "xylophone lessons for my parrot " + Guid.NewGuid().ToString("N")[..6];
        await Page.GotoAsync("/help/search?q=" + Uri.EscapeDataString(question));
        await Expect(Page.Locator("h1")).ToBeVisibleAsync();

        var console = await NewPageAsync();
        await console.GotoAsync("/agent");
        await console.Locator("#key").FillAsync(Demo.AgentKey);
        await console.Locator("#login-form button").ClickAsync();
        await console.Locator("#insights-open").ClickAsync();

        var row = console.Locator("#poor-queries tbody tr", new() { HasText = question });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("en-us");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("1");
        await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("1");
        await Expect(console.Locator("#deflection tbody tr").First).ToBeVisibleAsync();
        await Expect(console.Locator("#chat-view")).ToBeHiddenAsync();
        await ScreenshotAsync(console, "insights");

        await console.Locator("#insights-days").SelectOptionAsync("30");
        await Expect(console.Locator("#poor-queries tbody tr", new() { HasText = question })).ToHaveCountAsync(1);
        await Expect(console.Locator("#insights-error")).ToBeEmptyAsync();
    }
}

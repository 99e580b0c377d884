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

    [Test]
    [CancelAfter(60_000)]
    public async Task The_demo_team_has_macros_in_the_customers_language_filled_in_for_the_ticket()
    {
        using var zh = await SupportAsAsync("demo-macro-zh", "李雷", "zh-cn");
        using var en = await SupportAsAsync("demo-macro-en", "Lee", "en-us");
        var zhTicket = await zh.Tickets.CreateTicketAsync(new SupportSdk.CreateTicketRequest { Subject = "充值未到账", Body = "两小时前充值的USDT还没到账", Category = SupportSdk.TicketCategory.Deposit });
        var enTicket = await en.Tickets.CreateTicketAsync(new SupportSdk.CreateTicketRequest { Subject = "Deposit missing", Body = "Sent USDT two hours ago", Category = SupportSdk.TicketCategory.Deposit });
        using var agent = Agent();
        var zhMacros = await agent.AgentTickets.GetMacrosAsync(zhTicket.Id, "充值");
        var enMacros = await agent.AgentTickets.GetMacrosAsync(enTicket.Id);
        Assert.Multiple(() =>
        {
            Assert.That(zhMacros.Select(m => m.Name), Is.EqualTo(new[] { "充值核查" }));
            Assert.That(zhMacros[0].Body, Does.StartWith("李雷您好").And.Contain(zhTicket.Id).And.Not.Contain("{{"));
            Assert.That(enMacros.Select(m => m.Locale).Distinct(), Is.EqualTo(new[] { "en-us" }));
            Assert.That(enMacros, Has.Count.EqualTo(3));
            Assert.That(enMacros.All(m => !m.Body.Contains("{{", StringComparison.Ordinal)), Is.True);
        });
    }
}

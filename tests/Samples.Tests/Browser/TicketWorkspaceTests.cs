using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SupportSdk;
using SupportSdk.Server;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// The agent console's ticket workspace (issue 17) in headless Chromium, against a support server hosted in the test
/// (real Kestrel on loopback, real SQLite) with the console mapped as SupportDesk maps it, and a fake clock: the queue,
/// a reply with a macro, an internal note the customer never sees, the 409 a second agent gets for a reply written on
/// a stale view, and an SLA breach appearing when the clock passes the target.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TicketWorkspaceTests : BrowserTest
{
    private const string BeaKey = "ssk_agent_bea_workspace_0123456789abcdef";
    private FakeTimeProvider _time = null!;
    private SupportServerHost _server = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        _server = await SupportServerHost.StartAsync(o =>
        {
            o.AgentKeys["Bea"] = BeaKey;
            o.UserTokenLifetime = TimeSpan.FromHours(24);
            o.Sla.SweepInterval = TimeSpan.FromMinutes(1);
            var macro = new MacroOptions
            {
                Id = "deposit-check", Locale = "en-us", Name = "Deposit check", SetStatus = "pending_customer",
                Body = "Hi {{customer.name}}, I am checking the deposit on ticket {{ticket.id}} now. — {{agent.name}}",
            };
            macro.Keywords.Add("deposit");
            macro.AddTags.Add("deposit-checked");
            o.Macros.Add(macro);
        }, time: _time, importFaq: false, map: SupportDesk.AgentConsole.Map);
    }

    [TearDown]
    public async Task StopServerAsync() => await _server.DisposeAsync();

    private async Task<IPage> ConsoleAsync(string agentKey)
    {
        var context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        Others.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/agent");
        await page.Locator("#key").FillAsync(agentKey);
        await page.Locator("#login-form button").ClickAsync();
        await Expect(page.Locator("#console")).ToBeVisibleAsync();
        return page;
    }

    private async Task<(HttpClient User, Ticket Ticket)> CustomerTicketAsync(string userId, string subject)
    {
        var user = await _server.UserAsync(userId);
        using var response = await user.PostAsJsonAsync("/v1/tickets", new CreateTicketRequest { Subject = subject, Body = "I sent 50 USDT on TRON an hour ago.", Category = TicketCategory.Deposit },
            SupportJsonContext.Default.CreateTicketRequest);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        return (user, (await response.Content.ReadFromJsonAsync(SupportJsonContext.Default.Ticket))!);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task An_assigned_ticket_is_answered_with_a_macro_and_an_internal_note_stays_with_the_agents()
    {
        var page = await ConsoleAsync(SupportServerHost.AgentKey);
        await Expect(page.Locator("#my-status")).ToHaveValueAsync("away"); // no work until the agent says so
        await page.Locator("#my-status").SelectOptionAsync("online");
        await Expect(page.Locator("#my-load")).ToContainTextAsync("tickets");
        var (user, ticket) = await CustomerTicketAsync("ws-macro", "USDT deposit missing");
        using var _ = user;

        // Assigned automatically to the only online agent: it appears under "Mine".
        var row = page.Locator("#tickets li", new() { HasText = "USDT deposit missing" });
        await Expect(row).ToContainTextAsync(SupportServerHost.AgentName);
        await row.ClickAsync();
        await Expect(page.Locator("#ticket-meta")).ToContainTextAsync("assigned to " + SupportServerHost.AgentName);

        await page.Locator("#macro-q").FillAsync("deposit");
        await page.Locator("#macro-list li", new() { HasText = "Deposit check" }).ClickAsync();
        var expected = $"Hi User ws-macro, I am checking the deposit on ticket {ticket.Id} now. — {SupportServerHost.AgentName}";
        await Expect(page.Locator("#ticket-reply")).ToHaveValueAsync(expected);
        await page.Locator("#ticket-send").ClickAsync();
        await Expect(page.Locator("#ticket-messages li.agent")).ToContainTextAsync(expected);
        await Expect(page.Locator("#ticket-tags")).ToHaveTextAsync("#deposit-checked"); // the macro's tag

        // The queue search: by tag, and by the words of the conversation.
        await page.Locator("#ticket-views button[data-view=all]").ClickAsync();
        await page.Locator("#ticket-search").FillAsync("#deposit-checked");
        await Expect(page.Locator("#tickets li", new() { HasText = "USDT deposit missing" })).ToHaveCountAsync(1);
        await page.Locator("#ticket-search").FillAsync("TRON");
        await Expect(page.Locator("#tickets li", new() { HasText = "USDT deposit missing" })).ToHaveCountAsync(1);
        await page.Locator("#ticket-search").FillAsync("#no-such-tag");
        await Expect(page.Locator("#tickets li")).ToHaveTextAsync("Nothing here.");

        const string note = "Internal: VIP customer, deposit address checked against our records.";
        await page.Locator("#ticket-reply").FillAsync(note);
        await page.Locator("#ticket-note").ClickAsync();
        await Expect(page.Locator("#ticket-messages li.note")).ToContainTextAsync(note);
        await Expect(page.Locator("#ticket-messages li.note")).ToContainTextAsync("not shown to the customer");
        await Expect(page.Locator("#ticket-error")).ToBeEmptyAsync();
        await ScreenshotAsync(page, "macro-reply-and-note");

        // The team's report for the day: this agent answered one ticket, its first reply on time.
        await page.Locator("#reports-open").ClickAsync();
        await page.Locator("#reports-from").FillAsync("2026-12-07");
        await page.Locator("#reports-to").FillAsync("2026-12-07");
        await page.Locator("#reports-form button").ClickAsync();
        var agentRow = page.Locator("#reports-agents tbody tr", new() { HasText = SupportServerHost.AgentName });
        await Expect(agentRow.Locator("td").Nth(1)).ToHaveTextAsync("1");
        await Expect(agentRow.Locator("td").Nth(5)).ToHaveTextAsync("100%");
        await Expect(page.Locator("#reports-chart .bar")).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "report");

        // What the customer's app gets: the macro's reply, never the note.
        var customerView = await user.GetStringAsync($"/v1/tickets/{ticket.Id}/messages") + await user.GetStringAsync($"/v1/tickets/{ticket.Id}");
        Assert.That(customerView, Does.Contain("I am checking the deposit"));
        Assert.That(customerView, Does.Not.Contain("VIP customer"));
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_second_agent_sees_the_first_viewing_and_a_reply_written_on_a_stale_view_is_refused_with_the_new_message()
    {
        var (user, ticket) = await CustomerTicketAsync("ws-collision", "Withdrawal still pending");
        using var __ = user;
        var smith = await ConsoleAsync(SupportServerHost.AgentKey);
        var bea = await ConsoleAsync(BeaKey);
        foreach (var page in new[] { smith, bea })
        {
            await page.Locator("#ticket-views button[data-view=all]").ClickAsync();
            await page.Locator("#tickets li", new() { HasText = "Withdrawal still pending" }).ClickAsync();
            await Expect(page.Locator("#ticket-view")).ToBeVisibleAsync();
        }

        await Expect(bea.Locator("#ticket-viewers")).ToContainTextAsync(SupportServerHost.AgentName + " is viewing");
        await bea.Locator("#ticket-reply").FillAsync("Let me look at your withdrawal.");
        await Expect(smith.Locator("#ticket-viewers")).ToContainTextAsync("Bea is typing a reply");

        await smith.Locator("#ticket-reply").FillAsync("Your withdrawal is in manual review; it clears within 2 hours.");
        await smith.Locator("#ticket-send").ClickAsync();
        await Expect(smith.Locator("#ticket-messages li.agent")).ToContainTextAsync("manual review");

        await bea.Locator("#ticket-send").ClickAsync();
        await Expect(bea.Locator("#ticket-error")).ToContainTextAsync("new messages arrived while you were writing");
        await Expect(bea.Locator("#ticket-messages li.agent")).ToContainTextAsync("manual review");
        await Expect(bea.Locator("#ticket-reply")).ToHaveValueAsync("Let me look at your withdrawal.");
        await ScreenshotAsync(bea, "stale-reply-409");

        var thread = await user.GetStringAsync($"/v1/tickets/{ticket.Id}/messages");
        Assert.That(thread, Does.Contain("manual review").And.Not.Contain("Let me look at your withdrawal"), "the stale reply was not stored");

        // Having read it, Bea sends something that fits.
        await bea.Locator("#ticket-reply").FillAsync("Adding: you will get an email when it clears.");
        await bea.Locator("#ticket-send").ClickAsync();
        await Expect(bea.Locator("#ticket-error")).ToBeEmptyAsync();
        await Expect(bea.Locator("#ticket-messages li.agent", new() { HasText = "you will get an email" })).ToHaveCountAsync(1);
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task A_missed_first_reply_shows_as_breached_when_the_clock_passes_the_target()
    {
        var (user, ticket) = await CustomerTicketAsync("ws-breach", "Deposit not credited");
        using var _ = user;
        Assert.That(ticket.Sla!.DueAt, Is.Not.Null);
        var page = await ConsoleAsync(SupportServerHost.AgentKey);
        await Expect(page.Locator("#my-status")).ToHaveValueAsync("away"); // nobody takes it: it waits, its clock running
        await page.Locator("#ticket-views button[data-view=due]").ClickAsync();
        var row = page.Locator("#tickets li", new() { HasText = "Deposit not credited" });
        await Expect(row).ToContainTextAsync("first reply due");
        await Expect(row.Locator(".breached")).ToHaveCountAsync(0);

        _time.Advance(ticket.Sla.DueAt!.Value - _time.GetUtcNow() + TimeSpan.FromMinutes(2)); // past the target; the sweep runs each minute
        await Expect(row.Locator(".breached")).ToHaveTextAsync("SLA breached");
        await row.ClickAsync();
        await Expect(page.Locator("#ticket-sla")).ToHaveTextAsync("SLA breached");
        await ScreenshotAsync(page, "breached");

        // Triage from the ticket's head: a higher priority, and an agent of the team.
        await page.Locator("#ticket-priority").SelectOptionAsync("high");
        await Expect(page.Locator("#ticket-status")).ToContainTextAsync("high");
        await page.Locator("#ticket-assignee").SelectOptionAsync(SupportServerHost.AgentName);
        await Expect(page.Locator("#ticket-meta")).ToContainTextAsync("assigned to " + SupportServerHost.AgentName);
        await page.Locator("#ticket-views button[data-view=all]").ClickAsync();
        await page.Locator("#ticket-status-filter").SelectOptionAsync("closed");
        await Expect(page.Locator("#tickets li")).ToHaveTextAsync("Nothing here.");
        await page.Locator("#ticket-status-filter").SelectOptionAsync("open");
        await Expect(page.Locator("#tickets li", new() { HasText = "Deposit not credited" })).ToHaveCountAsync(1);
    }
}

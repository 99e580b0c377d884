using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Agents;

/// <summary><c>GET /v1/agent/reports</c> over tickets worked on a fake clock: medians, SLA attainment and CSAT per
/// agent, per category and in total, only for the range asked, and refusals of bad ranges.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ReportTests
{
    private static readonly DateTimeOffset MondayNine = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private const string BeaKey = "ssk_agent_bea_reports_0123456789abcdef01";

    [Test]
    public async Task A_report_gives_each_agent_and_category_their_reply_and_resolution_times_sla_and_csat()
    {
        var time = new FakeTimeProvider(MondayNine.AddDays(-3)); // Friday: one ticket before the range
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            o.AgentKeys["Bea"] = BeaKey;
            o.UserTokenLifetime = TimeSpan.FromHours(24);
            o.Sla.SweepInterval = TimeSpan.FromMinutes(1);
        }, time: time, importFaq: false);
        using (var early = await server.UserAsync("report-early"))
        {
            await CreateTicketAsync(early, NewTicket("Before the range"));
        }

        time.SetUtcNow(MondayNine);
        using var user = await server.UserAsync("report-user");
        using var smith = server.Agent();
        using var bea = server.Client(BeaKey);
        var quick = await CreateTicketAsync(user, NewTicket("Answered and solved"));
        var slow = await CreateTicketAsync(user, new CreateTicketRequest { Subject = "Withdrawal stuck", Body = "Pending", Category = TicketCategory.Withdrawal });
        var missed = await CreateTicketAsync(user, NewTicket("Nobody answered"));

        time.SetUtcNow(MondayNine.AddMinutes(30));
        (await smith.PostAsync($"/v1/agent/tickets/{quick.Id}/messages", Json("""{"body":"Found it."}"""))).EnsureSuccessStatusCode();
        time.SetUtcNow(MondayNine.AddMinutes(60));
        (await bea.PostAsync($"/v1/agent/tickets/{slow.Id}/messages", Json("""{"body":"Checking."}"""))).EnsureSuccessStatusCode();
        time.SetUtcNow(MondayNine.AddMinutes(120));
        (await smith.PatchAsync($"/v1/agent/tickets/{quick.Id}", Json("""{"status":"resolved"}"""))).EnsureSuccessStatusCode();
        (await user.PostAsync($"/v1/tickets/{quick.Id}/rating", Json("""{"score":5}"""))).EnsureSuccessStatusCode();
        time.SetUtcNow(MondayNine.AddHours(5)); // past the 240-minute first reply of the unanswered one
        time.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await smith.GetFromJsonAsync($"/v1/agent/tickets/{missed.Id}", SupportJsonContext.Default.Ticket))!.Sla!.Breached is false && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var report = (await smith.GetFromJsonAsync("/v1/agent/reports?from=2026-11-02&to=2026-11-02", SupportJsonContext.Default.SupportReport))!;
        var byAgent = report.Agents.ToDictionary(r => r.Key);
        var byCategory = report.Categories.ToDictionary(r => r.Key);
        Assert.Multiple(() =>
        {
            Assert.That((report.From, report.To, report.Truncated), Is.EqualTo(("2026-11-02", "2026-11-02", false)));
            Assert.That((report.Total.Tickets, report.Total.Resolved), Is.EqualTo((3, 1)), "Friday's ticket is outside the range");
            Assert.That(report.Total.MedianFirstReplyMinutes, Is.EqualTo(45), "30 and 60 minutes");
            Assert.That(report.Total.SlaAttainment, Is.EqualTo(0.6667).Within(0.0001), "one of three missed its first reply");
            Assert.That(byAgent.Keys, Is.EquivalentTo(new[] { SupportServerHost.AgentName, "Bea", "unassigned" }));
            var s = byAgent[SupportServerHost.AgentName];
            Assert.That((s.Tickets, s.Resolved, s.MedianFirstReplyMinutes, s.MedianResolutionMinutes, s.SlaAttainment, s.Csat, s.Ratings),
                Is.EqualTo((1, 1, (double?)30, (double?)120, (double?)1, (double?)5, 1)));
            Assert.That((byAgent["Bea"].MedianFirstReplyMinutes, byAgent["Bea"].Csat), Is.EqualTo(((double?)60, (double?)null)));
            Assert.That((byAgent["unassigned"].SlaAttainment, byAgent["unassigned"].MedianFirstReplyMinutes), Is.EqualTo(((double?)0, (double?)null)));
            Assert.That((byCategory["deposit"].Tickets, byCategory["withdrawal"].Tickets), Is.EqualTo((2, 1)));
        });

        foreach (var bad in new[] { "from=2026-13-01", "to=yesterday", "from=2026-11-03&to=2026-11-02", "from=2026-01-01&to=2026-12-31", "to=9999-12-31", "to=0001-01-03" })
        {
            using var response = await smith.GetAsync("/v1/agent/reports?" + bad);
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidQuery);
        }
    }
}

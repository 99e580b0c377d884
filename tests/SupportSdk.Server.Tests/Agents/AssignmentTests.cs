using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using SupportSdk.Server.Tests.Webhooks;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Agents;

/// <summary>
/// Agents as records (profiles from the exchange's backend, status from their console) and automatic assignment of
/// tickets over a real server on loopback: least-loaded among agents who fit, round-robin among equals, never past
/// capacity; language, skill and tier routing; escalation to tier 2; presence that lapses; refusals.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AssignmentTests
{
    private static string KeyOf(string name) => "ssk_agent_" + name.ToLowerInvariant().Replace(' ', '_') + "_0123456789abcdef0123";

    private static Action<SupportServerOptions> Team(params string[] names) => o =>
    {
        foreach (var name in names)
        {
            o.AgentKeys[name] = KeyOf(name);
        }

        o.Webhooks.AllowPrivateTargets = true;
    };

    private static async Task<Agent> ProfileAsync(SupportServerHost server, string name, UpdateAgentRequest profile)
    {
        using var backend = server.Backend();
        using var response = await backend.PutAsync("/v1/agents/" + Uri.EscapeDataString(name), Json(profile, SupportJsonContext.Default.UpdateAgentRequest));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadAsync(response, SupportJsonContext.Default.Agent);
    }

    private static async Task<Agent> SetStatusAsync(SupportServerHost server, string name, AgentStatus status)
    {
        using var agent = server.Client(KeyOf(name));
        using var response = await agent.PutAsync("/v1/agent/status", Json(new SetAgentStatusRequest { Status = status }, SupportJsonContext.Default.SetAgentStatusRequest));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadAsync(response, SupportJsonContext.Default.Agent);
    }

    private static async Task<IReadOnlyList<Agent>> TeamAsync(SupportServerHost server)
    {
        using var backend = server.Backend();
        return (await backend.GetFromJsonAsync("/v1/agents", SupportJsonContext.Default.AgentList))!.Agents;
    }

    private static async Task<Ticket> TicketAsync(SupportServerHost server, string id)
    {
        using var agent = server.Agent();
        return (await agent.GetFromJsonAsync("/v1/agent/tickets/" + id, SupportJsonContext.Default.Ticket))!;
    }

    /// <summary>Polls (bounded: 30 s) until <paramref name="done"/> holds; returns whether it did.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return await done();
    }

    [Test]
    public async Task A_thousand_tickets_over_five_agents_stay_within_capacity_and_spread_evenly_among_equals()
    {
        string[] names = ["Ava", "Ben", "Chen", "Dana", "Eli"];
        await using var server = await SupportServerHost.StartAsync(Team(names), importFaq: false);
        foreach (var name in names)
        {
            await ProfileAsync(server, name, new UpdateAgentRequest { Capacity = name == "Eli" ? 100 : 300 });
            await SetStatusAsync(server, name, AgentStatus.Online);
        }

        var users = new List<HttpClient>();
        for (var u = 0; u < 20; u++)
        {
            users.Add(await server.UserAsync("fair-user-" + u));
        }

        try
        {
            // 1,000 tickets from 20 customers, 8 at a time, assigned while they arrive.
            var created = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, 1_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                await CreateTicketAsync(users[i % users.Count], NewTicket("Fairness " + i));
                Interlocked.Increment(ref created);
            });

            IReadOnlyList<Agent> team = [];
            var allAssigned = await EventuallyAsync(async () => (team = await TeamAsync(server)).Sum(a => a.Load) == 1_000);
            var loads = team.ToDictionary(a => a.Name, a => a.Load);
            TestContext.Out.WriteLine("loads: " + string.Join(", ", loads.Select(l => l.Key + " " + l.Value)));
            Assert.Multiple(() =>
            {
                Assert.That(allAssigned, Is.True, $"every ticket assigned; loads {string.Join(", ", loads)}");
                Assert.That(team.All(a => a.Load <= a.Capacity), Is.True, $"within capacity: {string.Join(", ", loads)}");
                Assert.That(loads["Eli"], Is.EqualTo(100), "the agent with room for 100 is filled to it, no further");
                var equals = names.Where(n => n != "Eli").Select(n => loads[n]).ToList();
                var mean = equals.Average();
                Assert.That(equals.All(l => Math.Abs(l - mean) <= mean * 0.10), Is.True, $"equals within ±10% of {mean}: {string.Join(", ", equals)}");
            });

            // The queue agrees with the loads: each agent's own view holds exactly what they were given.
            using var ava = server.Client(KeyOf("Ava"));
            var mine = 0;
            string? cursor = null;
            do
            {
                var page = (await ava.GetFromJsonAsync("/v1/agent/tickets?assignee=me&limit=100" + (cursor is null ? "" : "&cursor=" + cursor), SupportJsonContext.Default.PageTicket))!;
                Assert.That(page.Items.All(t => t.Assignee == "Ava"), Is.True);
                mine += page.Items.Count;
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.That(mine, Is.EqualTo(loads["Ava"]));
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }
    }

    [Test]
    public async Task A_full_agent_gets_nothing_more_until_a_ticket_is_resolved_and_the_waiting_one_is_oldest_first()
    {
        await using var server = await SupportServerHost.StartAsync(Team("Solo"), importFaq: false);
        await ProfileAsync(server, "Solo", new UpdateAgentRequest { Capacity = 2 });
        await SetStatusAsync(server, "Solo", AgentStatus.Online);
        using var user = await server.UserAsync("capacity-user");
        var first = await CreateTicketAsync(user, NewTicket("one"));
        var second = await CreateTicketAsync(user, NewTicket("two"));
        var third = await CreateTicketAsync(user, NewTicket("three"));
        var fourth = await CreateTicketAsync(user, NewTicket("four"));
        Assert.That(await EventuallyAsync(async () => (await TicketAsync(server, second.Id)).Assignee == "Solo"), Is.True);

        using var agent = server.Client(KeyOf("Solo"));
        var waiting = (await agent.GetFromJsonAsync("/v1/agent/tickets?assignee=none", SupportJsonContext.Default.PageTicket))!.Items.Select(t => t.Id).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That((await TicketAsync(server, first.Id)).Assignee, Is.EqualTo("Solo"));
            Assert.That(waiting, Is.EquivalentTo(new[] { third.Id, fourth.Id }), "the unassigned queue holds what did not fit");
        });

        using (var resolve = await agent.PatchAsync("/v1/agent/tickets/" + first.Id, Json("""{"status":"resolved"}""")))
        {
            Assert.That(resolve.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await EventuallyAsync(async () => (await TicketAsync(server, third.Id)).Assignee == "Solo"), Is.True, "room again: the oldest waiting ticket");
        await Task.Delay(300);
        Assert.That((await TicketAsync(server, fourth.Id)).Assignee, Is.Null, "still full");
    }

    [Test]
    public async Task Tickets_go_to_agents_who_speak_the_language_have_the_skill_and_work_at_the_tier_and_escalation_moves_them_up()
    {
        await using var server = await SupportServerHost.StartAsync(Team("Li", "Ann", "Tess"), importFaq: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var backend = server.Backend())
        using (var hook = await backend.PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["ticket.assigned"]}""")))
        {
            Assert.That(hook.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await ProfileAsync(server, "Li", new UpdateAgentRequest { Languages = ["zh"] });
        await ProfileAsync(server, "Ann", new UpdateAgentRequest { Languages = ["en"], Skills = [TicketCategory.Withdrawal] });
        await ProfileAsync(server, "Tess", new UpdateAgentRequest { Tier = 2, Languages = ["en", "zh"] });
        foreach (var name in new[] { "Li", "Ann", "Tess" })
        {
            await SetStatusAsync(server, name, AgentStatus.Online);
        }

        using var zhUser = await server.UserAsync("zh-user", "zh-cn");
        using var enUser = await server.UserAsync("en-user", "en-us");
        var zh = await CreateTicketAsync(zhUser, NewTicket("充值未到账"));
        var withdrawal = await CreateTicketAsync(enUser, new CreateTicketRequest { Subject = "Withdrawal pending", Body = "It is pending.", Category = TicketCategory.Withdrawal });
        var deposit = await CreateTicketAsync(enUser, NewTicket("Deposit missing"));

        Assert.That(await EventuallyAsync(async () => (await TicketAsync(server, deposit.Id)).Assignee is not null), Is.True);
        Assert.Multiple(async () =>
        {
            Assert.That((await TicketAsync(server, zh.Id)).Assignee, Is.EqualTo("Li"), "Chinese goes to the agent who reads it");
            Assert.That((await TicketAsync(server, withdrawal.Id)).Assignee, Is.EqualTo("Ann"), "the withdrawal specialist at tier 1");
            Assert.That((await TicketAsync(server, deposit.Id)).Assignee, Is.EqualTo("Tess"), "no tier-1 agent fits an English deposit: tier 2 takes it");
        });

        // The customer escalates Ann's ticket: it leaves Ann (tier 1) for the tier-2 agent.
        using (var escalate = await enUser.PostAsync($"/v1/tickets/{withdrawal.Id}/escalate", null))
        {
            Assert.That(escalate.StatusCode, Is.EqualTo(HttpStatusCode.OK), await escalate.Content.ReadAsStringAsync());
            var escalated = await ReadAsync(escalate, SupportJsonContext.Default.Ticket);
            Assert.That((escalated.Tier, escalated.Assignee), Is.EqualTo((2, (string?)null)));
        }

        Assert.That(await EventuallyAsync(async () => (await TicketAsync(server, withdrawal.Id)).Assignee == "Tess"), Is.True, "re-routed to tier 2");
        var assigned = await receiver.WaitForAsync(4, TimeSpan.FromSeconds(20));
        Assert.That(assigned.Select(e => e.Event.Type).Distinct(), Is.EqualTo(new[] { "ticket.assigned" }));
        Assert.That(assigned.Count(e => e.Text.Contains("\"assignee\":\"Tess\"", StringComparison.Ordinal)), Is.EqualTo(2), "a webhook per assignment to Tess");
    }

    [Test]
    public async Task Away_and_silent_agents_get_nothing_and_a_lapsed_console_shows_offline()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(Team("Awa", "Sil"), time: time, importFaq: false);
        await SetStatusAsync(server, "Awa", AgentStatus.Away);
        var silent = await SetStatusAsync(server, "Sil", AgentStatus.Online);
        Assert.That((silent.Status, silent.Capacity, silent.Tier), Is.EqualTo((AgentStatus.Online, 20, 1)), "a new agent starts with the defaults");

        time.Advance(TimeSpan.FromMinutes(4)); // past the 3-minute presence timeout without a report
        using var user = await server.UserAsync("silent-user");
        var ticket = await CreateTicketAsync(user);
        var team = await TeamAsync(server);
        Assert.That(team.Single(a => a.Name == "Sil").Status, Is.EqualTo(AgentStatus.Offline), "the console stopped reporting");
        await Task.Delay(500);
        Assert.That((await TicketAsync(server, ticket.Id)).Assignee, Is.Null, "nobody online");

        await SetStatusAsync(server, "Sil", AgentStatus.Online);
        Assert.That(await EventuallyAsync(async () => (await TicketAsync(server, ticket.Id)).Assignee == "Sil"), Is.True, "back online: the waiting ticket is theirs");
    }

    [Test]
    public async Task Profiles_and_statuses_refuse_bad_input_and_the_wrong_callers()
    {
        await using var server = await SupportServerHost.StartAsync(Team("Vic"), importFaq: false);
        using var backend = server.Backend();
        string[] bad =
        [
            """{"tier":4}""", """{"tier":0}""", """{"capacity":0}""", """{"capacity":1001}""", """{"languages":["english"]}""", """{"languages":["e1"]}""",
            """{"skills":["cooking"]}""", """{"languages":"en"}""", """{"tier":"2"}""",
        ];
        foreach (var body in bad)
        {
            using var response = await backend.PutAsync("/v1/agents/Vic", Json(body));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        }

        using (var controlName = await backend.PutAsync("/v1/agents/" + Uri.EscapeDataString("Vic\u202Egnp"), Json("{}")))
        {
            await AssertProblemAsync(controlName, HttpStatusCode.BadRequest, ErrorCodes.InvalidCharacters);
        }

        using (var agent = server.Client(KeyOf("Vic")))
        {
            using var notBackend = await agent.PutAsync("/v1/agents/Vic", Json("""{"tier":2}"""));
            Assert.That(notBackend.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.Unauthorized), "an agent cannot raise their own tier");
            using var unknown = await agent.PutAsync("/v1/agent/status", Json("""{"status":"asleep"}"""));
            await AssertProblemAsync(unknown, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
            using var me = await agent.GetAsync("/v1/agent/me");
            Assert.That((await ReadAsync(me, SupportJsonContext.Default.Agent)).Status, Is.EqualTo(AgentStatus.Offline), "nothing reported yet");
        }

        using var user = await server.UserAsync("nosy-user");
        using var list = await user.GetAsync("/v1/agents");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.Unauthorized), "customers do not see the team");
        var stored = (await TeamAsync(server)).SingleOrDefault(a => a.Name == "Vic");
        Assert.That(stored, Is.Null, "refused changes stored nothing");
    }

    [Test]
    public async Task A_queued_chat_is_joined_by_the_agent_who_speaks_its_language_up_to_their_chat_limit()
    {
        await using var server = await SupportServerHost.StartAsync(o => { Team("Zhou", "Eve")(o); o.Assignment.ChatsPerAgent = 1; }, importFaq: false);
        await ProfileAsync(server, "Zhou", new UpdateAgentRequest { Languages = ["zh"] });
        await ProfileAsync(server, "Eve", new UpdateAgentRequest { Languages = ["en"] });
        await SetStatusAsync(server, "Zhou", AgentStatus.Online);
        await SetStatusAsync(server, "Eve", AgentStatus.Online);
        using var first = await server.UserAsync("chat-zh-1", "zh-cn");
        using var second = await server.UserAsync("chat-zh-2", "zh-cn");
        var joined = await Chat.ChatTestKit.StartChatAsync(first, "agent", "zh-cn");
        var waiting = await Chat.ChatTestKit.StartChatAsync(second, "agent", "zh-cn");

        using var zhou = server.Client(KeyOf("Zhou"));
        SupportSdk.ChatThread? thread = null;
        Assert.That(await EventuallyAsync(async () => (thread = await Chat.ChatTestKit.GetChatAsync(zhou, "/v1/agent/chats/" + joined.Id)).Status == ChatStatus.Active),
            Is.True, "the Chinese-speaking agent joined");
        Assert.That(thread!.Agent, Is.EqualTo("Zhou"));
        var reply = await Chat.ChatTestKit.AgentSendsAsync(zhou, joined.Id, "您好，我来帮您查看。");
        Assert.That(reply.Text, Is.EqualTo("您好，我来帮您查看。"), "the assigned agent answers with their own key");
        await Task.Delay(500);
        Assert.That((await Chat.ChatTestKit.GetChatAsync(zhou, "/v1/agent/chats/" + waiting.Id)).Status, Is.EqualTo(ChatStatus.Queued),
            "Zhou is at the chat limit and Eve does not read Chinese: it waits");

        using (var close = await zhou.PostAsync($"/v1/agent/chats/{joined.Id}/close", null))
        {
            Assert.That(close.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Room again: the next pass (at the latest the interval's) gives Zhou the waiting chat.
        Assert.That(await EventuallyAsync(async () => (await Chat.ChatTestKit.GetChatAsync(zhou, "/v1/agent/chats/" + waiting.Id)).Agent == "Zhou"), Is.True);
        using var eve = server.Client(KeyOf("Eve"));
        using var notEves = await Chat.ChatTestKit.PostMessageAsync(eve, "/v1/agent/chats", waiting.Id, "eve-1", "Hello");
        Assert.That(notEves.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "another agent cannot write in Zhou's chat");
    }

    [Test]
    public async Task Five_hundred_waiting_tickets_nobody_fits_do_not_hide_one_behind_them_that_someone_does()
    {
        await using var server = await SupportServerHost.StartAsync(Team("Lin"), importFaq: false);
        await ProfileAsync(server, "Lin", new UpdateAgentRequest { Languages = ["zh"] });
        using var english = await server.UserAsync("starve-en", "en-us");
        using var chinese = await server.UserAsync("starve-zh", "zh-cn");
        await Parallel.ForEachAsync(Enumerable.Range(0, 501), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await CreateTicketAsync(english, NewTicket("English " + i)));
        var fits = await CreateTicketAsync(chinese, NewTicket("充值未到账"));
        await SetStatusAsync(server, "Lin", AgentStatus.Online);
        Assert.That(await EventuallyAsync(async () => (await TicketAsync(server, fits.Id)).Assignee == "Lin"), Is.True,
            "the 502nd waiting ticket, the only one Lin reads, is found past the first page");
    }
}

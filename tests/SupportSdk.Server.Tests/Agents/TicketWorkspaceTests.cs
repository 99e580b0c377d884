using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Agents;

/// <summary>
/// The agents' ticket workspace over a real server: internal notes the customer never sees, who else is viewing or
/// typing, a reply written on a stale view refused with what it missed, and macros per locale filled in for the ticket.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TicketWorkspaceTests
{
    private const string SecondKey = "ssk_agent_second_agent_0123456789abcdef";
    private const string Phrase = "attack race runway announce fiscal life smoke demand extend sound twenty always";

    private static void Workspace(SupportServerOptions o)
    {
        o.AgentKeys["Bea"] = SecondKey;
        o.DefaultLocale = "en-us";
        o.Macros.Add(Macro("deposit-check", "en-us", "Deposit check", "Hi {{customer.name}}, I am checking ticket {{ticket.id}} ({{ticket.subject}}) now. — {{agent.name}}", null, "deposit", "missing"));
        var solved = Macro("solved", "en-us", "Solved", "Glad it is sorted, {{customer.name}}.", "resolved", "thanks", "done");
        solved.AddTags.Add("solved-by-macro");
        o.Macros.Add(solved);
        o.Macros.Add(Macro("deposit-check", "zh-cn", "充值核查", "{{customer.name}}您好，我正在核查工单 {{ticket.id}}。", null, "充值"));
    }

    private static MacroOptions Macro(string id, string locale, string name, string body, string? status, params string[] keywords)
    {
        var macro = new MacroOptions { Id = id, Locale = locale, Name = name, Body = body, SetStatus = status };
        foreach (var keyword in keywords)
        {
            macro.Keywords.Add(keyword);
        }

        return macro;
    }

    [Test]
    public async Task An_internal_note_is_for_agents_only_and_a_secret_pasted_into_one_is_never_stored()
    {
        await using var server = await SupportServerHost.StartAsync(Workspace, importFaq: false);
        using var user = await server.UserAsync("note-user");
        var ticket = await CreateTicketAsync(user);
        using var agent = server.Agent();
        const string secretish = "Customer is a known VIP; checked the deposit address against our records.";
        using (var added = await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/notes", Json(new AddTicketNoteRequest { Body = secretish }, SupportJsonContext.Default.AddTicketNoteRequest)))
        {
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            var note = await ReadAsync(added, SupportJsonContext.Default.TicketNote);
            Assert.That((note.Author, note.Body), Is.EqualTo((SupportServerHost.AgentName, secretish)));
        }

        using (var pasted = await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/notes", Json(new AddTicketNoteRequest { Body = "they sent me: " + Phrase }, SupportJsonContext.Default.AddTicketNoteRequest)))
        {
            var stored = pasted.StatusCode == HttpStatusCode.Created ? (await ReadAsync(pasted, SupportJsonContext.Default.TicketNote)).Body : null;
            Assert.That(stored is null ? "refused" : stored, Does.Not.Contain("fiscal life smoke"), "refused or redacted, never stored as sent");
        }

        var notes = (await agent.GetFromJsonAsync($"/v1/agent/tickets/{ticket.Id}/notes", SupportJsonContext.Default.TicketNoteList))!.Notes;
        Assert.That(notes.Select(n => n.Body), Has.Some.EqualTo(secretish));
        Assert.That(notes.Select(n => n.Body), Has.None.Contains("fiscal life smoke"));

        // The customer's every view of the ticket: no note, no route to the notes.
        var messages = await user.GetStringAsync($"/v1/tickets/{ticket.Id}/messages");
        var own = await user.GetStringAsync($"/v1/tickets/{ticket.Id}");
        using var notesAsCustomer = await user.GetAsync($"/v1/agent/tickets/{ticket.Id}/notes");
        Assert.Multiple(() =>
        {
            Assert.That(messages + own, Does.Not.Contain("VIP"));
            Assert.That(notesAsCustomer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.Unauthorized));
        });
        using var empty = await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/notes", Json("""{"body":"  "}"""));
        await AssertProblemAsync(empty, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        using var missing = await agent.PostAsync("/v1/agent/tickets/tkt_01aaaaaaaaaaaaaaaaaaaaaaaa/notes", Json("""{"body":"x"}"""));
        await AssertProblemAsync(missing, HttpStatusCode.NotFound, ErrorCodes.TicketNotFound);
    }

    [Test]
    public async Task Agents_see_who_else_views_or_types_and_a_reply_on_a_stale_view_gets_409_with_the_new_messages()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(o => { Workspace(o); o.UserTokenLifetime = TimeSpan.FromHours(24); }, time: time, importFaq: false);
        using var user = await server.UserAsync("collision-user");
        var ticket = await CreateTicketAsync(user);
        using var smith = server.Agent();
        using var bea = server.Client(SecondKey);

        async Task<TicketViewers> ViewAsync(HttpClient agent, bool typing)
        {
            using var response = await agent.PutAsync($"/v1/agent/tickets/{ticket.Id}/viewing", Json(new ViewingTicketRequest { Typing = typing }, SupportJsonContext.Default.ViewingTicketRequest));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            return await ReadAsync(response, SupportJsonContext.Default.TicketViewers);
        }

        var alone = await ViewAsync(smith, typing: false);
        var seesSmith = await ViewAsync(bea, typing: true);
        var seesBeaTyping = await ViewAsync(smith, typing: false);
        Assert.Multiple(() =>
        {
            Assert.That(alone.Viewers, Is.Empty);
            Assert.That(alone.LastSeq, Is.EqualTo(1));
            Assert.That(seesSmith.Viewers.Select(v => (v.Name, v.Typing)), Is.EqualTo(new[] { (SupportServerHost.AgentName, false) }));
            Assert.That(seesBeaTyping.Viewers.Select(v => (v.Name, v.Typing)), Is.EqualTo(new[] { ("Bea", true) }));
        });

        // Both opened the ticket at seq 1. Bea answers first; Smith's answer, written on seq 1, is refused with Bea's.
        using (var first = await bea.PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Checking your deposit now.","seenSeq":1}""")))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var stale = await smith.PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Let me check your deposit.","seenSeq":1}""")))
        {
            var problem = await AssertProblemAsync(stale, HttpStatusCode.Conflict, ErrorCodes.StaleView);
            Assert.That(problem.Messages!.Select(m => (m.Seq, m.Body)), Is.EqualTo(new[] { (2L, "Checking your deposit now.") }));
        }

        using (var fresh = await smith.PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Bea has this one; adding that it can take 30 minutes.","seenSeq":2}""")))
        {
            Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.Created), "sent again having read the new message");
        }

        var messages = (await user.GetFromJsonAsync($"/v1/tickets/{ticket.Id}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items;
        Assert.That(messages.Select(m => m.Body), Has.None.EqualTo("Let me check your deposit."), "the stale reply was never stored");

        time.Advance(TimeSpan.FromSeconds(25)); // Bea's console stopped saying so
        Assert.That((await ViewAsync(smith, typing: false)).Viewers, Is.Empty, "gone after the viewing window");
    }

    [Test]
    public async Task Macros_come_in_the_tickets_locale_match_what_is_typed_and_fill_in_the_ticket()
    {
        await using var server = await SupportServerHost.StartAsync(Workspace, importFaq: false);
        using var en = await server.UserAsync("macro-user", "en-us");
        using var zh = await server.UserAsync("macro-user-zh", "zh-cn");
        var enTicket = await CreateTicketAsync(en, NewTicket("USDT deposit missing"));
        var zhTicket = await CreateTicketAsync(zh, NewTicket("充值未到账"));
        using var agent = server.Agent();

        async Task<IReadOnlyList<Macro>> MacrosAsync(string ticketId, string q) =>
            (await agent.GetFromJsonAsync($"/v1/agent/tickets/{ticketId}/macros?q=" + Uri.EscapeDataString(q), SupportJsonContext.Default.MacroList))!.Macros;

        var all = await MacrosAsync(enTicket.Id, "");
        var deposit = await MacrosAsync(enTicket.Id, "missing");
        var byText = await MacrosAsync(enTicket.Id, "sorted");
        var none = await MacrosAsync(enTicket.Id, "refund");
        var chinese = await MacrosAsync(zhTicket.Id, "充值");
        Assert.Multiple(() =>
        {
            Assert.That(all.Select(m => m.Name), Is.EqualTo(new[] { "Deposit check", "Solved" }), "English ticket: the English macros");
            Assert.That(deposit.Single().Body, Is.EqualTo($"Hi User macro-user, I am checking ticket {enTicket.Id} (USDT deposit missing) now. — {SupportServerHost.AgentName}"));
            Assert.That(byText.Single().SetStatus, Is.EqualTo(TicketStatus.Resolved), "found by its text; sets the status when sent");
            Assert.That(byText.Single().AddTags, Is.EqualTo(new[] { "solved-by-macro" }), "and tags");
            Assert.That(none, Is.Empty);
            Assert.That(chinese.Single().Body, Is.EqualTo($"User macro-user-zh您好，我正在核查工单 {zhTicket.Id}。"), "the Chinese ticket gets the Chinese macro");
        });

        using var longQuery = await agent.GetAsync($"/v1/agent/tickets/{enTicket.Id}/macros?q=" + new string('a', 201));
        await AssertProblemAsync(longQuery, HttpStatusCode.BadRequest, ErrorCodes.InvalidQuery);
    }

    [Test]
    public void A_macro_with_an_unknown_placeholder_stops_the_server_from_starting()
    {
        var failure = Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var server = await SupportServerHost.StartAsync(o => o.Macros.Add(Macro("bad", "en-us", "Bad", "Your password is {{customer.password}}", null)), importFaq: false);
        });
        Assert.That(failure!.Message, Does.Contain("Support:Macros:0:Body").And.Contain("{{customer.password}}"));
    }

    [Test]
    public async Task Tags_are_the_teams_and_the_queue_finds_tickets_by_tag_and_by_what_they_say()
    {
        await using var server = await SupportServerHost.StartAsync(Workspace, importFaq: false);
        using var user = await server.UserAsync("tag-user");
        var tagged = await CreateTicketAsync(user, NewTicket("Card purchase failed"));
        var other = await CreateTicketAsync(user, NewTicket("Deposit missing", new TransactionInfo
        {
            Asset = "USDT", Network = "TRON", TxId = new string('a', 64), Amount = 50m, Direction = TransactionDirection.Deposit,
        }));
        (await user.PostAsync($"/v1/tickets/{other.Id}/messages", Json("""{"body":"Still nothing on the memo 7781"}"""))).EnsureSuccessStatusCode();
        using var agent = server.Agent();
        using (var patch = await agent.PatchAsync($"/v1/agent/tickets/{tagged.Id}", Json("""{"tags":["VIP","chargeback-risk","vip"]}""")))
        {
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await ReadAsync(patch, SupportJsonContext.Default.Ticket)).Tags, Is.EqualTo(new[] { "vip", "chargeback-risk" }), "lower-cased, once each");
        }

        async Task<IReadOnlyList<string>> QueueAsync(string query) =>
            (await agent.GetFromJsonAsync("/v1/agent/tickets?" + query, SupportJsonContext.Default.PageTicket))!.Items.Select(t => t.Id).ToList();

        var customerTicket = await user.GetStringAsync($"/v1/tickets/{tagged.Id}");
        var customerList = await user.GetStringAsync("/v1/tickets");
        Assert.Multiple(async () =>
        {
            Assert.That(customerTicket + customerList, Does.Not.Contain("chargeback").And.Not.Contain("\"tags\""), "customers never see the team's tags");
            Assert.That(await QueueAsync("tag=vip"), Is.EqualTo(new[] { tagged.Id }));
            Assert.That(await QueueAsync("q=memo%207781"), Is.EqualTo(new[] { other.Id }), "a customer's later message");
            Assert.That(await QueueAsync("q=" + new string('a', 64)), Is.EqualTo(new[] { other.Id }), "the txId");
            Assert.That(await QueueAsync("q=tron"), Is.EqualTo(new[] { other.Id }), "the network");
            Assert.That(await QueueAsync("q=tag-user"), Is.EquivalentTo(new[] { tagged.Id, other.Id }), "the user id");
            Assert.That(await QueueAsync("q=card&tag=vip&assignee=none"), Is.EqualTo(new[] { tagged.Id }), "filters combine");
        });

        foreach (var bad in new[] { """{"tags":["has space"]}""", """{"tags":["-lead"]}""", """{"tags":["a","b","c","d","e","f","g","h","i","j","k"]}""" })
        {
            using var response = await agent.PatchAsync($"/v1/agent/tickets/{tagged.Id}", Json(bad));
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        }

        using var badTag = await agent.GetAsync("/v1/agent/tickets?tag=a%20b");
        await AssertProblemAsync(badTag, HttpStatusCode.BadRequest, ErrorCodes.InvalidQuery);
    }

    [Test]
    public async Task A_duplicate_merges_into_the_same_customers_ticket_and_never_into_anothers()
    {
        await using var server = await SupportServerHost.StartAsync(Workspace, importFaq: false);
        using var user = await server.UserAsync("merge-user");
        using var stranger = await server.UserAsync("merge-stranger");
        var original = await CreateTicketAsync(user, NewTicket("Deposit missing"));
        var duplicate = await CreateTicketAsync(user, NewTicket("Deposit STILL missing"));
        var strangers = await CreateTicketAsync(stranger, NewTicket("My deposit"));
        using var agent = server.Agent();

        using (var across = await agent.PostAsync($"/v1/agent/tickets/{duplicate.Id}/merge", Json($$"""{"into":"{{strangers.Id}}"}""")))
        {
            await AssertProblemAsync(across, HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
        }

        using (var self = await agent.PostAsync($"/v1/agent/tickets/{duplicate.Id}/merge", Json($$"""{"into":"{{duplicate.Id}}"}""")))
        {
            await AssertProblemAsync(self, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        }

        using (var merged = await agent.PostAsync($"/v1/agent/tickets/{duplicate.Id}/merge", Json($$"""{"into":"{{original.Id}}"}""")))
        {
            Assert.That(merged.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merged.Content.ReadAsStringAsync());
            Assert.That((await ReadAsync(merged, SupportJsonContext.Default.Ticket)).Status, Is.EqualTo(TicketStatus.Closed));
        }

        var duplicateMessages = (await user.GetFromJsonAsync($"/v1/tickets/{duplicate.Id}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items;
        var originalMessages = (await user.GetFromJsonAsync($"/v1/tickets/{original.Id}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items;
        var strangerMessages = await stranger.GetStringAsync($"/v1/tickets/{strangers.Id}/messages");
        using var again = await agent.PostAsync($"/v1/agent/tickets/{duplicate.Id}/merge", Json($$"""{"into":"{{original.Id}}"}"""));
        Assert.Multiple(async () =>
        {
            Assert.That(duplicateMessages[^1].Body, Is.EqualTo($"Merged into ticket {original.Id}: the conversation continues there."));
            Assert.That(duplicateMessages[^1].From.Role, Is.EqualTo(AuthorRole.System));
            Assert.That(originalMessages[^1].Body, Does.Contain(duplicate.Id).And.Contain("Deposit STILL missing"));
            Assert.That(strangerMessages, Does.Not.Contain("merged").IgnoreCase, "the refused merge touched nothing");
            await AssertProblemAsync(again, HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
        });
    }
}

using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IAgentStore</c> and the unassigned queue: profiles with defaults and partial changes, reported
/// status, loads that leave out finished tickets, oldest-first unassigned tickets.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class AgentStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task A_profile_starts_with_defaults_and_a_change_keeps_what_it_does_not_name()
    {
        var created = await _store.UpsertAgentAsync("Mei 美", new AgentProfileChange(["zh", "en"], null, null, null), T0, CancellationToken.None);
        var changed = await _store.UpsertAgentAsync("Mei 美", new AgentProfileChange(null, ["security", "deposit"], 2, null), T0.AddMinutes(1), CancellationToken.None);
        var online = await _store.SetAgentStatusAsync("Mei 美", "online", T0.AddMinutes(2), CancellationToken.None);
        var fresh = await _store.SetAgentStatusAsync("Noor", "away", T0.AddMinutes(3), CancellationToken.None);
        await _store.MarkAgentAssignedAsync("Noor", T0.AddMinutes(4), CancellationToken.None);
        var cleared = await _store.UpsertAgentAsync("Noor", new AgentProfileChange([], [], null, 5), T0.AddMinutes(5), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((created.Tier, created.Capacity, created.Status, created.Skills.Count), Is.EqualTo((1, 20, "offline", 0)));
            Assert.That(changed.Languages, Is.EqualTo(new[] { "zh", "en" }), "kept");
            Assert.That((changed.Skills, changed.Tier, changed.Capacity), Is.EqualTo((new[] { "security", "deposit" }, 2, 20)));
            Assert.That((online.Status, online.SeenAt, online.Tier), Is.EqualTo(("online", (DateTimeOffset?)T0.AddMinutes(2), 2)), "status keeps the profile");
            Assert.That((fresh.Status, fresh.Capacity), Is.EqualTo(("away", 20)), "a status report creates the agent with the defaults");
            Assert.That((cleared.Languages.Count, cleared.Capacity, cleared.LastAssignedAt, cleared.Status),
                Is.EqualTo((0, 5, (DateTimeOffset?)T0.AddMinutes(4), "away")));
            Assert.That((await _store.ListAgentsAsync(CancellationToken.None)).Select(a => a.Name), Is.EqualTo(new[] { "Mei 美", "Noor" }));
            Assert.That(await _store.GetAgentAsync("nobody", CancellationToken.None), Is.Null);
        });
    }

    [Test]
    public async Task Loads_count_unfinished_tickets_and_the_unassigned_queue_lists_oldest_first()
    {
        var tickets = new List<Ticket>();
        for (var i = 0; i < 6; i++)
        {
            var ticket = NewTicket("owner", createdAt: T0.AddSeconds(i));
            await _store.CreateTicketAsync(ticket, Message(1, "msg_q" + i), null, CancellationToken.None);
            tickets.Add(ticket);
        }

        async Task SetAsync(Ticket t, string? assignee, TicketStatus status) =>
            Assert.That(await _store.TryUpdateTicketAsync(t.With(assignee: assignee, status: status, version: t.Version + 1), t.Version, null, CancellationToken.None), Is.True);
        await SetAsync(tickets[0], "Ann", TicketStatus.Open);
        await SetAsync(tickets[1], "Ann", TicketStatus.PendingCustomer);
        await SetAsync(tickets[2], "Ann", TicketStatus.Resolved);
        await SetAsync(tickets[3], "Bo", TicketStatus.Closed);
        await SetAsync(tickets[4], null, TicketStatus.Resolved);

        var loads = await _store.CountOpenTicketsByAssigneeAsync(CancellationToken.None);
        await _store.CreateTicketAsync(NewTicket("owner", createdAt: T0.AddSeconds(10)), Message(1, "msg_q9"), null, CancellationToken.None);
        var waiting = await _store.ListTicketsAsync(new TicketFilter(null, null, null, 10) { Unassigned = true, OldestFirst = true }, CancellationToken.None);
        var newest = await _store.ListTicketsAsync(new TicketFilter(null, null, null, 10) { Unassigned = true }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(loads, Is.EquivalentTo(new Dictionary<string, int> { ["Ann"] = 2 }), "resolved and closed tickets hold no one");
            Assert.That(waiting.Select(t => t.Id).First(), Is.EqualTo(tickets[5].Id), "oldest first; the resolved unassigned one is not waiting");
            Assert.That(waiting, Has.Count.EqualTo(2));
            Assert.That(newest.Select(t => t.Id), Is.EqualTo(waiting.Select(t => t.Id).Reverse()), "the agents' view, newest first");
        });
    }

    [Test]
    public async Task The_queue_search_finds_subject_message_name_transaction_and_ids_and_takes_wildcards_literally()
    {
        var first = NewTicket("owner-a");
        var second = NewTicket("owner-b");
        await _store.CreateTicketAsync(first.With(tags: ["vip", "chargeback-risk", "vip-1"]), Message(1, "msg_s1"), null, CancellationToken.None);
        await _store.CreateTicketAsync(second, new TicketMessage
        {
            Id = "msg_s2", Seq = 1, From = new Author { Role = AuthorRole.Customer, Name = "c" }, Body = "提币一直在审核中 100% stuck", CreatedAt = T0,
        }, null, CancellationToken.None);

        async Task<IReadOnlyList<string>> FindAsync(string? query = null, string? tag = null) =>
            (await _store.ListTicketsAsync(new TicketFilter(null, null, null, 10) { Query = query, Tag = tag }, CancellationToken.None)).Select(t => t.Id).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(await FindAsync(tag: "vip"), Is.EqualTo(new[] { first.Id }));
            Assert.That(await FindAsync(tag: "chargeback"), Is.Empty, "a whole tag, not part of one");
            Assert.That(await FindAsync(tag: "vip_1"), Is.Empty, "'_' in a tag is a character, not a wildcard");
            Assert.That(await FindAsync("审核"), Is.EqualTo(new[] { second.Id }), "text of a message");
            Assert.That(await FindAsync("SUBJ"), Is.EquivalentTo(new[] { first.Id, second.Id }), "the subject, any case");
            Assert.That(await FindAsync("owner-b"), Is.EqualTo(new[] { second.Id }), "the customer");
            Assert.That(await FindAsync(new string('f', 64)), Is.EquivalentTo(new[] { first.Id, second.Id }), "the txId");
            Assert.That(await FindAsync(first.Id), Is.EqualTo(new[] { first.Id }), "the ticket id");
            Assert.That(await FindAsync("100%"), Is.EqualTo(new[] { second.Id }), "'%' is a character, not a wildcard");
            Assert.That(await FindAsync("_"), Is.Empty, "'_' too");
            Assert.That((await _store.GetTicketAsync(first.Id, CancellationToken.None))!.Tags, Is.EqualTo(new[] { "vip", "chargeback-risk", "vip-1" }));
        });
    }
}

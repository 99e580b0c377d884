using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>ITicketStore</c>: every field round-trips, lists page and filter, updates are version-checked and serialize.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class TicketStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task The_quota_reads_the_nth_newest_ticket_of_one_owner_in_the_window()
    {
        for (var i = 0; i < 5; i++)
        {
            var t = NewTicket("quota-owner", createdAt: T0 + TimeSpan.FromMinutes(i));
            await _store.CreateTicketAsync(t, Message(1, "msg_q" + i), null, CancellationToken.None);
        }

        await _store.CreateTicketAsync(NewTicket("someone-else", createdAt: T0 + TimeSpan.FromMinutes(10)), Message(1, "msg_q_other"), null, CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await NthNewestAsync(T0 - TimeSpan.FromMinutes(1), 1), Is.EqualTo(T0 + TimeSpan.FromMinutes(4)));
            Assert.That(await NthNewestAsync(T0 - TimeSpan.FromMinutes(1), 5), Is.EqualTo(T0));
            Assert.That(await NthNewestAsync(T0 - TimeSpan.FromMinutes(1), 6), Is.Null, "fewer than six");
            Assert.That(await NthNewestAsync(T0 + TimeSpan.FromMinutes(2), 2), Is.EqualTo(T0 + TimeSpan.FromMinutes(3)),
                "only tickets after the window's start count");
            Assert.That(await NthNewestAsync(T0 + TimeSpan.FromMinutes(2), 3), Is.Null);
        });
    }

    private async Task<DateTimeOffset?> NthNewestAsync(DateTimeOffset since, int n) =>
        (await _store.CheckCreateAsync(null, "quota-owner", since, n, CancellationToken.None)).QuotaReachedBy;

    [Test]
    public async Task Tickets_round_trip_every_field()
    {
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_1"), null, CancellationToken.None);
        var loaded = await _store.GetTicketAsync(ticket.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(loaded!.Customer.UserId, Is.EqualTo("alice"));
            Assert.That(loaded.Transaction!.Amount, Is.EqualTo(0.5m));
            Assert.That(loaded.CreatedAt, Is.EqualTo(T0));
            Assert.That(loaded.Status, Is.EqualTo(TicketStatus.Open));
            Assert.That(loaded.Rating, Is.Null);
        });
    }

    [Test]
    public async Task Lists_filter_by_owner_and_status_and_page_below_a_cursor()
    {
        var tickets = new List<Ticket>();
        for (var i = 0; i < 6; i++)
        {
            var t = NewTicket(i % 2 == 0 ? "alice" : "bob", i == 4 ? TicketStatus.Closed : (TicketStatus?)null);
            tickets.Add(t);
            await _store.CreateTicketAsync(t, Message(1, "msg_l" + i), null, CancellationToken.None);
        }

        var alice = await _store.ListTicketsAsync(new TicketFilter("alice", null, null, 10), CancellationToken.None);
        var aliceOpen = await _store.ListTicketsAsync(new TicketFilter("alice", TicketStatus.Open, null, 10), CancellationToken.None);
        var page = await _store.ListTicketsAsync(new TicketFilter(null, null, tickets[3].Id, 2), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(alice.Select(t => t.Id), Is.EqualTo(new[] { tickets[4].Id, tickets[2].Id, tickets[0].Id }));
            Assert.That(aliceOpen.Select(t => t.Id), Is.EqualTo(new[] { tickets[2].Id, tickets[0].Id }));
            Assert.That(page.Select(t => t.Id), Is.EqualTo(new[] { tickets[2].Id, tickets[1].Id }));
        });
    }

    [Test]
    public async Task Updates_succeed_only_from_the_expected_version()
    {
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_u1"), null, CancellationToken.None);
        var v2 = new Ticket { Id = ticket.Id, Customer = ticket.Customer, Subject = "s", Status = TicketStatus.PendingAgent, Priority = TicketPriority.High, Category = ticket.Category, Locale = "en-us", Tier = 1, MessageCount = 2, Version = 2, CreatedAt = T0, UpdatedAt = T0.AddSeconds(1) };

        var first = await _store.TryUpdateTicketAsync(v2, 1, Message(2, "msg_u2"), CancellationToken.None);
        var stale = await _store.TryUpdateTicketAsync(v2, 1, Message(2, "msg_u3"), CancellationToken.None);
        var messages = await _store.ListMessagesAsync(ticket.Id, 0, 10, CancellationToken.None);
        var loaded = await _store.GetTicketAsync(ticket.Id, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(stale, Is.False, "a writer holding version 1 lost the race");
            Assert.That(messages.Select(m => m.Seq), Is.EqualTo(new long[] { 1, 2 }), "the losing writer's message is not stored");
            Assert.That(loaded!.Priority, Is.EqualTo(TicketPriority.High));
        });
    }

    [Test]
    public async Task Concurrent_writers_on_one_ticket_serialize_without_losing_or_duplicating()
    {
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_c0"), null, CancellationToken.None);
        var winners = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var current = (await _store.GetTicketAsync(ticket.Id, CancellationToken.None))!;
                var next = new Ticket { Id = current.Id, Customer = current.Customer, Subject = current.Subject, Status = current.Status, Priority = current.Priority, Category = current.Category, Locale = current.Locale, Tier = 1, MessageCount = current.MessageCount + 1, Version = current.Version + 1, CreatedAt = T0, UpdatedAt = T0 };
                if (await _store.TryUpdateTicketAsync(next, current.Version, Message(next.MessageCount, $"msg_c{i + 1}"), CancellationToken.None))
                {
                    return true;
                }
            }

            return false;
        }));
        var messages = await _store.ListMessagesAsync(ticket.Id, 0, 100, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(winners, Is.All.True);
            Assert.That(messages.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(1, 11).Select(i => (long)i)));
        });
    }
}

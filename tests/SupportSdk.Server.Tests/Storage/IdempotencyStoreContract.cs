using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IIdempotencyStore</c> (with ticket creation, which records its key in its own transaction): claims, completion, expiry, concurrent creates.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class IdempotencyStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Idempotency_records_move_from_started_to_completed_and_expire()
    {
        IdempotencyRequest Request(string hash, DateTimeOffset now) => new("user:a", "key", hash, now, now.AddMinutes(-2), now.AddHours(-24));
        var started = await _store.BeginIdempotentRequestAsync(Request("h1", T0), CancellationToken.None);
        var inFlight = await _store.BeginIdempotentRequestAsync(Request("h1", T0), CancellationToken.None);
        await _store.CompleteIdempotentRequestAsync("user:a", "key", new StoredResponse(201, "application/json", "/v1/tickets/x", [1, 2]), CancellationToken.None);
        var replay = await _store.BeginIdempotentRequestAsync(Request("h1", T0.AddHours(1)), CancellationToken.None);
        var mismatch = await _store.BeginIdempotentRequestAsync(Request("h2", T0.AddHours(1)), CancellationToken.None);
        var expired = await _store.BeginIdempotentRequestAsync(Request("h2", T0.AddHours(25)), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(started.Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That(inFlight.Outcome, Is.EqualTo(IdempotencyOutcome.InFlight));
            Assert.That(replay.Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That(replay.Response!.Body, Is.EqualTo(new byte[] { 1, 2 }));
            Assert.That(replay.Response.Location, Is.EqualTo("/v1/tickets/x"));
            Assert.That(mismatch.Outcome, Is.EqualTo(IdempotencyOutcome.Mismatch));
            Assert.That(expired.Outcome, Is.EqualTo(IdempotencyOutcome.Started));
        });
    }

    [Test]
    public async Task A_ticket_and_its_idempotency_record_are_stored_together_once_per_key()
    {
        IdempotencyRequest Request(string hash) => new("user:alice", "create-1", hash, T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var response = new StoredResponse(201, "application/json; charset=utf-8", "/v1/tickets/x", [7, 8]);
        var first = NewTicket("alice");
        var created = await _store.CreateTicketAsync(first, Message(1, "msg_i1"), new IdempotentCompletion(Request("h1"), response), CancellationToken.None);
        var peek = await _store.PeekIdempotentRequestAsync(Request("h1"), CancellationToken.None);
        var again = await _store.CreateTicketAsync(NewTicket("alice"), Message(1, "msg_i2"), new IdempotentCompletion(Request("h1"), response), CancellationToken.None);
        var other = await _store.CreateTicketAsync(NewTicket("alice"), Message(1, "msg_i3"), new IdempotentCompletion(Request("h2"), response), CancellationToken.None);
        var tickets = await _store.ListTicketsAsync(new TicketFilter("alice", null, null, 10), CancellationToken.None);
        var check = await _store.CheckCreateAsync(Request("h1"), "alice", T0.AddHours(-1), 1, CancellationToken.None);
        var checkOther = await _store.CheckCreateAsync(Request("h2"), "alice", T0.AddHours(-1), 2, CancellationToken.None);
        var checkNew = await _store.CheckCreateAsync(new IdempotencyRequest("user:alice", "create-2", "h1", T0, T0.AddMinutes(-2), T0.AddHours(-24)), "alice",
            T0.AddHours(-1), 2, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(created.Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That(peek.Outcome, Is.EqualTo(IdempotencyOutcome.Completed), "recorded as completed, no separate completion");
            Assert.That(peek.Response!.Body, Is.EqualTo(new byte[] { 7, 8 }));
            Assert.That(peek.Response.Location, Is.EqualTo("/v1/tickets/x"));
            Assert.That(again.Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That(other.Outcome, Is.EqualTo(IdempotencyOutcome.Mismatch));
            Assert.That(tickets.Select(t => t.Id), Is.EqualTo(new[] { first.Id }));
            Assert.That(check.Key.Outcome, Is.EqualTo(IdempotencyOutcome.Completed), "the create's own check sees the record");
            Assert.That(check.Key.Response!.Body, Is.EqualTo(new byte[] { 7, 8 }));
            Assert.That(check.QuotaReachedBy, Is.EqualTo(first.CreatedAt), "a quota of one is reached by the one ticket");
            Assert.That(checkOther.Key.Outcome, Is.EqualTo(IdempotencyOutcome.Mismatch));
            Assert.That(checkOther.QuotaReachedBy, Is.Null, "one ticket does not reach a quota of two");
            Assert.That(checkNew.Key.Outcome, Is.EqualTo(IdempotencyOutcome.Started), "a key never used is free");
        });
    }

    [Test]
    public async Task A_ticket_create_finds_a_key_claimed_in_flight_and_writes_nothing()
    {
        var request = new IdempotencyRequest("user:bob", "create-2", "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var peekBefore = await _store.PeekIdempotentRequestAsync(request, CancellationToken.None);
        await _store.BeginIdempotentRequestAsync(request, CancellationToken.None);
        var outcome = await _store.CreateTicketAsync(NewTicket("bob"), Message(1, "msg_f1"),
            new IdempotentCompletion(request, new StoredResponse(201, null, null, [1])), CancellationToken.None);
        var tickets = await _store.ListTicketsAsync(new TicketFilter("bob", null, null, 10), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(peekBefore.Outcome, Is.EqualTo(IdempotencyOutcome.Started), "a peek claims nothing");
            Assert.That(outcome.Outcome, Is.EqualTo(IdempotencyOutcome.InFlight));
            Assert.That(tickets, Is.Empty);
        });
    }

    [Test]
    public async Task Concurrent_creates_with_one_key_store_one_ticket()
    {
        var request = new IdempotencyRequest("user:carol", "create-3", "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => _store.CreateTicketAsync(NewTicket("carol"), Message(1, $"msg_r{i}"),
            new IdempotentCompletion(request, new StoredResponse(201, null, null, [(byte)i])), CancellationToken.None))));
        var tickets = await _store.ListTicketsAsync(new TicketFilter("carol", null, null, 100), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Count(o => o.Outcome == IdempotencyOutcome.Started), Is.EqualTo(1));
            Assert.That(outcomes.Where(o => o.Outcome != IdempotencyOutcome.Started).Select(o => o.Outcome), Is.All.EqualTo(IdempotencyOutcome.Completed));
            Assert.That(outcomes.Select(o => o.Response?.Body[0]).Where(b => b is not null).Distinct().Count(), Is.EqualTo(1), "every loser replays the winner's response");
            Assert.That(tickets, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_failed_write_rolls_back_alone_and_the_next_writes_succeed()
    {
        var ticket = NewTicket("dave");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_d1"), null, CancellationToken.None);
        var request = new IdempotencyRequest("user:dave", "create-4", "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));

        // The same ticket id again violates the primary key inside the transaction: the store's writer connection
        // must roll back the whole transaction (no idempotency record either) and stay usable for the next write.
        var duplicate = async () => await _store.CreateTicketAsync(ticket, Message(1, "msg_d2"),
            new IdempotentCompletion(request, new StoredResponse(201, null, null, [1])), CancellationToken.None);
        Assert.That(duplicate, Throws.Exception);
        var afterFailure = await _store.PeekIdempotentRequestAsync(request, CancellationToken.None);
        var next = NewTicket("dave");
        var created = await _store.CreateTicketAsync(next, Message(1, "msg_d3"), new IdempotentCompletion(request, new StoredResponse(201, null, null, [2])), CancellationToken.None);
        var messages = await _store.ListMessagesAsync(ticket.Id, 0, 10, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(afterFailure.Outcome, Is.EqualTo(IdempotencyOutcome.Started), "the failed create left no record");
            Assert.That(created.Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That(await _store.GetTicketAsync(next.Id, CancellationToken.None), Is.Not.Null);
            Assert.That(messages.Select(m => m.Id), Is.EqualTo(new[] { "msg_d1" }), "the failed create's message was rolled back");
        });
    }

    [Test]
    public async Task A_released_or_abandoned_claim_can_be_taken_again()
    {
        var now = T0;
        var request = new IdempotencyRequest("user:b", "k", "h", now, now.AddMinutes(-2), now.AddHours(-24));
        await _store.BeginIdempotentRequestAsync(request, CancellationToken.None);
        await _store.ReleaseIdempotentRequestAsync("user:b", "k", CancellationToken.None);
        var afterRelease = await _store.BeginIdempotentRequestAsync(request, CancellationToken.None);
        var later = now.AddMinutes(3);
        var takeover = await _store.BeginIdempotentRequestAsync(request with { Now = later, InFlightExpiredBefore = later.AddMinutes(-2) }, CancellationToken.None);
        var purged = await _store.PurgeIdempotencyAsync(later.AddSeconds(1), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(afterRelease.Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That(takeover.Outcome, Is.EqualTo(IdempotencyOutcome.Started), "a holder silent for 2 minutes is presumed dead");
            Assert.That(purged, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_claimed_key_is_completed_by_the_write_it_guards_and_only_when_that_write_applies()
    {
        var request = new IdempotencyRequest("user:alice", "reply-1", "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_w1"), null, CancellationToken.None);
        await _store.BeginIdempotentRequestAsync(request, CancellationToken.None);
        var response = new StoredResponse(201, "application/json; charset=utf-8", null, [4, 2]);
        var updated = new Ticket { Id = ticket.Id, Customer = ticket.Customer, Subject = "s", Status = TicketStatus.PendingAgent, Priority = TicketPriority.Normal, Category = ticket.Category, Locale = "en-us", Tier = 1, MessageCount = 2, Version = 2, CreatedAt = T0, UpdatedAt = T0.AddSeconds(1) };

        var stale = await _store.TryUpdateTicketAsync(updated, 7, Message(2, "msg_w2"), [], new IdempotentCompletion(request, response), CancellationToken.None);
        var afterStale = await _store.PeekIdempotentRequestAsync(request, CancellationToken.None);
        var applied = await _store.TryUpdateTicketAsync(updated, 1, Message(2, "msg_w2"), [], new IdempotentCompletion(request, response), CancellationToken.None);
        var afterApplied = await _store.PeekIdempotentRequestAsync(request, CancellationToken.None);
        await _store.ReleaseIdempotentRequestAsync("user:alice", "reply-1", CancellationToken.None);
        var afterRelease = await _store.PeekIdempotentRequestAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stale, Is.False);
            Assert.That(afterStale.Outcome, Is.EqualTo(IdempotencyOutcome.InFlight), "a write that did not apply completes nothing");
            Assert.That(applied, Is.True);
            Assert.That(afterApplied.Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That(afterApplied.Response!.Body, Is.EqualTo(new byte[] { 4, 2 }));
            Assert.That(afterRelease.Outcome, Is.EqualTo(IdempotencyOutcome.Completed), "a release never undoes a completed key");
        });
    }

    [Test]
    public async Task Channel_reports_and_webhook_endpoints_complete_their_claimed_key_in_their_own_write()
    {
        IdempotencyRequest Request(string key) => new("key:exchange", key, "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var response = new StoredResponse(201, "application/json; charset=utf-8", null, [9]);
        await _store.BeginIdempotentRequestAsync(Request("report"), CancellationToken.None);
        await _store.BeginIdempotentRequestAsync(Request("hook"), CancellationToken.None);
        await _store.BeginIdempotentRequestAsync(Request("rotate"), CancellationToken.None);
        var report = new ChannelReport { Id = "rpt_w1", Input = "t.me/fake", Verdict = "unknown", Kind = "unknown", ReporterId = "alice", CreatedAt = T0 };
        await _store.AddChannelReportAsync(report, [], new IdempotentCompletion(Request("report"), response), CancellationToken.None);
        var hook = new StoredWebhook("wh_w1", "https://example.com/hook", ["ticket.created"], null, true, null, "whsec_a", null, null, T0, null);
        await _store.AddWebhookAsync(hook, 20, new IdempotentCompletion(Request("hook"), response), CancellationToken.None);
        var missing = await _store.UpdateWebhookAsync(hook with { Id = "wh_none" }, new IdempotentCompletion(Request("rotate"), response), CancellationToken.None);
        var afterMissing = await _store.PeekIdempotentRequestAsync(Request("rotate"), CancellationToken.None);
        await _store.UpdateWebhookAsync(hook with { Secret = "whsec_b", PreviousSecret = "whsec_a" }, new IdempotentCompletion(Request("rotate"), response), CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((await _store.PeekIdempotentRequestAsync(Request("report"), CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That((await _store.PeekIdempotentRequestAsync(Request("hook"), CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That(missing, Is.False);
            Assert.That(afterMissing.Outcome, Is.EqualTo(IdempotencyOutcome.InFlight), "no endpoint, nothing completed");
            Assert.That((await _store.PeekIdempotentRequestAsync(Request("rotate"), CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
        });
    }

    [Test]
    public async Task A_write_whose_claim_was_taken_over_is_rolled_back_and_leaves_the_new_holder_alone()
    {
        var first = new IdempotencyRequest("user:alice", "slow-1", "h", T0, T0.AddMinutes(-2), T0.AddHours(-24));
        var later = T0.AddMinutes(3);
        var second = first with { Now = later, InFlightExpiredBefore = later.AddMinutes(-2) };
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_l1"), null, CancellationToken.None);
        await _store.BeginIdempotentRequestAsync(first, CancellationToken.None);
        var takeover = await _store.BeginIdempotentRequestAsync(second, CancellationToken.None);
        var updated = new Ticket { Id = ticket.Id, Customer = ticket.Customer, Subject = "s", Status = TicketStatus.PendingAgent, Priority = TicketPriority.Normal, Category = ticket.Category, Locale = "en-us", Tier = 1, MessageCount = 2, Version = 2, CreatedAt = T0, UpdatedAt = T0.AddSeconds(1) };

        Assert.That(takeover.Outcome, Is.EqualTo(IdempotencyOutcome.Started), "a holder silent past the takeover time is presumed dead");
        Assert.ThrowsAsync<IdempotencyClaimLostException>(() =>
            _store.TryUpdateTicketAsync(updated, 1, Message(2, "msg_l2"), [], new IdempotentCompletion(first, new StoredResponse(201, null, null, [1])), CancellationToken.None));
        var stored = await _store.GetTicketAsync(ticket.Id, CancellationToken.None);
        var messages = await _store.ListMessagesAsync(ticket.Id, 0, 10, CancellationToken.None);
        var record = await _store.PeekIdempotentRequestAsync(second, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(stored!.Version, Is.EqualTo(1), "the slow attempt's work was rolled back");
            Assert.That(messages.Select(m => m.Id), Is.EqualTo(new[] { "msg_l1" }));
            Assert.That(record.Outcome, Is.EqualTo(IdempotencyOutcome.InFlight), "the new holder's claim is untouched");
        });
    }
}

using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="ISupportStore"/> must have. Each engine runs this suite through a subclass that
/// says how to make an empty store.
/// </summary>
public abstract partial class SupportStoreContract
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
    private ISupportStore _store = null!;
    private int _next;

    private protected abstract Task<ISupportStore> CreateStoreAsync();

    private protected abstract Task DeleteStoreAsync(ISupportStore store);

    [SetUp]
    public async Task CreateAsync()
    {
        _store = await CreateStoreAsync();
        await _store.MigrateAsync(CancellationToken.None);
    }

    [TearDown]
    public Task DeleteAsync() => DeleteStoreAsync(_store);

    private Ticket NewTicket(string owner, TicketStatus? status = null) => new()
    {
        Id = $"tkt_{Interlocked.Increment(ref _next):d26}",
        Subject = "subject",
        Status = status ?? TicketStatus.Open,
        Priority = TicketPriority.Normal,
        Category = TicketCategory.Deposit,
        Locale = "en-us",
        Tier = 1,
        Customer = new TicketCustomer { UserId = owner, DisplayName = owner },
        Transaction = new TransactionInfo { Asset = "BTC", Network = "BTC", TxId = new string('f', 64), Amount = 0.5m, Direction = TransactionDirection.Deposit },
        MessageCount = 1,
        Version = 1,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static TicketMessage Message(long seq, string id, params AttachmentInfo[] attachments) => new()
    {
        Id = id,
        Seq = seq,
        From = new Author { Role = AuthorRole.Customer, Name = "c" },
        Body = "body " + seq,
        CreatedAt = T0,
        Attachments = attachments,
    };

    [Test]
    public async Task Migrating_twice_is_harmless() => await _store.MigrateAsync(CancellationToken.None);

    [Test]
    public async Task Settings_keep_their_first_value()
    {
        var first = await _store.GetOrAddSettingAsync("k", "one", CancellationToken.None);
        var second = await _store.GetOrAddSettingAsync("k", "two", CancellationToken.None);
        Assert.That((first, second), Is.EqualTo(("one", "one")));
    }

    [Test]
    public async Task Keys_are_found_by_hash_and_added_once()
    {
        var key = new StoredKey("key_1", "api", "backend", "hash-1", T0);
        Assert.Multiple(async () =>
        {
            Assert.That(await _store.AddKeyAsync(key, CancellationToken.None), Is.True);
            Assert.That(await _store.AddKeyAsync(key with { Id = "key_2" }, CancellationToken.None), Is.False);
            Assert.That(await _store.FindKeyAsync("hash-1", CancellationToken.None), Is.EqualTo(key));
            Assert.That(await _store.FindKeyAsync("hash-2", CancellationToken.None), Is.Null);
            Assert.That(await _store.CountKeysAsync(CancellationToken.None), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Tickets_round_trip_every_field()
    {
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_1"), CancellationToken.None);
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
            await _store.CreateTicketAsync(t, Message(1, "msg_l" + i), CancellationToken.None);
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
        await _store.CreateTicketAsync(ticket, Message(1, "msg_u1"), CancellationToken.None);
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
        await _store.CreateTicketAsync(ticket, Message(1, "msg_c0"), CancellationToken.None);
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

    [Test]
    public async Task Attachments_link_to_one_message_only()
    {
        var info = new AttachmentInfo { Id = "att_1", FileName = "a.png", ContentType = "image/png", Size = 3, CreatedAt = T0 };
        await _store.AddAttachmentAsync(new StoredAttachment(info, "user:alice", null, null), new byte[] { 1, 2, 3 }, CancellationToken.None);
        var ticket = NewTicket("alice");
        await _store.CreateTicketAsync(ticket, Message(1, "msg_a1", info), CancellationToken.None);
        var second = NewTicket("alice");
        var reuse = async () => await _store.CreateTicketAsync(second, Message(1, "msg_a2", info), CancellationToken.None);

        Assert.That(reuse, Throws.Exception);
        var stored = await _store.GetAttachmentAsync("att_1", CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(stored!.TicketId, Is.EqualTo(ticket.Id));
            Assert.That(stored.MessageId, Is.EqualTo("msg_a1"));
            Assert.That(await _store.ReadAttachmentAsync("att_1", CancellationToken.None), Is.EqualTo(new byte[] { 1, 2, 3 }));
            Assert.That(await _store.GetTicketAsync(second.Id, CancellationToken.None), Is.Null, "the failed create left nothing behind");
            Assert.That((await _store.ListMessagesAsync(ticket.Id, 0, 10, CancellationToken.None))[0].Attachments.Single().Id, Is.EqualTo("att_1"));
        });
    }

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

        Assert.Multiple(() =>
        {
            Assert.That(created.Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That(peek.Outcome, Is.EqualTo(IdempotencyOutcome.Completed), "recorded as completed, no separate completion");
            Assert.That(peek.Response!.Body, Is.EqualTo(new byte[] { 7, 8 }));
            Assert.That(peek.Response.Location, Is.EqualTo("/v1/tickets/x"));
            Assert.That(again.Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That(other.Outcome, Is.EqualTo(IdempotencyOutcome.Mismatch));
            Assert.That(tickets.Select(t => t.Id), Is.EqualTo(new[] { first.Id }));
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
        await _store.CreateTicketAsync(ticket, Message(1, "msg_d1"), CancellationToken.None);
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
    public async Task Faq_imports_upsert_and_feedback_counts()
    {
        var article = new StoredArticle(7, "en-us", "7", 1, "Title", "<p>Body</p>", "Body", ["a", "b"], "https://x/7", 0, T0);
        await _store.ImportFaqAsync(new FaqImport([new StoredCategory(1, "en-us", "Cat", null, 0)], [new StoredSection(1, "en-us", 1, "Sec", null, 0)], [article]), CancellationToken.None);
        await _store.ImportFaqAsync(new FaqImport([], [], [article with { Title = "New title" }]), CancellationToken.None);
        ArticleVote Vote(string voter, bool helpful, long article = 7) => new(article, "en-us", voter, helpful, null, T0);
        var first = await _store.AddArticleFeedbackAsync(Vote("user:a", true), CancellationToken.None);
        var again = await _store.AddArticleFeedbackAsync(Vote("user:a", true), CancellationToken.None);
        var other = await _store.AddArticleFeedbackAsync(Vote("anon:10.0.0.1", false), CancellationToken.None);
        var changed = await _store.AddArticleFeedbackAsync(Vote("user:a", false), CancellationToken.None);
        var missing = await _store.AddArticleFeedbackAsync(Vote("user:a", true, article: 8), CancellationToken.None);
        var loaded = await _store.LoadFaqAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Articles.Single().Title, Is.EqualTo("New title"));
            Assert.That(loaded.Articles.Single().Labels, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(loaded.Sections.Single().CategoryId, Is.EqualTo(1));
            Assert.That(first, Is.EqualTo((1, 0)));
            Assert.That(again, Is.EqualTo((1, 0)), "the same voter counts once");
            Assert.That(other, Is.EqualTo((1, 1)));
            Assert.That(changed, Is.EqualTo((0, 2)), "a changed vote moves, it does not add");
            Assert.That(missing, Is.Null);
        });
    }
}

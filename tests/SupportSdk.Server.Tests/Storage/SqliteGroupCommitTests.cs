using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.Sqlite;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>
/// The SQLite store's group commit: writes queued while another write holds the writer go into one transaction,
/// each in its own savepoint, so a failing write is undone alone and the others are stored.
/// </summary>
[TestFixture]
public sealed class SqliteGroupCommitTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
    private string _directory = null!;
    private SqliteSupportStore _store = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _directory = Directory.CreateTempSubdirectory("supportsdk-batch-").FullName;
        _store = new SqliteSupportStore(Path.Combine(_directory, "store.db"));
        await _store.MigrateAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task DeleteAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static Ticket NewTicket(string id, string owner) => new()
    {
        Id = id,
        Subject = "subject",
        Status = TicketStatus.Open,
        Priority = TicketPriority.Normal,
        Category = TicketCategory.Deposit,
        Locale = "en-us",
        Tier = 1,
        Customer = new TicketCustomer { UserId = owner, DisplayName = owner },
        MessageCount = 1,
        Version = 1,
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static TicketMessage Message(string id, params AttachmentInfo[] attachments) => new()
    {
        Id = id,
        Seq = 1,
        From = new Author { Role = AuthorRole.Customer, Name = "c" },
        Body = "body",
        CreatedAt = T0,
        Attachments = attachments,
    };

    private static IdempotentCompletion Key(string key, byte body) =>
        new(new IdempotencyRequest("user:u", key, "h-" + key, T0, T0.AddMinutes(-2), T0.AddHours(-24)), new StoredResponse(201, null, null, [body]));

    /// <summary>Holds the writer inside a transaction until released, so that the writes started meanwhile queue up.</summary>
    private async Task<(Task Held, TaskCompletionSource Release)> HoldWriterAsync()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = _store.WriteAsync(async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
            return 0;
        }, CancellationToken.None);
        await entered.Task;
        return (held, release);
    }

    [Test]
    public async Task Writes_queued_behind_a_write_commit_together_and_a_failing_one_does_not_lose_the_others()
    {
        var used = new AttachmentInfo { Id = "att_1", FileName = "a.png", ContentType = "image/png", Size = 1, CreatedAt = T0 };
        await _store.AddAttachmentAsync(new StoredAttachment(used, "user:u", null, null), new byte[] { 1 }, CancellationToken.None);
        await _store.CreateTicketAsync(NewTicket("tkt_0", "u"), Message("msg_0", used), null, [], CancellationToken.None);

        var (held, release) = await HoldWriterAsync();
        var before = _store.Commits;
        var good1 = _store.CreateTicketAsync(NewTicket("tkt_1", "u"), Message("msg_1"), Key("k1", 1), [], CancellationToken.None);
        var refused = _store.CreateTicketAsync(NewTicket("tkt_2", "u"), Message("msg_2", used), Key("k2", 2), [], CancellationToken.None); // attachment already linked: 400
        var good2 = _store.CreateTicketAsync(NewTicket("tkt_3", "u"), Message("msg_3"), Key("k3", 3), [], CancellationToken.None);
        var broken = _store.CreateTicketAsync(NewTicket("tkt_1", "u"), Message("msg_4"), Key("k4", 4), [], CancellationToken.None); // duplicate id: constraint
        var sameKey = _store.CreateTicketAsync(NewTicket("tkt_5", "u"), Message("msg_5"), Key("k1", 1), [], CancellationToken.None);
        release.SetResult();
        await held;

        Assert.Multiple(async () =>
        {
            Assert.That((await good1).Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That((await good2).Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That(async () => await refused, Throws.TypeOf<StoreConflictException>());
            Assert.That(async () => await broken, Throws.TypeOf<Microsoft.Data.Sqlite.SqliteException>());
            var replay = await sameKey;
            Assert.That(replay.Outcome, Is.EqualTo(IdempotencyOutcome.Completed), "a unit sees the units before it in its batch");
            Assert.That(replay.Response!.Body, Is.EqualTo(new byte[] { 1 }));
            Assert.That(_store.Commits - before, Is.EqualTo(2), "the held write, then one transaction for the five queued");

            var tickets = await _store.ListTicketsAsync(new TicketFilter("u", null, null, 10), CancellationToken.None);
            Assert.That(tickets.Select(t => t.Id), Is.EquivalentTo(new[] { "tkt_0", "tkt_1", "tkt_3" }));
            Assert.That((await _store.ListMessagesAsync("tkt_1", 0, 10, CancellationToken.None)).Select(m => m.Id), Is.EqualTo(new[] { "msg_1" }));
            Assert.That((await _store.PeekIdempotentRequestAsync(Key("k2", 2).Request, CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Started),
                "the refused unit's record was rolled back with it");
            Assert.That((await _store.PeekIdempotentRequestAsync(Key("k4", 4).Request, CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Started));
            Assert.That((await _store.PeekIdempotentRequestAsync(Key("k3", 3).Request, CancellationToken.None)).Outcome, Is.EqualTo(IdempotencyOutcome.Completed));
            Assert.That((await _store.GetAttachmentAsync("att_1", CancellationToken.None))!.TicketId, Is.EqualTo("tkt_0"));
        });
    }

    [Test]
    public async Task A_write_cancelled_while_queued_never_runs()
    {
        var (held, release) = await HoldWriterAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = _store.AddKeyAsync(new StoredKey("key_1", "api", "n", "hash-1", T0), cancel.Token);
        var kept = _store.AddKeyAsync(new StoredKey("key_2", "api", "n", "hash-2", T0), CancellationToken.None);
        await cancel.CancelAsync();
        release.SetResult();
        await held;

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
            Assert.That(await kept, Is.True);
            Assert.That(await _store.FindKeyAsync("hash-1", CancellationToken.None), Is.Null);
            Assert.That(await _store.FindKeyAsync("hash-2", CancellationToken.None), Is.Not.Null);
        });
    }

    private static StoredKey ApiKey(string n) => new("key_" + n, "api", "n", "hash-" + n, T0);

    [Test]
    public async Task A_batch_whose_rollback_fails_answers_every_write_and_the_next_write_works()
    {
        // A unit that leaves the writer unusable makes the batch's ROLLBACK throw a non-SQLite exception.
        var (held, release) = await HoldWriterAsync();
        var breaking = _store.WriteAsync<int>(async (connection, _) =>
        {
            await connection.CloseAsync();
            throw new InvalidOperationException("boom");
        }, CancellationToken.None);
        var neighbour = _store.AddKeyAsync(ApiKey("neighbour"), CancellationToken.None);
        release.SetResult();
        await held;

        // A hang here (a unit taken but never answered) becomes a TimeoutException, not a stuck test run.
        Assert.That(async () => await breaking.WaitAsync(TimeSpan.FromSeconds(30)), Throws.InvalidOperationException);
        Assert.That(async () => await neighbour.WaitAsync(TimeSpan.FromSeconds(30)), Throws.InvalidOperationException, "its batch failed, so it was not stored and says so");
        Assert.That(await _store.AddKeyAsync(ApiKey("later"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "a fresh writer serves the next write");
        Assert.That(await _store.FindKeyAsync("hash-neighbour", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task Disposing_with_writes_queued_answers_all_of_them()
    {
        var (held, release) = await HoldWriterAsync();
        var queued = new[] { "b", "c", "d" }.Select(n => _store.AddKeyAsync(ApiKey(n), CancellationToken.None)).ToArray();
        var disposing = _store.DisposeAsync().AsTask();
        release.SetResult();
        await held;
        await disposing.WaitAsync(TimeSpan.FromSeconds(30));

        // Each write is answered (stored, or ObjectDisposedException); a hang becomes a TimeoutException here.
        await Task.WhenAny(Task.WhenAll(queued)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(queued.Select(t => t.IsCompleted), Is.All.True);
        Assert.That(queued.Select(t => t.Exception?.InnerException), Is.All.InstanceOf<ObjectDisposedException>(), "nothing queued ran after dispose began");
    }

    [Test]
    public async Task Disposing_never_waits_past_its_deadline_for_a_running_write()
    {
        await _store.DisposeAsync();
        await using var store = new SqliteSupportStore(Path.Combine(_directory, "deadline.db")) { DisposeDeadline = TimeSpan.FromMilliseconds(200) };
        await store.MigrateAsync(CancellationToken.None);
        _store = store;
        var (held, release) = await HoldWriterAsync();

        // The write holding the writer does not finish; dispose returns at its deadline all the same.
        await store.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(held.IsCompleted, Is.False);
        release.SetResult();
        await held.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(async () => await store.AddKeyAsync(ApiKey("after"), CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }
}

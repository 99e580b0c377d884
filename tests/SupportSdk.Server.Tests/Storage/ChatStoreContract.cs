using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IChatStore</c>: per-chat seq, dedupe, optimistic concurrency, queue order, one open chat per customer, read markers.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class ChatStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Chats_number_their_events_from_1_and_round_trip_every_field()
    {
        var created = await _store.CreateChatAsync(NewChat("cht_1", "alice"), [ChatText("hello"), new ChatFrame { Type = ChatEventKind.Handoff, Reason = "requested", SentAt = T0 }], CancellationToken.None);
        var appended = await _store.AppendChatEventsAsync(new ChatAppend("cht_1", [ChatText("你好"), ChatText("third")], T0.AddSeconds(1)), CancellationToken.None);
        var loaded = await _store.GetChatAsync("cht_1", CancellationToken.None);
        var all = await _store.ListChatEventsAsync("cht_1", 0, 10, false, CancellationToken.None);
        var messagesAfter1 = await _store.ListChatEventsAsync("cht_1", 1, 10, true, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(created.Events.Select(e => e.Seq), Is.EqualTo(new long?[] { 1, 2 }));
            Assert.That(appended.Events.Select(e => e.Seq), Is.EqualTo(new long?[] { 3, 4 }));
            Assert.That(loaded!.LastSeq, Is.EqualTo(4));
            Assert.That(loaded.Version, Is.EqualTo(2));
            Assert.That(loaded.Topic, Is.EqualTo("topic 话题"));
            Assert.That(loaded.UpdatedAt, Is.EqualTo(T0.AddSeconds(1)));
            Assert.That(all.Select(e => (e.Seq, e.Type.Value)), Is.EqualTo(new[] { ((long?)1, "message"), (2, "handoff"), (3, "message"), (4, "message") }));
            Assert.That(all[2].Text, Is.EqualTo("你好"));
            Assert.That(messagesAfter1.Select(e => e.Seq), Is.EqualTo(new long?[] { 3, 4 }));
        });
    }

    [Test]
    public async Task A_client_message_id_is_stored_once_per_sender()
    {
        await _store.CreateChatAsync(NewChat("cht_2", "alice"), [], CancellationToken.None);
        var first = await _store.AppendChatEventsAsync(new ChatAppend("cht_2", [ChatText("a", "m1")], T0) { SenderScope = "user:alice" }, CancellationToken.None);
        var again = await _store.AppendChatEventsAsync(new ChatAppend("cht_2", [ChatText("a", "m1")], T0) { SenderScope = "user:alice" }, CancellationToken.None);
        var otherSender = await _store.AppendChatEventsAsync(new ChatAppend("cht_2", [ChatText("b", "m1")], T0) { SenderScope = "agent:key_1" }, CancellationToken.None);
        var found = await _store.FindChatMessageAsync("cht_2", "user:alice", "m1", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ChatAppendOutcome.Appended));
            Assert.That(again.Outcome, Is.EqualTo(ChatAppendOutcome.Duplicate));
            Assert.That(again.Events.Single().Seq, Is.EqualTo(first.Events.Single().Seq));
            Assert.That(otherSender.Events.Single().Seq, Is.EqualTo(2), "another sender's ids are its own");
            Assert.That(found!.Seq, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_append_that_requires_an_agent_is_refused_unless_the_chat_is_active_with_that_agent_after_the_duplicate_check()
    {
        var created = await _store.CreateChatAsync(NewChat("cht_9", "alice"), [], CancellationToken.None);
        var queued = await _store.AppendChatEventsAsync(new ChatAppend("cht_9", [], T0) { ExpectedVersion = 1, Updated = created.Chat! with { Status = ChatStatus.Queued } }, CancellationToken.None);
        ChatAppend AgentSays(string agent, string clientId) => new("cht_9", [ChatText("hi", clientId)], T0) { SenderScope = "agent:" + agent, RequireAgentIds = [agent] };
        var beforeAccept = await _store.AppendChatEventsAsync(AgentSays("key_1", "a1"), CancellationToken.None);
        await _store.AppendChatEventsAsync(new ChatAppend("cht_9", [], T0) { ExpectedVersion = 2, Updated = queued.Chat! with { Status = ChatStatus.Active, AgentId = "key_1", AgentName = "Ann" } }, CancellationToken.None);
        var accepted = await _store.AppendChatEventsAsync(AgentSays("key_1", "a2"), CancellationToken.None);
        var otherAgent = await _store.AppendChatEventsAsync(AgentSays("key_2", "b1"), CancellationToken.None);
        await _store.AppendChatEventsAsync(new ChatAppend("cht_9", [], T0) { ExpectedVersion = 4, Updated = accepted.Chat! with { AgentId = "key_2", AgentName = "Bo" } }, CancellationToken.None);
        var resendAfterTransfer = await _store.AppendChatEventsAsync(AgentSays("key_1", "a2"), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(beforeAccept.Outcome, Is.EqualTo(ChatAppendOutcome.NotAccepted));
            Assert.That(accepted.Outcome, Is.EqualTo(ChatAppendOutcome.Appended));
            Assert.That(otherAgent.Outcome, Is.EqualTo(ChatAppendOutcome.NotAccepted));
            Assert.That(resendAfterTransfer.Outcome, Is.EqualTo(ChatAppendOutcome.Duplicate), "a resend still gets its stored message");
            Assert.That(resendAfterTransfer.Events.Single().Seq, Is.EqualTo(accepted.Events.Single().Seq));
        });
    }

    [Test]
    public async Task Versioned_appends_lose_to_a_concurrent_writer_and_closed_chats_refuse_plain_appends()
    {
        var created = await _store.CreateChatAsync(NewChat("cht_3", "alice"), [], CancellationToken.None);
        var queued = created.Chat! with { Status = ChatStatus.Queued, QueuedAt = T0 };
        var win = await _store.AppendChatEventsAsync(new ChatAppend("cht_3", [], T0) { ExpectedVersion = 1, Updated = queued }, CancellationToken.None);
        var lose = await _store.AppendChatEventsAsync(new ChatAppend("cht_3", [ChatText("x")], T0) { ExpectedVersion = 1, Updated = queued }, CancellationToken.None);
        await _store.AppendChatEventsAsync(new ChatAppend("cht_3", [], T0) { ExpectedVersion = 2, Updated = queued with { Status = ChatStatus.Closed } }, CancellationToken.None);
        var closed = await _store.AppendChatEventsAsync(new ChatAppend("cht_3", [ChatText("late")], T0), CancellationToken.None);
        var missing = await _store.AppendChatEventsAsync(new ChatAppend("cht_nope", [ChatText("x")], T0), CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That((win.Outcome, win.Chat!.Status, win.Chat.Version), Is.EqualTo((ChatAppendOutcome.Appended, ChatStatus.Queued, 2L)));
            Assert.That(lose.Outcome, Is.EqualTo(ChatAppendOutcome.Stale));
            Assert.That(closed.Outcome, Is.EqualTo(ChatAppendOutcome.Closed));
            Assert.That(missing.Outcome, Is.EqualTo(ChatAppendOutcome.NotFound));
            Assert.That(await _store.ListChatEventsAsync("cht_3", 0, 10, false, CancellationToken.None), Is.Empty);
        });
    }

    [Test]
    public async Task Concurrent_appends_get_distinct_consecutive_seqs()
    {
        await _store.CreateChatAsync(NewChat("cht_4", "alice"), [], CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            _store.AppendChatEventsAsync(new ChatAppend("cht_4", [ChatText("m" + i, "c" + i)], T0) { SenderScope = "user:alice" }, CancellationToken.None)));
        var events = await _store.ListChatEventsAsync("cht_4", 0, 100, false, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, 20).Select(i => (long?)i)));
            Assert.That(events.Select(e => e.Text).Distinct().Count(), Is.EqualTo(20));
        });
    }

    [Test]
    public async Task Lists_by_owner_newest_first_and_by_state_in_queue_order()
    {
        await _store.CreateChatAsync(NewChat("cht_a", "alice", ChatStatus.Queued, T0.AddSeconds(30)), [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_b", "bob", ChatStatus.Queued, T0.AddSeconds(10)), [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_c", "alice", ChatStatus.Closed), [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_d", "carol", ChatStatus.Queued, T0.AddSeconds(20)), [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_e", "dave", ChatStatus.Active), [], CancellationToken.None);
        var alice = await _store.ListChatsAsync(new ChatFilter("alice", null, null, 10), CancellationToken.None);
        var aliceQueued = await _store.ListChatsAsync(new ChatFilter("alice", ChatStatus.Queued, null, 10), CancellationToken.None);
        var queue = await _store.ListChatsByStateAsync(ChatStatus.Queued, null, 10, CancellationToken.None);
        var rest = await _store.ListChatsByStateAsync(ChatStatus.Queued, new ChatQueueKey(T0.AddSeconds(10).ToUnixTimeMilliseconds(), "cht_b"), 10, CancellationToken.None);
        var active = await _store.ListChatsByStateAsync(ChatStatus.Active, null, 10, CancellationToken.None);
        var ids = await _store.ListQueuedChatIdsAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(alice.Select(c => c.Id), Is.EqualTo(new[] { "cht_c", "cht_a" }));
            Assert.That(aliceQueued.Select(c => c.Id), Is.EqualTo(new[] { "cht_a" }));
            Assert.That(queue.Select(c => c.Id), Is.EqualTo(new[] { "cht_b", "cht_d", "cht_a" }));
            Assert.That(rest.Select(c => c.Id), Is.EqualTo(new[] { "cht_d", "cht_a" }));
            Assert.That(active.Select(c => c.Id), Is.EqualTo(new[] { "cht_e" }));
            Assert.That(ids, Is.EqualTo(new[] { "cht_b", "cht_d", "cht_a" }));
        });
    }

    [Test]
    public async Task A_customer_has_at_most_one_open_chat()
    {
        var first = await _store.CreateChatAsync(NewChat("cht_1", "erin", ChatStatus.Queued, T0), [ChatText("hello")], CancellationToken.None);
        var second = await _store.CreateChatAsync(NewChat("cht_2", "erin"), [ChatText("again")], CancellationToken.None);
        var open = await _store.FindOpenChatAsync("erin", CancellationToken.None);
        var nobody = await _store.FindOpenChatAsync("frank", CancellationToken.None);
        await _store.AppendChatEventsAsync(new ChatAppend("cht_1", [ChatText("bye")], T0) { Updated = open! with { Status = ChatStatus.Closed }, ExpectedVersion = open!.Version }, CancellationToken.None);
        var afterClose = await _store.CreateChatAsync(NewChat("cht_3", "erin"), [], CancellationToken.None);
        var notWritten = await _store.GetChatAsync("cht_2", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(first.Outcome, Is.EqualTo(ChatAppendOutcome.Appended));
            Assert.That(second.Outcome, Is.EqualTo(ChatAppendOutcome.Duplicate));
            Assert.That(second.Chat!.Id, Is.EqualTo("cht_1"), "the open chat comes back");
            Assert.That(second.Events, Is.Empty);
            Assert.That(notWritten, Is.Null, "nothing was written");
            Assert.That(open!.Id, Is.EqualTo("cht_1"));
            Assert.That(nobody, Is.Null);
            Assert.That(afterClose.Outcome, Is.EqualTo(ChatAppendOutcome.Appended), "a closed chat does not count");
        });
    }

    [Test]
    public async Task Read_markers_only_move_forward_per_side()
    {
        await _store.CreateChatAsync(NewChat("cht_r", "alice"), [ChatText("1"), ChatText("2"), ChatText("3")], CancellationToken.None);
        var up = await _store.MarkChatReadAsync("cht_r", AuthorRole.Customer, 3, CancellationToken.None);
        var down = await _store.MarkChatReadAsync("cht_r", AuthorRole.Customer, 1, CancellationToken.None);
        var agent = await _store.MarkChatReadAsync("cht_r", AuthorRole.Agent, 2, CancellationToken.None);
        await _store.AppendChatEventsAsync(new ChatAppend("cht_r", [ChatText("4")], T0), CancellationToken.None);
        var loaded = await _store.GetChatAsync("cht_r", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That((up, down, agent), Is.EqualTo((true, false, true)));
            Assert.That((loaded!.CustomerReadSeq, loaded.AgentReadSeq), Is.EqualTo((3L, 2L)), "an append keeps the markers");
        });
    }
}

using SupportSdk.Tests.Infrastructure;

namespace SupportSdk.Tests.Chat;

/// <summary>ChatSession against an in-memory server: C1–C4 and C7 of testing.md at unit level, the outbox, the
/// long-poll fallback, the secret guard and the scam flags.</summary>
[TestFixture]
[CancelAfter(20_000)]
public sealed class ChatSessionTests
{
    private static readonly Uri Endpoint = new("https://support.example-exchange.com/");

    private static SupportClient Client(FakeChatServer server, Action<SupportClientOptions>? configure = null)
    {
        var options = new SupportClientOptions();
        options.Chat.SocketFactory = server.ConnectAsync;
        options.Chat.ReconnectBaseDelay = TimeSpan.FromMilliseconds(5);
        options.Chat.ReconnectMaxDelay = TimeSpan.FromMilliseconds(20);
        options.CircuitBreaker.Enabled = false;
        configure?.Invoke(options);
        return new SupportClient(new HttpClient(server), Endpoint, new UserTokenCredential("sut1.unit.token"), options);
    }

    private static async Task<List<ChatEvent>> ReadAsync(ChatSession session, int count, CancellationToken cancellationToken)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in session.ReadEventsAsync(cancellationToken))
        {
            events.Add(e);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    [Test]
    public async Task C1_a_drop_after_seq_57_of_100_ends_with_1_to_100_exactly_once_in_order(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        for (var i = 1; i <= 57; i++)
        {
            server.Append("message " + i);
        }

        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        var first = await ReadAsync(session, 57, cancellationToken);
        server.DropAll();
        for (var i = 58; i <= 100; i++)
        {
            server.Append("message " + i);
        }

        var rest = await ReadAsync(session, 43, cancellationToken);
        var seqs = first.Concat(rest).Select(e => e.Seq!.Value).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long)i)));
            Assert.That(first.Concat(rest).Cast<ChatMessageEvent>().Select(m => m.Text).Last(), Is.EqualTo("message 100"));
            Assert.That(server.Connects, Is.EqualTo(new long[] { 0, 57 }), "resumed after the last seq delivered");
            Assert.That(session.LastSeq, Is.EqualTo(100));
        });
    }

    [Test]
    public async Task C2_duplicated_and_replayed_frames_reach_the_app_once(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer { DuplicateLive = true };
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);
        for (var i = 1; i <= 20; i++)
        {
            server.Append("m" + i);
        }

        var first = await ReadAsync(session, 10, cancellationToken);
        server.DropAll();
        var rest = await ReadAsync(session, 10, cancellationToken);
        server.Append("after");
        var last = await ReadAsync(session, 1, cancellationToken);

        Assert.That(first.Concat(rest).Concat(last).Select(e => e.Seq!.Value), Is.EqualTo(Enumerable.Range(1, 21).Select(i => (long)i)));
    }

    [Test]
    public async Task C3_a_gap_in_seq_is_backfilled_over_rest_never_skipped(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        server.WithholdLive.UnionWith([5, 6, 9]);
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);
        for (var i = 1; i <= 10; i++)
        {
            server.Append("m" + i);
        }

        var events = await ReadAsync(session, 10, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Seq!.Value), Is.EqualTo(Enumerable.Range(1, 10).Select(i => (long)i)));
            Assert.That(server.RestEventCalls, Is.GreaterThanOrEqualTo(1), "the gap was filled over REST");
            Assert.That(server.Connects, Has.Count.EqualTo(1), "no reconnect was needed");
        });
    }

    [Test]
    public async Task C3_a_heartbeat_announcing_a_later_seq_triggers_a_backfill(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        server.WithholdLive.UnionWith([1, 2, 3]);
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);
        server.Append("a");
        server.Append("b");
        server.Append("c");
        server.Push(new ChatFrame { Type = ChatEventKind.Heartbeat, Seq = 3 });

        var events = await ReadAsync(session, 3, cancellationToken);
        Assert.That(events.Cast<ChatMessageEvent>().Select(m => m.Text), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task C4_a_lost_ack_is_made_good_by_resending_the_same_client_message_id(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer { SendAcks = false };
        server.WithholdLive.Add(1);
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);

        var send = session.SendMessageAsync("where is my withdrawal?", cancellationToken);
        await WaitUntilAsync(() => server.StoredCount == 1, cancellationToken);
        Assert.That(send.IsCompleted, Is.False, "no ack and no echo yet");
        server.SendAcks = true;
        server.WithholdLive.Clear();
        server.DropAll();
        var receipt = await send;

        var stored = server.Log;
        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Count.EqualTo(1), "stored once");
            Assert.That(receipt.Seq, Is.EqualTo(1));
            Assert.That(receipt.ClientMessageId, Is.EqualTo(stored[0].ClientMessageId));
            Assert.That(server.Connects, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task A_reader_that_falls_behind_never_blocks_acks_and_later_gets_every_event_once(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        using var client = Client(server, o => o.Chat.EventBufferSize = 8);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);
        for (var i = 1; i <= 200; i++)
        {
            server.Append("agent " + i);
        }

        // Nobody reads yet: the buffer (8) is long full, and a send must still be acknowledged.
        var receipt = await session.SendMessageAsync("still there?", cancellationToken);
        var events = await ReadAsync(session, 201, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(receipt.Seq, Is.EqualTo(201));
            Assert.That(events.Select(e => e.Seq!.Value), Is.EqualTo(Enumerable.Range(1, 201).Select(i => (long)i)));
            Assert.That(server.RestEventCalls, Is.GreaterThan(0), "what did not fit was fetched again");
        });
    }

    [Test]
    public async Task Sends_made_while_reconnecting_wait_in_the_outbox_and_go_out_in_order(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);
        server.RefuseConnects = 3;
        server.DropAll();
        await WaitUntilAsync(() => session.State == ChatSessionState.Reconnecting, cancellationToken);

        var sends = Enumerable.Range(1, 5).Select(i => session.SendMessageAsync("queued " + i, cancellationToken)).ToList();
        var receipts = await Task.WhenAll(sends);

        Assert.Multiple(() =>
        {
            Assert.That(server.Log.Select(f => f.Text), Is.EqualTo(Enumerable.Range(1, 5).Select(i => "queued " + i)));
            Assert.That(receipts.Select(r => r.Seq), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }));
            Assert.That(session.State, Is.EqualTo(ChatSessionState.Connected));
        });
    }

    [Test]
    public async Task C7_reconnect_delays_grow_exponentially_with_jitter_up_to_the_cap()
    {
        var time = new RecordingTimeProvider();
        var server = new FakeChatServer { RefuseConnects = 8, Clock = time };
        using var client = Client(server, o =>
        {
            o.TimeProvider = time;
            o.Chat.Transport = ChatTransportMode.WebSocket;
            o.Chat.ReconnectBaseDelay = TimeSpan.FromSeconds(1);
            o.Chat.ReconnectMaxDelay = TimeSpan.FromSeconds(16);
        });

        await using var session = await client.Chat.ResumeChatAsync(server.ChatId);
        await time.RunAsync(async () =>
        {
            while (server.Connects.Count < 9)
            {
                await Task.Delay(1);
            }
        });

        var times = server.ConnectTimes.ToList();
        var delays = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        double[] ceilings = [1, 2, 4, 8, 16, 16, 16, 16];
        Assert.Multiple(() =>
        {
            for (var i = 0; i < ceilings.Length; i++)
            {
                Assert.That(delays[i], Is.InRange(ceilings[i] / 2, ceilings[i]), $"delay {i + 1}");
            }

            Assert.That(delays.Distinct().Count(), Is.GreaterThan(4), "jittered, not fixed");
        });
    }

    [Test]
    public async Task The_idle_timeout_counts_from_the_last_frame_and_a_silent_connection_is_replaced(CancellationToken cancellationToken)
    {
        var idle = TimeSpan.FromSeconds(37); // a delay no other timer of the client uses
        var time = new RecordingTimeProvider { AutoAdvanceBelow = TimeSpan.FromSeconds(1) };
        var server = new FakeChatServer { Clock = time };
        using var client = Client(server, o =>
        {
            o.TimeProvider = time;
            o.Chat.Transport = ChatTransportMode.WebSocket;
            o.Chat.IdleTimeout = idle;
        });

        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected && IdleTimers() == 1, cancellationToken);
        time.Advance(TimeSpan.FromSeconds(20));
        server.Append("still here");
        await WaitUntilAsync(() => session.LastSeq == 1 && IdleTimers() == 2, cancellationToken); // re-armed after the frame
        time.Advance(TimeSpan.FromSeconds(30)); // 50 s after connecting, 30 s after the last frame
        Assert.Multiple(() =>
        {
            Assert.That(time.PendingDueTimes, Does.Contain(time.GetUtcNow() + TimeSpan.FromSeconds(7)), "a frame restarts the idle timeout: due 37 s after it");
            Assert.That(server.Connects, Has.Count.EqualTo(1));
        });

        time.Advance(TimeSpan.FromSeconds(8)); // 38 s of silence
        await WaitUntilAsync(() => server.Connects.Count == 2, cancellationToken);
        Assert.That(server.Connects.Last(), Is.EqualTo(1), "resumed after the frame it had");

        // The clock records every timer the session arms (a snapshot: it grows on the session's threads).
        int IdleTimers() => time.RequestedDelays.Count(d => d == idle);
    }

    [Test]
    public async Task C7_an_auth_revoked_close_stops_reconnecting_and_the_reader_learns_why(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer { CloseOnConnect = ChatCloseCodes.Unauthorized };
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);

        var error = Assert.ThrowsAsync<SupportApiException>(async () => await ReadAsync(session, 1, cancellationToken));
        await WaitUntilAsync(() => session.State == ChatSessionState.Closed, cancellationToken); // its loop has ended: no reconnect can follow
        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(401));
            Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.Unauthorized));
            Assert.That(server.Connects, Has.Count.EqualTo(1), "never reconnected");
            Assert.That(session.State, Is.EqualTo(ChatSessionState.Closed));
        });
        Assert.ThrowsAsync<SupportApiException>(() => session.SendMessageAsync("hello?", cancellationToken));
    }

    [Test]
    public async Task When_websockets_are_refused_the_session_falls_back_to_long_polling(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer { RefuseConnects = int.MaxValue };
        using var client = Client(server, o => o.Chat.LongPollWait = TimeSpan.Zero);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        server.Append("agent says hi");
        var receipt = await session.SendMessageAsync("customer says hi", cancellationToken);
        server.Append("agent again");

        var events = await ReadAsync(session, 3, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(server.Connects, Has.Count.EqualTo(2), "two refusals, then long-polling");
            Assert.That(events.Cast<ChatMessageEvent>().Select(m => m.Text), Is.EqualTo(new[] { "agent says hi", "customer says hi", "agent again" }));
            Assert.That(receipt.Seq, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_seed_phrase_never_leaves_the_device(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        await WaitUntilAsync(() => session.State == ChatSessionState.Connected, cancellationToken);

        var blocked = Assert.ThrowsAsync<SensitiveDataException>(() =>
            session.SendMessageAsync("here: legal winner thank year wave sausage worth useful legal winner thank yellow", cancellationToken));
        var redacted = await session.SendMessageAsync("my sms code is 482913", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(blocked!.BlockedOnDevice, Is.True);
            Assert.That(server.Log.Select(f => f.Text), Is.EqualTo(new[] { redacted.Text }));
            Assert.That(redacted.Text, Does.Not.Contain("482913"));
        });
    }

    [Test]
    public async Task Agent_messages_that_ask_for_secrets_arrive_flagged_even_without_server_flags(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        server.Append("To unlock your account, please send me your seed phrase.");
        server.Append("We will never ask for your seed phrase or password.");
        server.Append("please send me your seed phrase", role: "customer");
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);

        var events = (await ReadAsync(session, 3, cancellationToken)).Cast<ChatMessageEvent>().ToList();
        Assert.That(events.Select(e => string.Join(",", e.Flags)), Is.EqualTo(new[] { MessageFlags.AsksForSecret, "", "" }));
    }

    [Test]
    public async Task The_event_stream_ends_after_the_chat_closes(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        using var client = Client(server);
        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        server.Append("bye");
        await session.CloseChatAsync(cancellationToken);

        var events = new List<ChatEvent>();
        await foreach (var e in session.ReadEventsAsync(cancellationToken))
        {
            events.Add(e);
        }

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { ChatEventKind.Message, ChatEventKind.Closed }));
            Assert.That(session.State, Is.EqualTo(ChatSessionState.Closed));
        });
    }
}

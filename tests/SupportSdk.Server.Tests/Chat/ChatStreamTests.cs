using System.Net;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>The WebSocket stream: replay, ack and dedupe (C4), typing and read relay, refusals before the upgrade and close codes after it.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatStreamTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<(HttpClient User, string Token, SupportSdk.ChatThread Chat)> ActiveChatAsync(string userId)
    {
        var token = await _server.MintTokenAsync(userId);
        var user = _server.Client(token);
        var chat = await StartChatAsync(user, "agent");
        await AcceptAsync(_server.Agent(), chat.Id);
        return (user, token, chat);
    }

    [Test]
    public async Task Connecting_after_k_replays_exactly_k_plus_1_to_n_in_order_then_live_frames()
    {
        var (user, token, chat) = await ActiveChatAsync("ws-replay");
        for (var i = 0; i < 8; i++)
        {
            await CustomerSendsAsync(user, chat.Id, "m" + i);
        }

        await using var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=4");
        var replay = await socket.DurableAsync(6);
        var live = await AgentSendsAsync(_server.Agent(), chat.Id, "live one");
        var next = await socket.DurableAsync(1);
        Assert.Multiple(() =>
        {
            Assert.That(replay.Select(f => f.Seq), Is.EqualTo(Enumerable.Range(5, 6).Select(i => (long?)i)), "handoff=1, agent_joined=2, m0..m7=3..10");
            Assert.That(replay.Select(f => f.Text), Is.EqualTo(Enumerable.Range(2, 6).Select(i => "m" + i)));
            Assert.That(next.Single().Seq, Is.EqualTo(live.Seq).And.EqualTo(11));
            Assert.That(next.Single().Text, Is.EqualTo("live one"));
        });
    }

    [Test]
    public async Task An_after_beyond_the_last_seq_does_not_swallow_the_next_events()
    {
        var (_, token, chat) = await ActiveChatAsync("ws-future");
        await using var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=1000");
        var sent = await AgentSendsAsync(_server.Agent(), chat.Id, "next");
        var next = await socket.DurableAsync(1);
        Assert.That((next.Single().Seq, next.Single().Text), Is.EqualTo((sent.Seq, "next")));
    }

    [Test]
    public async Task A_send_is_acked_delivered_to_both_sides_and_a_resend_is_stored_once()
    {
        var (user, token, chat) = await ActiveChatAsync("ws-send");
        await using var customer = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=2");
        await using var agent = await ChatSocket.ConnectAsync(_server, SupportServerHost.AgentKey, $"/v1/agent/chats/{chat.Id}/stream?after=2");

        await customer.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "ws-1", Text = "我的充值没到账" });
        var ack = await customer.NextOfAsync(ChatEventKind.Ack);
        var atAgent = await agent.NextOfAsync(ChatEventKind.Message);
        await customer.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "ws-1", Text = "我的充值没到账" });
        var ack2 = await customer.NextOfAsync(ChatEventKind.Ack);
        await customer.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "ws-1", Text = "different" });
        var reused = await customer.NextOfAsync(ChatEventKind.Error);
        var stored = await MessagesAsync(user, $"/v1/chats/{chat.Id}/messages");

        Assert.Multiple(() =>
        {
            Assert.That((ack.ClientMessageId, ack.Seq), Is.EqualTo(("ws-1", (long?)3)));
            Assert.That((atAgent.Seq, atAgent.Text, atAgent.From?.Role), Is.EqualTo(((long?)3, "我的充值没到账", (AuthorRole?)AuthorRole.Customer)));
            Assert.That(ack2.Seq, Is.EqualTo(3), "a resend is acked with the original seq");
            Assert.That((reused.Code, reused.ClientMessageId), Is.EqualTo((ErrorCodes.ClientMessageIdReused, "ws-1")));
            Assert.That(stored.Select(m => m.ClientMessageId), Is.EqualTo(new[] { "ws-1" }));
        });
    }

    [Test]
    public async Task A_secret_sent_over_the_socket_gets_an_error_frame_without_the_secret_and_is_not_stored()
    {
        var (user, token, chat) = await ActiveChatAsync("ws-secret");
        await using var customer = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=2");
        const string key = "e9873d79c6d87dc0fb6a5778633389f4453213303da61f20bd67fc233aa33262";
        await customer.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "s-1", Text = "here is my private key " + key });
        var error = await customer.NextOfAsync(ChatEventKind.Error);
        Assert.Multiple(async () =>
        {
            Assert.That((error.Code, error.ClientMessageId), Is.EqualTo((ErrorCodes.SensitiveDataBlocked, "s-1")));
            Assert.That(error.Text, Does.Not.Contain(key));
            Assert.That(await MessagesAsync(user, $"/v1/chats/{chat.Id}/messages"), Is.Empty);
        });
    }

    [Test]
    public async Task Typing_and_read_receipts_reach_the_other_side_only()
    {
        var (user, token, chat) = await ActiveChatAsync("ws-typing");
        await using var customer = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=2");
        await using var agent = await ChatSocket.ConnectAsync(_server, SupportServerHost.AgentKey, $"/v1/agent/chats/{chat.Id}/stream?after=2");
        await customer.SendAsync(new ChatFrame { Type = ChatEventKind.Typing });
        var typing = await agent.NextOfAsync(ChatEventKind.Typing);
        await agent.SendAsync(new ChatFrame { Type = ChatEventKind.Read, UpToSeq = 2 });
        var read = await customer.NextOfAsync(ChatEventKind.Read);
        // The customer's own typing never came back to it: the next frame it gets is the agent's message.
        await AgentSendsAsync(_server.Agent(), chat.Id, "hello");
        var next = await customer.NextAsync(f => f.Type != ChatEventKind.Heartbeat && f.Type != ChatEventKind.Queue);
        Assert.Multiple(() =>
        {
            Assert.That(typing.From?.Role, Is.EqualTo(AuthorRole.Customer));
            Assert.That(typing.From?.Name, Is.EqualTo("User ws-typing"));
            Assert.That((read.From?.Role, read.UpToSeq), Is.EqualTo(((AuthorRole?)AuthorRole.Agent, (long?)2)));
            Assert.That((next.Type, next.Text), Is.EqualTo((ChatEventKind.Message, "hello")));
        });
    }

    [Test]
    public async Task A_reconnecting_side_gets_the_other_sides_read_marker_after_the_replay()
    {
        var (user, token, chat) = await ActiveChatAsync("ws-read-again");
        var mine = await CustomerSendsAsync(user, chat.Id, "are you there?");
        await using (var fresh = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=0"))
        {
            await fresh.DurableAsync(3);
            await AgentSendsAsync(_server.Agent(), chat.Id, "yes");
            var next = await fresh.NextAsync(f => f.Type != ChatEventKind.Heartbeat && f.Type != ChatEventKind.Queue);
            Assert.That(next.Type, Is.EqualTo(ChatEventKind.Message), "nothing read yet: no read frame on connect");
        }

        using (var read = await _server.Agent().PostAsync($"/v1/agent/chats/{chat.Id}/read", Json($$"""{"upToSeq":{{mine.Seq}}}""")))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await using var customer = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=0");
        var replay = await customer.DurableAsync(4);
        var marker = await customer.NextOfAsync(ChatEventKind.Read);
        await using var agent = await ChatSocket.ConnectAsync(_server, SupportServerHost.AgentKey, $"/v1/agent/chats/{chat.Id}/stream?after=0");
        await agent.DurableAsync(4);
        await CustomerSendsAsync(user, chat.Id, "thanks");
        var agentNext = await agent.NextAsync(f => f.Type != ChatEventKind.Heartbeat && f.Type != ChatEventKind.Queue);
        Assert.Multiple(() =>
        {
            Assert.That(replay[^1].Text, Is.EqualTo("yes"));
            Assert.That((marker.From?.Role, marker.UpToSeq), Is.EqualTo(((AuthorRole?)AuthorRole.Agent, mine.Seq)));
            Assert.That((agentNext.Type, agentNext.Text), Is.EqualTo((ChatEventKind.Message, "thanks")), "the customer read nothing: the agent gets no marker");
        });
    }

    [Test]
    public async Task A_transferred_chat_hears_its_queue_position_again_even_when_it_is_the_same_as_before()
    {
        var token = await _server.MintTokenAsync("ws-transfer-queue");
        var user = _server.Client(token);
        var chat = await StartChatAsync(user, "agent");
        await using var customer = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=0");
        var first = await customer.NextOfAsync(ChatEventKind.Queue);
        await AcceptAsync(_server.Agent(), chat.Id);
        await customer.NextOfAsync(ChatEventKind.AgentJoined);
        using (var transfer = await _server.Agent().PostAsync($"/v1/agent/chats/{chat.Id}/transfer", Json("""{"reason":"to the withdrawals team"}""")))
        {
            Assert.That(transfer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var reason = await customer.NextOfAsync(ChatEventKind.Message);
        var handoff = await customer.NextOfAsync(ChatEventKind.Handoff);
        var again = await customer.NextOfAsync(ChatEventKind.Queue);
        Assert.Multiple(() =>
        {
            Assert.That((reason.From?.Role, reason.Text), Is.EqualTo(((AuthorRole?)AuthorRole.Agent, (string?)"to the withdrawals team")));
            Assert.That(handoff.Reason, Is.EqualTo("transfer"));
            Assert.That((again.Position, again.EstimatedWaitSeconds), Is.EqualTo((first.Position, first.EstimatedWaitSeconds)));
        });

        await _server.Agent().PostAsync($"/v1/agent/chats/{chat.Id}/close", null);
    }

    [Test]
    public async Task Refusals_happen_before_the_upgrade_as_http_statuses()
    {
        var (_, token, chat) = await ActiveChatAsync("ws-refusals");
        var other = await _server.MintTokenAsync("ws-someone-else");
        Assert.Multiple(async () =>
        {
            Assert.That(await ChatSocket.RefusedAsync(_server, null, $"/v1/chats/{chat.Id}/stream"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await ChatSocket.RefusedAsync(_server, "sut1.forged.token", $"/v1/chats/{chat.Id}/stream"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await ChatSocket.RefusedAsync(_server, other, $"/v1/chats/{chat.Id}/stream"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await ChatSocket.RefusedAsync(_server, token, "/v1/chats/cht_00000000000000000000000000/stream"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await ChatSocket.RefusedAsync(_server, token, $"/v1/agent/chats/{chat.Id}/stream"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await ChatSocket.RefusedAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=-1"), Is.EqualTo(HttpStatusCode.BadRequest));
        });
        await AssertProblemAsync(await _server.Client(token).GetAsync($"/v1/chats/{chat.Id}/stream"), (HttpStatusCode)426, "websocket_required");
    }

    [Test]
    public async Task A_closed_chat_replays_then_closes_with_4010()
    {
        var (user, token, chat) = await ActiveChatAsync("ws-closed");
        await using var live = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=2");
        await ReadAsync(await _server.Agent().PostAsync($"/v1/agent/chats/{chat.Id}/close", null), ChatJsonContext.Default.ChatThread);
        var closedFrame = await live.NextOfAsync(ChatEventKind.Closed);
        Assert.That(await live.ClosedAsync(), Is.EqualTo(ChatCloseCodes.ChatClosed));

        await using var late = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream");
        var replay = await late.DurableAsync(3);
        Assert.Multiple(async () =>
        {
            Assert.That((closedFrame.Seq, closedFrame.Reason), Is.EqualTo(((long?)3, "agent")));
            Assert.That(replay.Select(f => f.Type.Value), Is.EqualTo(new[] { "handoff", "agent_joined", "closed" }));
            Assert.That(await late.ClosedAsync(), Is.EqualTo(ChatCloseCodes.ChatClosed));
        });
        await AssertProblemAsync(await PostMessageAsync(user, "/v1/chats", chat.Id, "after-close", "hi"), HttpStatusCode.Conflict, ErrorCodes.ChatClosed);
    }

    [Test]
    public async Task An_oversize_frame_closes_with_4400_and_garbage_too()
    {
        var (_, token, chat) = await ActiveChatAsync("ws-oversize");
        await using (var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream"))
        {
            await socket.SendTextAsync($$"""{"type":"send","clientMessageId":"big","text":"{{new string('x', 17 * 1024)}}"}""");
            Assert.That(await socket.ClosedAsync(), Is.EqualTo(ChatCloseCodes.InvalidFrame));
        }

        await using (var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream"))
        {
            await socket.SendTextAsync("this is not json");
            Assert.That(await socket.ClosedAsync(), Is.EqualTo(ChatCloseCodes.InvalidFrame));
        }

        Assert.That(await MessagesAsync(_server.Client(token), $"/v1/chats/{chat.Id}/messages"), Is.Empty);
    }

    [Test]
    public async Task Unknown_frame_types_and_bad_fields_get_error_frames_and_the_connection_stays()
    {
        var (_, token, chat) = await ActiveChatAsync("ws-unknown");
        await using var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream");
        await socket.SendTextAsync("""{"type":"dance"}""");
        var unknown = await socket.NextOfAsync(ChatEventKind.Error);
        await socket.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "bad id!", Text = "x" });
        var invalid = await socket.NextOfAsync(ChatEventKind.Error);
        await socket.SendAsync(new ChatFrame { Type = ChatEventKind.Read, UpToSeq = 999 });
        var badRead = await socket.NextOfAsync(ChatEventKind.Error);
        await socket.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "ok-1", Text = "still here" });
        var ack = await socket.NextOfAsync(ChatEventKind.Ack);
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
            Assert.That(invalid.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
            Assert.That(badRead.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
            Assert.That(ack.Seq, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Flooding_frames_gets_rate_limited_then_closed_with_4429()
    {
        await using var server = await SupportServerHost.StartAsync(o => { o.ChatFramesPerSecond = 1; o.ChatFrameBurst = 5; }, importFaq: false);
        var token = await server.MintTokenAsync("ws-flood");
        var chat = await StartChatAsync(server.Client(token), "agent");
        await using var socket = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        for (var i = 0; i < 20; i++)
        {
            await socket.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "m" + i, Text = "flood " + i });
        }

        var limited = await socket.NextAsync(f => f.Type == ChatEventKind.Error);
        var next = await socket.NextAsync(f => f.Type == ChatEventKind.Error);
        Assert.Multiple(async () =>
        {
            Assert.That(limited.Code, Is.EqualTo(ErrorCodes.RateLimited));
            Assert.That(limited.ClientMessageId, Is.EqualTo("m5"), "the refusal names the send the burst could not take");
            Assert.That(limited.RetryAfterMs, Is.InRange(1, 1000));
            Assert.That(next.ClientMessageId, Is.EqualTo("m6"), "later sends are refused by name too, until m5 comes again");
            Assert.That(await socket.ClosedAsync(), Is.EqualTo(ChatCloseCodes.RateLimited));
        });
    }

    [Test]
    public async Task Queue_frames_follow_the_position_as_the_queue_moves()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var first = await StartChatAsync(await server.UserAsync("q-first"), "agent");
        var token = await server.MintTokenAsync("q-second");
        var second = await StartChatAsync(server.Client(token), "agent");
        await using var socket = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{second.Id}/stream");
        var initial = await socket.NextOfAsync(ChatEventKind.Queue);
        await AcceptAsync(server.Agent(), first.Id);
        var moved = await socket.NextOfAsync(ChatEventKind.Queue);
        await AcceptAsync(server.Agent(), second.Id);
        var joined = await socket.NextOfAsync(ChatEventKind.AgentJoined);
        Assert.Multiple(() =>
        {
            Assert.That((initial.Position, initial.EstimatedWaitSeconds), Is.EqualTo(((int?)2, (int?)360)), "second in line, nobody online: 2 × 180 s");
            Assert.That((moved.Position, moved.EstimatedWaitSeconds), Is.EqualTo(((int?)1, (int?)180)), "next in line; one agent online");
            Assert.That(joined.From?.Name, Is.EqualTo(SupportServerHost.AgentName));
        });
    }

    [Test]
    public async Task Stopping_the_server_closes_streams_with_1001_at_once()
    {
        var server = await SupportServerHost.StartAsync(importFaq: false);
        var token = await server.MintTokenAsync("ws-shutdown");
        var chat = await StartChatAsync(server.Client(token));
        await using var socket = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        await socket.DurableAsync(1);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var stopping = server.DisposeAsync().AsTask();
        var code = await socket.ClosedAsync();
        await socket.DisposeAsync();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ChatCloseCodes.GoingAway));
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8)), "the stream does not hold the shutdown up");
        });
    }

    [Test]
    public async Task Heartbeats_carry_the_last_seq_and_an_expired_token_closes_with_4001()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(o => o.UserTokenLifetime = TimeSpan.FromMinutes(1), time: time, importFaq: false);
        var token = await server.MintTokenAsync("ws-expiry");
        var chat = await StartChatAsync(server.Client(token), "agent");
        await using var socket = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        await socket.DurableAsync(1);

        time.Advance(TimeSpan.FromSeconds(15));
        var heartbeat = await socket.NextOfAsync(ChatEventKind.Heartbeat);
        time.Advance(TimeSpan.FromSeconds(50));
        Assert.Multiple(async () =>
        {
            Assert.That(heartbeat.Seq, Is.EqualTo(1));
            Assert.That(await socket.ClosedAsync(), Is.EqualTo(ChatCloseCodes.Unauthorized));
            Assert.That(await ChatSocket.RefusedAsync(server, token, $"/v1/chats/{chat.Id}/stream"), Is.EqualTo(HttpStatusCode.Unauthorized), "the expired token cannot reconnect");
        });
    }
}

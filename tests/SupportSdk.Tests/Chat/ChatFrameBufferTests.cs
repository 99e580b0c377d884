using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SupportSdk.LiveChat;

namespace SupportSdk.Tests.Chat;

/// <summary>The chat hot path's reuse (P7): the frame reader against the generated serializer, the reused frame,
/// receive and send buffers smaller than a frame, and the strings an ack or echo borrows from the outbox.</summary>
[TestFixture]
[CancelAfter(20_000)]
public sealed class ChatFrameBufferTests
{
    private static readonly string[] ServerShapedFrames =
    [
        """{"type":"message","seq":7,"id":"cmsg_01","clientMessageId":"c0123","from":{"role":"customer","name":"Ann"},"text":"hello","sentAt":"2026-12-01T10:00:00.123+00:00","flags":[]}""",
        """{"type":"message","seq":8,"id":"cmsg_02","from":{"role":"agent","name":"Bo"},"text":"send me your seed phrase","sentAt":"2026-12-01T10:00:01Z","flags":["asks_for_secret","unofficial_link"]}""",
        """{"type":"message","seq":9,"id":"cmsg_03","from":{"role":"bot","name":"Helper"},"text":"Try this \"article\" \u00e9 \ud83d\ude80 提现","sentAt":"2026-12-01T10:00:02Z","flags":[],"article":{"id":"a1","title":"Withdrawals","url":"https://help.example/a1"},"quickReplies":["Yes","Talk to a person"]}""",
        """{"type":"ack","seq":10,"clientMessageId":"c0456"}""",
        """{"type":"heartbeat","seq":10}""",
        """{"type":"queue","position":3,"estimatedWaitSeconds":120}""",
        """{"type":"typing","from":{"role":"agent","name":"Bo"}}""",
        """{"type":"read","from":{"role":"agent","name":"Bo"},"upToSeq":9}""",
        """{"type":"error","clientMessageId":"c0789","text":"blocked","code":"sensitive_data_blocked"}""",
        """{"type":"agent_joined","seq":11,"from":{"role":"agent","name":"Bo"},"sentAt":"2026-12-01T10:00:03Z"}""",
        """{"type":"handoff","seq":12,"reason":"requested","sentAt":"2026-12-01T10:00:04Z"}""",
        """{"type":"closed","seq":13,"reason":"agent","from":{"role":"agent","name":"Bo"},"sentAt":"2026-12-01T10:00:05Z"}""",
        """ {"type":"some_future_kind","seq":14,"from":{"role":"auditor","name":""}} """,
        """{"type":"message","seq":15,"text":null,"clientMessageId":null,"from":null,"flags":null,"article":null}""",
    ];

    private static readonly string[] FramesForTheSerializer =
    [
        """{"Type":"message","seq":1,"text":"other casing"}""",
        """{"type":"message","seq":1,"unknownField":{"nested":[1,2,3]},"text":"unknown member skipped"}""",
        """{"\u0074ype":"ack","seq":2,"clientMessageId":"c1"}""",
        """{"type":"Message","seq":3}""",
        """{"type":"message","seq":4,"from":{"role":"agent","name":null}}""",
        """{"type":"message","seq":5,"flags":["a",null]}""",
        """{"type":"message","seq":6,"article":{"id":"a","title":"t","url":"u","extra":1}}""",
        """{"type":"queue","position":1,"estimatedWaitSeconds":null}""",
        """null""",
    ];

    private static readonly string[] InvalidFrames =
    [
        """{"type":"message","seq":1.5}""",
        """{"type":"message","seq":"1"}""",
        """{"type":"message","seq":99999999999999999999}""",
        """{"type":"message","sentAt":"yesterday"}""",
        """{"type":"message",}""",
        """{"type":"message"} trailing""",
        """{"type":"message" """,
        """[1,2]""",
        """{"type":7}""",
    ];

    private static string Canonical(ChatFrame? frame) => JsonSerializer.Serialize(frame, ChatJsonContext.Default.ChatFrame);

    /// <summary>The reused frame as an immutable <see cref="ChatFrame"/>, to compare with the serializer's.</summary>
    private static ChatFrame ToChatFrame(InboundFrame frame) => new()
    {
        Type = frame.Type,
        Seq = frame.Seq,
        Id = frame.Id,
        ClientMessageId = frame.ClientMessageId,
        From = frame.From,
        Text = frame.Text,
        SentAt = frame.SentAt,
        Flags = frame.Flags,
        Article = frame.Article,
        QuickReplies = frame.QuickReplies,
        UpToSeq = frame.UpToSeq,
        Position = frame.Position,
        EstimatedWaitSeconds = frame.EstimatedWaitSeconds,
        Reason = frame.Reason,
        Code = frame.Code,
        RetryAfterMs = frame.RetryAfterMs,
    };

    [TestCaseSource(nameof(ServerShapedFrames))]
    public void The_reader_takes_every_frame_the_server_sends_without_the_serializer_and_reads_it_the_same(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var frame = new InboundFrame();

        Assert.Multiple(() =>
        {
            Assert.That(ChatFrameReader.TryRead(utf8, frame, knownIds: null), Is.True, "the fast path, not the fallback");
            Assert.That(Canonical(ToChatFrame(frame)), Is.EqualTo(Canonical(JsonSerializer.Deserialize(utf8, ChatJsonContext.Default.ChatFrame))));
        });
    }

    [TestCaseSource(nameof(FramesForTheSerializer))]
    public void Frames_the_reader_is_not_sure_about_get_exactly_the_serializers_result(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var expected = JsonSerializer.Deserialize(utf8, ChatJsonContext.Default.ChatFrame);
        var frame = new InboundFrame();

        var read = ChatFrameReader.Read(utf8, frame);

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(expected is not null));
            Assert.That(read ? Canonical(ToChatFrame(frame)) : "null", Is.EqualTo(expected is null ? "null" : Canonical(expected)));
        });
    }

    [TestCaseSource(nameof(InvalidFrames))]
    public void Invalid_frames_throw_as_the_serializer_does(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        Assert.Throws(Is.InstanceOf<JsonException>(), () => JsonSerializer.Deserialize(utf8, ChatJsonContext.Default.ChatFrame));
        Assert.Throws(Is.InstanceOf<JsonException>(), () => ChatFrameReader.Read(utf8, new InboundFrame()));
    }

    [Test]
    public void A_reused_frame_keeps_nothing_from_the_frame_before()
    {
        var frame = new InboundFrame();
        ChatFrameReader.Read(Encoding.UTF8.GetBytes(ServerShapedFrames[2]), frame);
        ChatFrameReader.Read("""{"type":"ack","seq":10,"clientMessageId":"c0456"}"""u8, frame);

        Assert.That(Canonical(ToChatFrame(frame)), Is.EqualTo("""{"type":"ack","seq":10,"clientMessageId":"c0456"}"""));
    }

    [Test]
    public void The_same_author_is_one_instance_and_another_author_a_new_one()
    {
        var frame = new InboundFrame();
        ChatFrameReader.Read("""{"type":"typing","from":{"role":"agent","name":"Bo"}}"""u8, frame);
        var first = frame.From;
        ChatFrameReader.Read("""{"type":"read","from":{"role":"agent","name":"Bo"},"upToSeq":3}"""u8, frame);
        var same = frame.From;
        ChatFrameReader.Read("""{"type":"typing","from":{"role":"agent","name":"Cy"}}"""u8, frame);
        var renamed = frame.From;
        ChatFrameReader.Read("""{"type":"typing","from":{"role":"bot","name":"Cy"}}"""u8, frame);
        var otherRole = frame.From;

        Assert.Multiple(() =>
        {
            Assert.That(same, Is.SameAs(first));
            Assert.That(renamed, Is.Not.SameAs(first));
            Assert.That(renamed!.Name, Is.EqualTo("Cy"));
            Assert.That(otherRole, Is.Not.SameAs(renamed));
            Assert.That(otherRole!.Role, Is.EqualTo(AuthorRole.Bot));
            Assert.That(otherRole.Name, Is.EqualTo("Cy"));
        });
    }

    [Test]
    public void An_ack_and_the_echo_of_our_own_message_borrow_its_strings_and_anything_else_gets_its_own()
    {
        var outbox = new ChatOutbox();
        var pending = outbox.Add("hello \"there\" 提现");
        var id = pending.ClientMessageId;
        var frame = new InboundFrame();

        ChatFrameReader.Read(Encoding.UTF8.GetBytes($$"""{"type":"ack","seq":1,"clientMessageId":"{{id}}"}"""), frame, outbox);
        var ackId = frame.ClientMessageId;
        outbox.Complete(frame.ClientMessageId, 1);
        ChatFrameReader.Read(Encoding.UTF8.GetBytes($$"""{"type":"message","seq":1,"clientMessageId":"{{id}}","text":"hello \"there\" \u63d0\u73b0"}"""), frame, outbox);
        var (echoId, echoText) = (frame.ClientMessageId, frame.Text);
        ChatFrameReader.Read(Encoding.UTF8.GetBytes($$"""{"type":"message","seq":2,"clientMessageId":"{{id}}","text":"hello [redacted]"}"""), frame, outbox);
        var redacted = frame.Text;
        ChatFrameReader.Read("""{"type":"message","seq":3,"clientMessageId":"c-someone-else","text":"hi"}"""u8, frame, outbox);

        Assert.Multiple(() =>
        {
            Assert.That(pending.Task.Result.Seq, Is.EqualTo(1));
            Assert.That(ackId, Is.SameAs(id));
            Assert.That(echoId, Is.SameAs(id));
            Assert.That(echoText, Is.SameAs(pending.Text));
            Assert.That(redacted, Is.EqualTo("hello [redacted]"), "a text the server changed is its own string");
            Assert.That(frame.ClientMessageId, Is.EqualTo("c-someone-else"));
        });
    }

    [TestCase("where is my withdrawal?")]
    [TestCase("quotes \" and \\ backslashes, <html> & 'apostrophes'")]
    [TestCase("提现一直在处理中 🚀 émoji, tab\there, newline\nthere, nul\u0000")]
    public void The_send_frame_is_written_byte_for_byte_as_the_serializer_writes_it(string text)
    {
        var pending = new ChatOutbox().Add(text);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WebSocketChatTransport.WriteSend(writer, pending);
        }

        Assert.That(Encoding.UTF8.GetString(buffer.WrittenSpan), Is.EqualTo(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(pending.Frame, ChatJsonContext.Default.ChatFrame))));
    }

    [Test]
    public void Client_message_ids_are_c_and_32_hex_digits_and_unique()
    {
        var outbox = new ChatOutbox();
        var ids = Enumerable.Range(0, 100).Select(i => outbox.Add("m" + i).ClientMessageId).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Has.All.Matches("^c[0-9a-f]{32}$"));
        });
    }

    [Test]
    public async Task Frames_larger_than_the_receive_buffer_arrive_in_pieces_and_are_read_whole_then_the_buffer_is_reused()
    {
        var (client, server) = FakeWebSocket.CreatePair();
        var transport = new WebSocketChatTransport((_, _, _) => ValueTask.FromResult<WebSocket>(client), _ => new Uri("wss://x/"), new UserTokenCredential("t"));
        await transport.ConnectAsync(0, CancellationToken.None);
        var big = string.Concat(Enumerable.Repeat("提现 withdrawal ", 1_500)); // ~28 KB of UTF-8: seven receive chunks at least
        Assert.That(Encoding.UTF8.GetByteCount(big), Is.GreaterThan(WebSocketChatTransport.ReceiveChunkBytes * 5));

        await Send(server, new ChatFrame { Type = ChatEventKind.Message, Seq = 1, Id = "m1", Text = big, From = new Author { Role = AuthorRole.Agent, Name = "Bo" } });
        await Send(server, new ChatFrame { Type = ChatEventKind.Ack, Seq = 2, ClientMessageId = "c2" });
        await Send(server, new ChatFrame { Type = ChatEventKind.Message, Seq = 3, Id = "m3", Text = big + "!", From = new Author { Role = AuthorRole.Agent, Name = "Bo" } });

        var first = await transport.ReceiveAsync(CancellationToken.None);
        var (firstSeq, firstText) = (first!.Seq, first.Text);
        var second = await transport.ReceiveAsync(CancellationToken.None);
        var (secondType, secondText, secondId) = (second!.Type, second.Text, second.ClientMessageId);
        var third = await transport.ReceiveAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(firstSeq, Is.EqualTo(1));
            Assert.That(firstText, Is.EqualTo(big));
            Assert.That(secondType, Is.EqualTo(ChatEventKind.Ack));
            Assert.That(secondText, Is.Null, "nothing of the big frame is left in the buffer or the frame");
            Assert.That(secondId, Is.EqualTo("c2"));
            Assert.That(third!.Text, Is.EqualTo(big + "!"));
        });

        await transport.DisposeAsync();
    }

    [Test]
    public async Task Sends_larger_than_the_send_buffer_and_small_ones_after_them_go_out_whole()
    {
        var (client, server) = FakeWebSocket.CreatePair();
        var transport = new WebSocketChatTransport((_, _, _) => ValueTask.FromResult<WebSocket>(client), _ => new Uri("wss://x/"), new UserTokenCredential("t"));
        await transport.ConnectAsync(0, CancellationToken.None);
        var outbox = new ChatOutbox();
        var big = outbox.Add(string.Concat(Enumerable.Repeat("提现\"", 1_300)));
        var small = outbox.Add("ok");

        await transport.SendAsync(big, CancellationToken.None);
        await transport.SendAsync(small, CancellationToken.None);
        await transport.SendAsync(new ChatFrame { Type = ChatEventKind.Typing }, CancellationToken.None);

        var received = new List<ChatFrame>();
        var buffer = new byte[64 * 1024];
        for (var i = 0; i < 3; i++)
        {
            var result = await server.ReceiveAsync(buffer, CancellationToken.None);
            Assert.That(result.EndOfMessage, Is.True);
            received.Add(JsonSerializer.Deserialize(buffer.AsSpan(0, result.Count), ChatJsonContext.Default.ChatFrame)!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(received.Select(f => f.Type), Is.EqualTo(new[] { ChatEventKind.Send, ChatEventKind.Send, ChatEventKind.Typing }));
            Assert.That(received[0].Text, Is.EqualTo(big.Text));
            Assert.That(received[0].ClientMessageId, Is.EqualTo(big.ClientMessageId));
            Assert.That(received[1].Text, Is.EqualTo("ok"));
            Assert.That(received[2].Text, Is.Null);
        });

        await transport.DisposeAsync();
    }

    private static Task Send(FakeWebSocket socket, ChatFrame frame) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, ChatJsonContext.Default.ChatFrame), WebSocketMessageType.Text, true, CancellationToken.None);
}

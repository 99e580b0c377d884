using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace SupportSdk.Tests.Chat;

/// <summary>
/// An in-memory stand-in for the chat server, for unit tests of <see cref="ChatSession"/>: a socket factory and an
/// HTTP handler over one event log. Stores sends once per clientMessageId, acks them, replays after <c>after</c>,
/// and lets a test drop, duplicate or withhold frames.
/// </summary>
public sealed class FakeChatServer : HttpMessageHandler
{
    private readonly List<ChatFrame> _log = [];
    private readonly ConcurrentDictionary<string, long> _byClientId = new();
    private readonly List<FakeWebSocket> _connections = [];

    public string ChatId { get; } = "cht_unit";

    /// <summary>Connect attempts (after= values), in order.</summary>
    public ConcurrentQueue<long> Connects { get; } = new();

    /// <summary>Times at which connects were attempted, by the session's clock.</summary>
    public ConcurrentQueue<DateTimeOffset> ConnectTimes { get; } = new();

    public TimeProvider? Clock { get; set; }

    /// <summary>Makes the next N connects fail as a refused WebSocket.</summary>
    public int RefuseConnects { get; set; }

    /// <summary>Makes every connect close at once with this code.</summary>
    public int? CloseOnConnect { get; set; }

    /// <summary>Durable frames with these seqs are not pushed live (a lost frame); REST still returns them.</summary>
    public HashSet<long> WithholdLive { get; } = [];

    /// <summary>Push each live frame twice.</summary>
    public bool DuplicateLive { get; set; }

    /// <summary>Whether sends are acknowledged (false: stored and broadcast, but the ack is lost).</summary>
    public bool SendAcks { get; set; } = true;

    public int RestEventCalls { get; private set; }

    public int StoredCount
    {
        get
        {
            lock (_log)
            {
                return _log.Count;
            }
        }
    }

    public IReadOnlyList<ChatFrame> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public ChatFrame Append(string text, string role = "agent", string? clientMessageId = null)
    {
        lock (_log)
        {
            var frame = new ChatFrame
            {
                Type = ChatEventKind.Message,
                Seq = _log.Count + 1,
                Id = "cmsg_" + (_log.Count + 1),
                ClientMessageId = clientMessageId,
                From = new Author { Role = role, Name = role },
                Text = text,
                SentAt = DateTimeOffset.UnixEpoch,
            };
            _log.Add(frame);
            Broadcast(frame);
            return frame;
        }
    }

    public void AppendClosed()
    {
        lock (_log)
        {
            var frame = new ChatFrame { Type = ChatEventKind.Closed, Seq = _log.Count + 1, Reason = "agent" };
            _log.Add(frame);
            Broadcast(frame);
        }
    }

    /// <summary>Drops every open connection without a close frame.</summary>
    public void DropAll()
    {
        lock (_connections)
        {
            foreach (var socket in _connections)
            {
                socket.Abort();
            }

            _connections.Clear();
        }
    }

    public void CloseAll(int code)
    {
        lock (_connections)
        {
            foreach (var socket in _connections)
            {
                socket.CloseOutputAsync((WebSocketCloseStatus)code, null, CancellationToken.None).Wait();
            }

            _connections.Clear();
        }
    }

    public void Push(ChatFrame frame) => Broadcast(frame);

    public ValueTask<WebSocket> ConnectAsync(Uri uri, string? bearerToken, CancellationToken cancellationToken)
    {
        var after = long.Parse(uri.Query.Split("after=")[1], System.Globalization.CultureInfo.InvariantCulture);
        Connects.Enqueue(after);
        ConnectTimes.Enqueue((Clock ?? TimeProvider.System).GetUtcNow());
        if (RefuseConnects > 0)
        {
            RefuseConnects--;
            throw new WebSocketException(WebSocketError.NotAWebSocket, "refused");
        }

        var (client, server) = FakeWebSocket.CreatePair();
        if (CloseOnConnect is { } code)
        {
            server.CloseOutputAsync((WebSocketCloseStatus)code, null, CancellationToken.None).Wait(cancellationToken);
            return ValueTask.FromResult<WebSocket>(client);
        }

        lock (_log)
        {
            foreach (var frame in _log.Where(f => f.Seq > after))
            {
                Write(server, frame);
            }

            lock (_connections)
            {
                _connections.Add(server);
            }
        }

        _ = Task.Run(() => ServeAsync(server), CancellationToken.None);
        return ValueTask.FromResult<WebSocket>(client);
    }

    private async Task ServeAsync(FakeWebSocket server)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await server.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var frame = JsonSerializer.Deserialize(buffer.AsSpan(0, result.Count), ChatJsonContext.Default.ChatFrame)!;
                if (frame.Type == ChatEventKind.Send)
                {
                    var seq = Store(frame.ClientMessageId!, frame.Text!);
                    if (SendAcks)
                    {
                        Write(server, new ChatFrame { Type = ChatEventKind.Ack, ClientMessageId = frame.ClientMessageId, Seq = seq });
                    }
                }
            }
        }
        catch (WebSocketException)
        {
            // Dropped.
        }
    }

    private long Store(string clientMessageId, string text)
    {
        lock (_log)
        {
            if (_byClientId.TryGetValue(clientMessageId, out var existing))
            {
                return existing;
            }

            var frame = Append(text, "customer", clientMessageId);
            _byClientId[clientMessageId] = frame.Seq!.Value;
            return frame.Seq.Value;
        }
    }

    private void Broadcast(ChatFrame frame)
    {
        if (frame.Type != ChatEventKind.Heartbeat && frame.Seq is { } seq && WithholdLive.Contains(seq))
        {
            return;
        }

        lock (_connections)
        {
            foreach (var socket in _connections)
            {
                Write(socket, frame);
                if (DuplicateLive)
                {
                    Write(socket, frame);
                }
            }
        }
    }

    private static void Write(FakeWebSocket socket, ChatFrame frame)
    {
        try
        {
            socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame, ChatJsonContext.Default.ChatFrame), WebSocketMessageType.Text, true, CancellationToken.None).Wait();
        }
        catch (AggregateException e) when (e.InnerException is WebSocketException)
        {
            // Closed meanwhile.
        }
    }

    /// <summary>REST: GET /events?after=&amp;wait= (backfill and long-poll), POST /messages, /read, /close.</summary>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Method == HttpMethod.Get && path.EndsWith("/events", StringComparison.Ordinal))
        {
            RestEventCalls++;
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            var after = long.Parse(query["after"]!, System.Globalization.CultureInfo.InvariantCulture);
            var batch = new ChatEventBatch { Events = Log.Where(f => f.Seq > after).ToList() };
            batch = new ChatEventBatch { Events = batch.Events, LastSeq = batch.Events.Count > 0 ? batch.Events[^1].Seq!.Value : after, Closed = Log.Any(f => f.Type == ChatEventKind.Closed) };
            return Json(JsonSerializer.Serialize(batch, ChatJsonContext.Default.ChatEventBatch));
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/messages", StringComparison.Ordinal))
        {
            var send = JsonSerializer.Deserialize(await request.Content!.ReadAsStringAsync(cancellationToken), ChatJsonContext.Default.SendChatMessageRequest)!;
            var seq = Store(send.ClientMessageId, send.Text);
            return Json(JsonSerializer.Serialize(Log.Single(f => f.Seq == seq), ChatJsonContext.Default.ChatFrame), HttpStatusCode.Created);
        }

        if (request.Method == HttpMethod.Get && path.EndsWith("/" + ChatId, StringComparison.Ordinal))
        {
            return Json(JsonSerializer.Serialize(new SupportSdk.ChatThread { Id = ChatId, Status = ChatStatus.Active }, ChatJsonContext.Default.ChatThread));
        }

        if (request.Method == HttpMethod.Post && path.EndsWith("/close", StringComparison.Ordinal))
        {
            AppendClosed();
            return Json(JsonSerializer.Serialize(new SupportSdk.ChatThread { Id = ChatId, Status = ChatStatus.Closed }, ChatJsonContext.Default.ChatThread));
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}

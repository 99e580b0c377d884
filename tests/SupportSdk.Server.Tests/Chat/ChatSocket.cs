using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>A raw <see cref="ClientWebSocket"/> on a chat stream, with the Authorization header, reading frames with timeouts.</summary>
internal sealed class ChatSocket : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[256 * 1024];

    private ChatSocket(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    /// <summary>The close code the server sent, once closed.</summary>
    public int? CloseCode => (int?)Socket.CloseStatus;

    public static Uri Url(SupportServerHost server, string pathAndQuery) => new("ws://" + server.BaseAddress.Authority + pathAndQuery);

    public static async Task<ChatSocket> ConnectAsync(SupportServerHost server, string? bearer, string pathAndQuery, HttpMessageInvoker? invoker = null)
    {
        var socket = Create(bearer);
        using var timeout = new CancellationTokenSource(ChatTestKit.Patience);
        await socket.ConnectAsync(Url(server, pathAndQuery), invoker, timeout.Token);
        return new ChatSocket(socket);
    }

    /// <summary>Tries to connect and returns the HTTP status that refused the upgrade.</summary>
    public static async Task<HttpStatusCode> RefusedAsync(SupportServerHost server, string? bearer, string pathAndQuery)
    {
        using var socket = Create(bearer);
        using var timeout = new CancellationTokenSource(ChatTestKit.Patience);
        Assert.ThrowsAsync<WebSocketException>(async () => await socket.ConnectAsync(Url(server, pathAndQuery), timeout.Token), "the upgrade must be refused");
        return socket.HttpStatusCode;
    }

    private static ClientWebSocket Create(string? bearer)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + bearer);
        }

        return socket;
    }

    public Task SendAsync(ChatFrame frame) => SendTextAsync(ChatTestKit.FrameJson(frame));

    public async Task SendTextAsync(string text)
    {
        using var timeout = new CancellationTokenSource(ChatTestKit.Patience);
        await Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>The next frame, or null when the server closed the connection.</summary>
    public async Task<ChatFrame?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? ChatTestKit.Patience);
        var count = 0;
        while (true)
        {
            var result = await Socket.ReceiveAsync(_buffer.AsMemory(count), cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
            if (result.EndOfMessage)
            {
                return JsonSerializer.Deserialize(_buffer.AsSpan(0, count), ChatJsonContext.Default.ChatFrame);
            }
        }
    }

    /// <summary>Reads until a frame matches; fails if the connection closes first.</summary>
    public async Task<ChatFrame> NextAsync(Func<ChatFrame, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? ChatTestKit.Patience);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.That(left, Is.GreaterThan(TimeSpan.Zero), "no matching frame in time");
            var frame = await ReceiveAsync(left);
            Assert.That(frame, Is.Not.Null, $"closed with {CloseCode} before a matching frame arrived");
            if (match(frame!))
            {
                return frame!;
            }
        }
    }

    public Task<ChatFrame> NextOfAsync(ChatEventKind kind) => NextAsync(f => f.Type == kind);

    /// <summary>The next <paramref name="count"/> durable frames (those with a seq), skipping heartbeats, queue and the like.</summary>
    public async Task<List<ChatFrame>> DurableAsync(int count)
    {
        var frames = new List<ChatFrame>();
        while (frames.Count < count)
        {
            frames.Add(await NextAsync(f => f.Seq is not null && f.Type != ChatEventKind.Heartbeat && f.Type != ChatEventKind.Ack));
        }

        return frames;
    }

    /// <summary>Reads (and drops) frames until the server closes; returns the close code, or null when the connection was aborted.</summary>
    public async Task<int?> ClosedAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? ChatTestKit.Patience);
        try
        {
            while (await ReceiveAsync(deadline - DateTime.UtcNow) is not null)
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the server did not close the connection");
            }

            return CloseCode;
        }
        catch (WebSocketException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }

        Socket.Dispose();
    }
}

using System.Net.WebSockets;
using System.Threading.Channels;

namespace SupportSdk.Tests.Chat;

/// <summary>One end of an in-memory WebSocket pair: whole text messages through channels, close codes included.</summary>
public sealed class FakeWebSocket : WebSocket
{
    private readonly Channel<(byte[] Data, int? Close)> _inbox = Channel.CreateUnbounded<(byte[], int?)>();
    private FakeWebSocket _peer = null!;
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;
    private byte[]? _partial;
    private int _partialOffset;

    public static (FakeWebSocket Client, FakeWebSocket Server) CreatePair()
    {
        var client = new FakeWebSocket();
        var server = new FakeWebSocket();
        client._peer = server;
        server._peer = client;
        return (client, server);
    }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => null;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    /// <summary>Drops the connection without a close frame (a network failure): the peer's next receive throws.</summary>
    public override void Abort()
    {
        _state = WebSocketState.Aborted;
        _inbox.Writer.TryComplete(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        _peer._inbox.Writer.TryComplete(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        if (_state == WebSocketState.Open)
        {
            _state = WebSocketState.CloseSent;
            _peer._inbox.Writer.TryWrite(([], (int)closeStatus));
        }

        return Task.CompletedTask;
    }

    public override void Dispose()
    {
        if (_state is WebSocketState.Open)
        {
            Abort();
        }
    }

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        if (_partial is null)
        {
            (byte[] Data, int? Close) item;
            try
            {
                item = await _inbox.Reader.ReadAsync(cancellationToken);
            }
            catch (ChannelClosedException e) when (e.InnerException is WebSocketException inner)
            {
                throw inner;
            }

            if (item.Close is { } code)
            {
                _closeStatus = (WebSocketCloseStatus)code;
                _state = WebSocketState.CloseReceived;
                return new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, _closeStatus, null);
            }

            _partial = item.Data;
            _partialOffset = 0;
        }

        var count = Math.Min(buffer.Count, _partial.Length - _partialOffset);
        _partial.AsSpan(_partialOffset, count).CopyTo(buffer);
        _partialOffset += count;
        var end = _partialOffset == _partial.Length;
        if (end)
        {
            _partial = null;
        }

        return new WebSocketReceiveResult(count, WebSocketMessageType.Text, end);
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        if (_state != WebSocketState.Open)
        {
            throw new WebSocketException(WebSocketError.InvalidState);
        }

        _peer._inbox.Writer.TryWrite((buffer.ToArray(), null));
        return Task.CompletedTask;
    }
}

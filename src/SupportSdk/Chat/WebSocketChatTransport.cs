using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SupportSdk.LiveChat;

/// <summary>A chat connection over a WebSocket: JSON text frames, one per message. Each connection keeps one receive
/// buffer and one send buffer with its JSON writer, reused for every frame; a frame larger than a buffer grows it.</summary>
/// <param name="factory">Opens the socket.</param>
/// <param name="streamUri">The stream address for an <c>after</c> seq.</param>
/// <param name="credential">The bearer token's source.</param>
/// <param name="outbox">The session's sends: acks and echoes of them reuse their id and text strings.</param>
internal sealed class WebSocketChatTransport(ChatSocketFactory factory, Func<long, Uri> streamUri, SupportCredential credential, ChatOutbox? outbox = null)
    : ChatTransport
{
    internal const int ReceiveChunkBytes = 4096;
    private const int MaxFrameBytes = 1024 * 1024;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _receiveBuffer = new(ReceiveChunkBytes);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(256);
    private readonly InboundFrame _frame = new();
    private Utf8JsonWriter? _writer;
    private WebSocket? _socket;

    public override async Task ConnectAsync(long after, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        _socket = await factory(streamUri(after), token.Length == 0 ? null : token, cancellationToken).ConfigureAwait(false);
    }

    // Pooled: the receive waits for the server on every frame, so its state machine would otherwise be boxed each time.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<InboundFrame?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("Not connected.");
        _receiveBuffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(_receiveBuffer.GetMemory(ReceiveChunkBytes), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                CloseCode = (int?)socket.CloseStatus;
                return null;
            }

            _receiveBuffer.Advance(result.Count);
            if (_receiveBuffer.WrittenCount > MaxFrameBytes)
            {
                throw new ChatDisconnectedException("The server sent a frame larger than 1 MiB.");
            }

            if (result.EndOfMessage)
            {
                break;
            }
        }

        try
        {
            return ChatFrameReader.Read(_receiveBuffer.WrittenSpan, _frame, outbox) ? _frame : null;
        }
        catch (JsonException e)
        {
            throw new ChatDisconnectedException("The server sent a frame this SDK cannot read.", e);
        }
    }

    public override ValueTask SendAsync(ChatFrame frame, CancellationToken cancellationToken) => SendAsync(frame, null, cancellationToken);

    public override ValueTask SendAsync(PendingSend pending, CancellationToken cancellationToken) => SendAsync(null, pending, cancellationToken);

    /// <summary>Writes the <c>send</c> frame of a message exactly as the generated serializer would (same property
    /// order, same escaping), without building a <see cref="ChatFrame"/> for it.</summary>
    internal static void WriteSend(Utf8JsonWriter writer, PendingSend pending)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "send"u8);
        writer.WriteString("clientMessageId"u8, pending.ClientMessageId);
        writer.WriteString("text"u8, pending.Text);
        writer.WriteEndObject();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(ChatFrame? frame, PendingSend? pending, CancellationToken cancellationToken)
    {
        var socket = _socket ?? throw new InvalidOperationException("Not connected.");
        await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The buffer and its writer belong to whoever holds the gate; the frame is written into them here.
            var writer = _writer ??= new Utf8JsonWriter(_sendBuffer);
            if (pending is not null)
            {
                WriteSend(writer, pending);
            }
            else
            {
                JsonSerializer.Serialize(writer, frame!, ChatJsonContext.Default.ChatFrame);
            }

            writer.Flush();
            await socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writer?.Reset();
            _sendBuffer.ResetWrittenCount();
            _sendGate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_socket is { } socket)
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                try
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
                {
                    // The connection is going away anyway.
                }
            }

            socket.Abort();
            socket.Dispose();
        }

        // The send gate is deliberately not disposed: a sender still waiting on it must get its turn and then fail
        // on the aborted socket (and leave its message to the outbox) instead of waiting forever.
    }
}

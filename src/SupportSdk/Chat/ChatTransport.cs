namespace SupportSdk.LiveChat;

/// <summary>One connection of a chat session: a WebSocket, or HTTP long-polling standing in for one.</summary>
internal abstract class ChatTransport : IAsyncDisposable
{
    /// <summary>Gets the close code the server ended the connection with, once <see cref="ReceiveAsync"/> returned null.</summary>
    public int? CloseCode { get; protected set; }

    /// <summary>Opens the connection; the server replays every durable event after <paramref name="after"/> first.</summary>
    public abstract Task ConnectAsync(long after, CancellationToken cancellationToken);

    /// <summary>The next frame, or null when the server closed the connection (see <see cref="CloseCode"/>). The
    /// instance may be reused for the frame after: handle it before asking for the next.</summary>
    public abstract ValueTask<InboundFrame?> ReceiveAsync(CancellationToken cancellationToken);

    public abstract ValueTask SendAsync(ChatFrame frame, CancellationToken cancellationToken);

    /// <summary>Sends (or resends, with the same clientMessageId) a message of the outbox.</summary>
    public virtual ValueTask SendAsync(PendingSend pending, CancellationToken cancellationToken) => SendAsync(pending.Frame, cancellationToken);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The connection dropped or could not be made; the session reconnects.</summary>
internal sealed class ChatDisconnectedException(string message, Exception? inner = null) : Exception(message, inner);

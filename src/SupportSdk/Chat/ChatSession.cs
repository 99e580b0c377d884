using SupportSdk.LiveChat;

namespace SupportSdk;

/// <summary>
/// A live chat, connected: events arrive through <see cref="ReadEventsAsync"/> exactly once each and in order, and
/// <see cref="SendMessageAsync"/> returns once the server stored the message — across any number of dropped connections.
/// Dispose it to disconnect (the chat itself stays open; <see cref="CloseChatAsync"/> ends it).
/// </summary>
/// <remarks>
/// Delivery is at-least-once on the wire and exactly-once to the application: the session remembers the last seq it
/// delivered, reconnects with jittered exponential backoff and resumes after it, fills any gap over REST, drops
/// replayed duplicates, and resends unacknowledged messages with the same clientMessageId (the server stores each
/// once). The secret policy is applied before anything is sent; agent and bot messages carry the scam flags.
/// </remarks>
public class ChatSession : IAsyncDisposable
{
    private readonly ChatSessionCore? _core;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected ChatSession()
    {
    }

    internal ChatSession(ChatSessionCore core)
    {
        _core = core;
        core.StateChanged += (_, e) => StateChanged?.Invoke(this, e);
    }

    /// <summary>Occurs when <see cref="State"/> changes (on a background thread).</summary>
    public event EventHandler<ChatSessionStateChangedEventArgs>? StateChanged;

    /// <summary>Gets the chat id.</summary>
    /// <value>The id.</value>
    public virtual string ChatId => Core.ChatId;

    /// <summary>Gets the connection state.</summary>
    /// <value>Connecting, connected, reconnecting or closed.</value>
    public virtual ChatSessionState State => Core.State;

    /// <summary>Gets the seq of the last durable event delivered (pass it to <see cref="ChatClient.ResumeChatAsync"/> to continue later).</summary>
    /// <value>0 before the first.</value>
    public virtual long LastSeq => Core.LastSeq;

    private ChatSessionCore Core => _core ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Reads the chat's events, in order, each once. Only one reader at a time.</summary>
    /// <param name="cancellationToken">Stops reading (the session stays connected).</param>
    /// <returns>The events; the sequence ends after <see cref="ChatClosedEvent"/> or when the session is disposed.</returns>
    /// <exception cref="SupportApiException">The server refused the credential (401 <c>unauthorized</c>) or the chat
    /// (404 <c>chat_not_found</c>); the session does not reconnect after these.</exception>
    public virtual IAsyncEnumerable<ChatEvent> ReadEventsAsync(CancellationToken cancellationToken = default) => Core.ReadEventsAsync(cancellationToken);

    /// <summary>Sends a message; returns once the server stored it. While reconnecting it waits in the outbox and goes
    /// out, with the same clientMessageId, as soon as the connection is back.</summary>
    /// <param name="text">The text (1–4,000 characters).</param>
    /// <param name="cancellationToken">Stops waiting; a message already handed over may still be delivered.</param>
    /// <returns>The receipt: clientMessageId, seq and the text as sent.</returns>
    /// <exception cref="SensitiveDataException">The text holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">409 <c>chat_closed</c>, or the server refused the message.</exception>
    public virtual Task<ChatSendReceipt> SendMessageAsync(string text, CancellationToken cancellationToken = default) => Core.SendAsync(text, cancellationToken);

    /// <summary>Tells the other side the user is typing (best effort; dropped while disconnected).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the indicator was handed to the connection.</returns>
    public virtual Task SendTypingAsync(CancellationToken cancellationToken = default) => Core.SendTypingAsync(cancellationToken);

    /// <summary>Marks the chat read up to a seq (read receipt for the other side).</summary>
    /// <param name="upToSeq">The seq of the last message read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has it.</returns>
    public virtual Task MarkReadAsync(long upToSeq, CancellationToken cancellationToken = default) => Core.MarkReadAsync(upToSeq, cancellationToken);

    /// <summary>Ends the chat for both sides; the event stream ends with <see cref="ChatClosedEvent"/>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server closed the chat.</returns>
    public virtual Task CloseChatAsync(CancellationToken cancellationToken = default) => Core.CloseAsync(cancellationToken);

    /// <summary>Disconnects. Unacknowledged sends fail with <see cref="ObjectDisposedException"/>.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disconnects.</summary>
    /// <returns>A task that completes when the connection is closed.</returns>
    protected virtual ValueTask DisposeAsyncCore() => _core?.DisposeAsync() ?? ValueTask.CompletedTask;
}

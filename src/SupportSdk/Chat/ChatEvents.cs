namespace SupportSdk;

/// <summary>
/// Something that happened in a chat, as <see cref="ChatSession.ReadEventsAsync"/> yields it: exactly once, in order.
/// Branch on <see cref="Kind"/> or on the subtype.
/// </summary>
public abstract class ChatEvent
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="kind">The kind.</param>
    protected ChatEvent(ChatEventKind kind) => Kind = kind;

    /// <summary>Gets the kind.</summary>
    /// <value>message, agent_joined, handoff, closed, typing, read or queue.</value>
    public ChatEventKind Kind { get; }

    /// <summary>Gets the per-chat sequence number of a durable event (message, agent joined, handoff, closed).</summary>
    /// <value>1, 2, 3 …; <see langword="null"/> for typing, read and queue, which are not stored.</value>
    public long? Seq { get; init; }

    /// <summary>Gets when it happened, by the server's clock.</summary>
    /// <value>UTC; <see langword="null"/> when the server did not say.</value>
    public DateTimeOffset? At { get; init; }
}

/// <summary>A message from the customer, the bot, an agent or the system.</summary>
public sealed class ChatMessageEvent() : ChatEvent(ChatEventKind.Message)
{
    /// <summary>Gets the message id.</summary>
    /// <value>The server's id.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the sender's id for the message (the one <see cref="ChatSession.SendMessageAsync"/> made, for your own).</summary>
    /// <value>The id, or <see langword="null"/> for bot and system messages.</value>
    public string? ClientMessageId { get; init; }

    /// <summary>Gets who wrote it.</summary>
    /// <value>The author.</value>
    public Author From { get; init; } = new();

    /// <summary>Gets the text.</summary>
    /// <value>The text (a customer's secrets arrive as <c>[redacted]</c> when the policy redacts them).</value>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets the scam warnings on an agent's or bot's message: <see cref="MessageFlags.AsksForSecret"/>,
    /// <see cref="MessageFlags.UnofficialLink"/> — the server's and the SDK's own check together.</summary>
    /// <value>The flags; empty when there is nothing to warn about.</value>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Gets the help-center article a bot answer offers.</summary>
    /// <value>The article, or <see langword="null"/>.</value>
    public ChatArticle? Article { get; init; }

    /// <summary>Gets suggested replies to show as buttons (send one with <see cref="ChatSession.SendMessageAsync"/>).</summary>
    /// <value>The replies; empty when none.</value>
    public IReadOnlyList<string> QuickReplies { get; init; } = [];

    /// <summary>Gets the deposit lookup a bot answer reports: status, confirmations, and what the customer can do.</summary>
    /// <value>The lookup, or <see langword="null"/>.</value>
    public DepositLookup? Deposit { get; init; }

    /// <summary>Gets the user's anti-phishing code, which the server puts on every message from support (agent, bot,
    /// system) and on none of the user's own: show it with the message so the user can tell real support from a fake.</summary>
    /// <value>The code, or <see langword="null"/> (the user has none, or the user wrote the message).</value>
    public string? AntiPhishingCode { get; init; }

    /// <summary>Gets whether the message is support's, delivered with the user's anti-phishing code over this authenticated session.</summary>
    /// <value><see langword="true"/> for an official support message.</value>
    public bool IsOfficial => AntiPhishingCode is not null && From.Role != AuthorRole.Customer;
}

/// <summary>A human agent joined the chat.</summary>
public sealed class ChatAgentJoinedEvent() : ChatEvent(ChatEventKind.AgentJoined)
{
    /// <summary>Gets the agent's display name.</summary>
    /// <value>The name.</value>
    public string AgentName { get; init; } = string.Empty;
}

/// <summary>The bot handed the chat to the human queue, or an agent transferred it to a higher tier.</summary>
public sealed class ChatHandoffEvent() : ChatEvent(ChatEventKind.Handoff)
{
    /// <summary>Gets why: <c>requested</c>, <c>low_confidence</c>, <c>unhelpful</c> or <c>transfer</c>.</summary>
    /// <value>The reason.</value>
    public string Reason { get; init; } = string.Empty;
}

/// <summary>The chat was closed; no further events follow.</summary>
public sealed class ChatClosedEvent() : ChatEvent(ChatEventKind.Closed)
{
    /// <summary>Gets who closed it or why: <c>customer</c>, <c>agent</c>, <c>inactive</c>.</summary>
    /// <value>The reason.</value>
    public string Reason { get; init; } = string.Empty;
}

/// <summary>The other side is typing.</summary>
public sealed class ChatTypingEvent() : ChatEvent(ChatEventKind.Typing)
{
    /// <summary>Gets who is typing.</summary>
    /// <value>The author.</value>
    public Author From { get; init; } = new();
}

/// <summary>The other side read the chat up to a message.</summary>
public sealed class ChatReadEvent() : ChatEvent(ChatEventKind.Read)
{
    /// <summary>Gets who read.</summary>
    /// <value>The reader.</value>
    public Author From { get; init; } = new();

    /// <summary>Gets the seq up to which they read.</summary>
    /// <value>A seq of this chat.</value>
    public long UpToSeq { get; init; }
}

/// <summary>The customer's place in the human queue changed.</summary>
public sealed class ChatQueueEvent() : ChatEvent(ChatEventKind.Queue)
{
    /// <summary>Gets the position.</summary>
    /// <value>1 for next.</value>
    public int Position { get; init; }

    /// <summary>Gets the estimated wait.</summary>
    /// <value>Seconds, or <see langword="null"/> when unknown.</value>
    public int? EstimatedWaitSeconds { get; init; }
}

/// <summary>The connection state of a <see cref="ChatSession"/>.</summary>
public enum ChatSessionState
{
    /// <summary>Opening the first connection.</summary>
    Connecting,

    /// <summary>Connected: events arrive live and sends are acknowledged.</summary>
    Connected,

    /// <summary>The connection dropped; reconnecting with backoff. Sends are queued and go out on reconnect.</summary>
    Reconnecting,

    /// <summary>The chat closed, the session was disposed, or the server refused the credential. Final.</summary>
    Closed,
}

/// <summary>Data of <see cref="ChatSession.StateChanged"/>.</summary>
/// <param name="previous">The previous state.</param>
/// <param name="current">The new state.</param>
public sealed class ChatSessionStateChangedEventArgs(ChatSessionState previous, ChatSessionState current) : EventArgs
{
    /// <summary>Gets the previous state.</summary>
    /// <value>The state before the change.</value>
    public ChatSessionState Previous { get; } = previous;

    /// <summary>Gets the new state.</summary>
    /// <value>The state after the change.</value>
    public ChatSessionState Current { get; } = current;
}

/// <summary>What <see cref="ChatSession.SendMessageAsync"/> returns once the server stored the message.</summary>
public sealed class ChatSendReceipt
{
    /// <summary>Gets the message's client id (the same on every resend).</summary>
    /// <value>The id.</value>
    public string ClientMessageId { get; init; } = string.Empty;

    /// <summary>Gets the message's seq in the chat.</summary>
    /// <value>The seq.</value>
    public long Seq { get; init; }

    /// <summary>Gets the text as sent (redacted where the secret policy redacts).</summary>
    /// <value>The text.</value>
    public string Text { get; init; } = string.Empty;
}

namespace SupportSdk;

/// <summary>A live chat between a customer and support (the bot first, then a human agent).</summary>
public sealed class ChatThread
{
    /// <summary>Gets the chat id.</summary>
    /// <value>An id starting with <c>cht_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the state.</summary>
    /// <value>bot, queued, active or closed.</value>
    public ChatStatus Status { get; init; }

    /// <summary>Gets what the customer said the chat is about.</summary>
    /// <value>The topic, or <see langword="null"/>.</value>
    public string? Topic { get; init; }

    /// <summary>Gets the chat's locale (bot answers and help-center articles follow it).</summary>
    /// <value>e.g. <c>en-us</c> or <c>zh-cn</c>.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the customer.</summary>
    /// <value>The customer's user id and display name.</value>
    public TicketCustomer Customer { get; init; } = new();

    /// <summary>Gets the agent who accepted the chat.</summary>
    /// <value>The agent's display name, or <see langword="null"/> before one joined.</value>
    public string? Agent { get; init; }

    /// <summary>Gets the support tier the chat is at (1 first line; raised by a transfer).</summary>
    /// <value>1 to 3.</value>
    public int Tier { get; init; } = 1;

    /// <summary>Gets the position in the human queue while <see cref="Status"/> is queued.</summary>
    /// <value>1 for next, or <see langword="null"/> when not queued.</value>
    public int? QueuePosition { get; init; }

    /// <summary>Gets the estimated wait for a human agent while queued.</summary>
    /// <value>Seconds, or <see langword="null"/> when not queued or unknown.</value>
    public int? EstimatedWaitSeconds { get; init; }

    /// <summary>Gets the seq of the latest durable event.</summary>
    /// <value>0 before the first event.</value>
    public long LastSeq { get; init; }

    /// <summary>Gets the ticket this chat was turned into.</summary>
    /// <value>The ticket id, or <see langword="null"/>.</value>
    public string? TicketId { get; init; }

    /// <summary>Gets when the chat started.</summary>
    /// <value>UTC.</value>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the chat last changed.</summary>
    /// <value>UTC.</value>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Starts a chat.</summary>
public sealed class StartChatRequest
{
    /// <summary>Gets what the chat is about (optional; the bot searches the help center with it).</summary>
    /// <value>At most 200 characters.</value>
    public string? Topic { get; init; }

    /// <summary>Gets the locale; the user token's locale when omitted.</summary>
    /// <value>e.g. <c>en-us</c> or <c>zh-cn</c>.</value>
    public string? Locale { get; init; }
}

/// <summary>Sends a chat message over REST (the WebSocket <c>send</c> frame carries the same fields).</summary>
public sealed class SendChatMessageRequest
{
    /// <summary>Gets the sender's id for this message; a resend with the same id is stored once.</summary>
    /// <value>1–64 characters of letters, digits, <c>-</c> and <c>_</c>.</value>
    public string ClientMessageId { get; init; } = string.Empty;

    /// <summary>Gets the text.</summary>
    /// <value>1–4,000 characters.</value>
    public string Text { get; init; } = string.Empty;
}

/// <summary>Marks messages as read.</summary>
public sealed class MarkChatReadRequest
{
    /// <summary>Gets the seq up to which the reader has read.</summary>
    /// <value>A seq of this chat.</value>
    public long UpToSeq { get; init; }
}

/// <summary>Moves a chat to a higher support tier (agents).</summary>
public sealed class TransferChatRequest
{
    /// <summary>Gets why.</summary>
    /// <value>Free text, or <see langword="null"/>.</value>
    public string? Reason { get; init; }
}

/// <summary>A help-center article the bot offers as its answer.</summary>
public sealed class ChatArticle
{
    /// <summary>Gets the article id.</summary>
    /// <value>The id, as in <c>GET /v1/faq/articles/{id}</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the title.</summary>
    /// <value>The title.</value>
    public string Title { get; init; } = string.Empty;

    /// <summary>Gets a link to the article.</summary>
    /// <value>The article's URL, or <see langword="null"/>.</value>
    public string? Url { get; init; }
}

/// <summary>
/// One JSON text frame of the chat protocol, in either direction, and one event of the long-poll fallback. Which
/// fields are set depends on <see cref="Type"/>; the others are omitted on the wire.
/// </summary>
/// <remarks>
/// Server to client: <c>message</c> {seq, id, clientMessageId?, from, text, sentAt, flags, article?, quickReplies?},
/// <c>agent_joined</c> {seq, from, sentAt}, <c>handoff</c> {seq, reason, sentAt}, <c>closed</c> {seq, reason,
/// sentAt} — durable, numbered 1, 2, 3 … per chat — and <c>ack</c> {clientMessageId, seq}, <c>typing</c> {from},
/// <c>read</c> {from, upToSeq}, <c>queue</c> {position, estimatedWaitSeconds}, <c>heartbeat</c> {seq},
/// <c>error</c> {code, text, clientMessageId?, retryAfterMs?}. Client to server: <c>send</c> {clientMessageId, text},
/// <c>typing</c>, <c>read</c> {upToSeq}.
/// </remarks>
public sealed class ChatFrame
{
    /// <summary>Gets the frame type.</summary>
    /// <value>A <see cref="ChatEventKind"/>.</value>
    public ChatEventKind Type { get; init; }

    /// <summary>Gets the per-chat sequence number of a durable event (or the latest one, on a heartbeat or ack).</summary>
    /// <value>1, 2, 3 …, or <see langword="null"/>.</value>
    public long? Seq { get; init; }

    /// <summary>Gets the message id.</summary>
    /// <value>An id starting with <c>cmsg_</c>, or <see langword="null"/>.</value>
    public string? Id { get; init; }

    /// <summary>Gets the sender's id for the message.</summary>
    /// <value>The id, or <see langword="null"/>.</value>
    public string? ClientMessageId { get; init; }

    /// <summary>Gets who wrote, joined, typed or read.</summary>
    /// <value>The author, or <see langword="null"/>.</value>
    public Author? From { get; init; }

    /// <summary>Gets the message text (or the error's explanation).</summary>
    /// <value>The text, or <see langword="null"/>.</value>
    public string? Text { get; init; }

    /// <summary>Gets when the event happened.</summary>
    /// <value>UTC, or <see langword="null"/>.</value>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Gets the scam flags of an agent's or bot's message (<see cref="MessageFlags"/>).</summary>
    /// <value>The flags, or <see langword="null"/>.</value>
    public IReadOnlyList<string>? Flags { get; init; }

    /// <summary>Gets the article a bot message offers.</summary>
    /// <value>The article, or <see langword="null"/>.</value>
    public ChatArticle? Article { get; init; }

    /// <summary>Gets suggested replies (e.g. "Yes, that helped", "Talk to a person").</summary>
    /// <value>The replies, or <see langword="null"/>.</value>
    public IReadOnlyList<string>? QuickReplies { get; init; }

    /// <summary>Gets the deposit lookup a bot answer reports (what the chain and the exchange say about a transaction).</summary>
    /// <value>The lookup, or <see langword="null"/>.</value>
    public DepositLookup? Deposit { get; init; }

    /// <summary>Gets the reader's anti-phishing code, on support's messages (agent, bot, system) sent to the customer:
    /// the sign that support wrote it. Never on the customer's own messages, never stored.</summary>
    /// <value>The code, or <see langword="null"/>.</value>
    public string? AntiPhishingCode { get; init; }

    /// <summary>Gets the seq up to which a reader has read.</summary>
    /// <value>A seq, or <see langword="null"/>.</value>
    public long? UpToSeq { get; init; }

    /// <summary>Gets the queue position.</summary>
    /// <value>1 for next, or <see langword="null"/>.</value>
    public int? Position { get; init; }

    /// <summary>Gets the estimated wait.</summary>
    /// <value>Seconds, or <see langword="null"/>.</value>
    public int? EstimatedWaitSeconds { get; init; }

    /// <summary>Gets why a handoff or close happened (<c>requested</c>, <c>low_confidence</c>, <c>unhelpful</c>,
    /// <c>transfer</c>, <c>customer</c>, <c>agent</c>).</summary>
    /// <value>The reason, or <see langword="null"/>.</value>
    public string? Reason { get; init; }

    /// <summary>Gets the stable error code of an <c>error</c> frame (<see cref="ErrorCodes"/>).</summary>
    /// <value>The code, or <see langword="null"/>.</value>
    public string? Code { get; init; }

    /// <summary>Gets how long to wait before sending again, on a <c>rate_limited</c> error frame. Until the refused
    /// message (its <see cref="ClientMessageId"/>) is sent again, the server refuses every other message of that
    /// connection, so a client that resends in order keeps its order.</summary>
    /// <value>Milliseconds, or <see langword="null"/>.</value>
    public int? RetryAfterMs { get; init; }
}

/// <summary>Durable chat events after a seq, as the long-poll fallback and the backfill return them.</summary>
public sealed class ChatEventBatch
{
    /// <summary>Gets the events, in seq order (durable ones), followed by at most one <c>queue</c> event.</summary>
    /// <value>The events; empty when the wait ran out.</value>
    public IReadOnlyList<ChatFrame> Events { get; init; } = [];

    /// <summary>Gets the seq to pass as <c>after</c> on the next call.</summary>
    /// <value>The latest seq returned, or the <c>after</c> given when none was.</value>
    public long LastSeq { get; init; }

    /// <summary>Gets a value indicating whether the chat is closed (no further events will come).</summary>
    /// <value><see langword="true"/> when closed.</value>
    public bool Closed { get; init; }
}

/// <summary>The WebSocket close codes of the chat stream. A client reconnects after any close except those that say not to.</summary>
public static class ChatCloseCodes
{
    /// <summary>The credential is missing, expired or revoked: do not reconnect with it.</summary>
    public const int Unauthorized = 4001;

    /// <summary>The chat does not exist or is not the caller's: do not reconnect.</summary>
    public const int NotFound = 4004;

    /// <summary>The chat is closed: do not reconnect.</summary>
    public const int ChatClosed = 4010;

    /// <summary>A frame was larger than the limit or not a valid frame: fix the client before reconnecting.</summary>
    public const int InvalidFrame = 4400;

    /// <summary>Too many frames too fast: reconnect after a backoff.</summary>
    public const int RateLimited = 4429;

    /// <summary>The client did not read fast enough and the server dropped it to keep its memory bounded: reconnect.</summary>
    public const int TooSlow = 4408;

    /// <summary>The server is shutting down: reconnect (to another node).</summary>
    public const int GoingAway = 1001;

    /// <summary>Whether a client should stop reconnecting after this close code.</summary>
    /// <param name="code">The close code.</param>
    /// <returns><see langword="true"/> for <see cref="Unauthorized"/>, <see cref="NotFound"/>, <see cref="ChatClosed"/> and <see cref="InvalidFrame"/>.</returns>
    public static bool IsFinal(int code) => code is Unauthorized or NotFound or ChatClosed or InvalidFrame;
}

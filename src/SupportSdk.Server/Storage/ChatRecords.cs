namespace SupportSdk.Server.Storage;

/// <summary>
/// A chat as the server keeps it: the wire <see cref="Chat"/> plus who holds it, the bot's memory, the read markers
/// of both sides and a version for optimistic concurrency. Queue position and wait are computed, never stored.
/// </summary>
internal sealed record ChatRecord
{
    public required string Id { get; init; }

    public required ChatStatus Status { get; init; }

    public string? Topic { get; init; }

    public required string Locale { get; init; }

    public required string CustomerId { get; init; }

    public required string CustomerName { get; init; }

    /// <summary>The id of the agent key that accepted the chat.</summary>
    public string? AgentId { get; init; }

    public string? AgentName { get; init; }

    public int Tier { get; init; } = 1;

    /// <summary>When the chat entered the human queue; set only while queued. The queue is ordered by it.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    public long LastSeq { get; init; }

    public long CustomerReadSeq { get; init; }

    public long AgentReadSeq { get; init; }

    /// <summary>How many bot answers the customer called unhelpful.</summary>
    public int UnhelpfulAnswers { get; init; }

    /// <summary>Whether the bot's last message was an answer waiting for "did this help?".</summary>
    public bool AwaitingFeedback { get; init; }

    public string? TicketId { get; init; }

    public long Version { get; init; } = 1;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// Durable events to append to a chat, numbered by the store (last seq + 1, + 2 …) in the same transaction.
/// With <see cref="ExpectedVersion"/> the append happens only if the chat is still at that version, and
/// <see cref="Updated"/> replaces the row; without it the events go onto whatever state the chat is in, unless it
/// is closed. A message with a client message id that <see cref="SenderScope"/> already used is not stored again:
/// the stored one comes back as <see cref="ChatAppendOutcome.Duplicate"/>.
/// </summary>
internal sealed record ChatAppend(string ChatId, IReadOnlyList<ChatFrame> Events, DateTimeOffset Now)
{
    public long? ExpectedVersion { get; init; }

    public ChatRecord? Updated { get; init; }

    public string? SenderScope { get; init; }

    /// <summary>When set, the append is refused (<see cref="ChatAppendOutcome.NotAccepted"/>) unless the chat is
    /// active with this agent (held under any of these ids: the agent's name, or for a chat accepted before chats were
    /// held by name, the key's id) — checked after the duplicate check, like <see cref="ChatAppendOutcome.Closed"/>.</summary>
    public IReadOnlyList<string>? RequireAgentIds { get; init; }

    /// <summary>Gets the webhook events stored with the append, in its transaction, when it applies.</summary>
    public IReadOnlyList<OutboxEvent> Outbox { get; init; } = [];
}

internal enum ChatAppendOutcome
{
    Appended,
    NotAccepted,
    Stale,
    Closed,
    Duplicate,
    NotFound,
}

/// <summary>The chat after the append and the events as stored (with their seq).</summary>
internal sealed record ChatAppendResult(ChatAppendOutcome Outcome, ChatRecord? Chat, IReadOnlyList<ChatFrame> Events);

/// <summary>A customer's chats, newest first, below a cursor id.</summary>
internal sealed record ChatFilter(string OwnerId, ChatStatus? Status, string? BeforeId, int Limit);

/// <summary>A position in the agents' lists, which run oldest first by (queued time, id).</summary>
internal sealed record ChatQueueKey(long QueuedAtMs, string Id);

namespace SupportSdk.Server.Storage;

/// <summary>Live chats and their durable events, numbered 1, 2, 3 … per chat.</summary>
internal interface IChatStore
{
    /// <summary>Creates a chat with its first events, numbered from 1 — unless its owner already has a chat that is not
    /// closed: then nothing is written and that chat comes back as <see cref="ChatAppendOutcome.Duplicate"/>.</summary>
    Task<ChatAppendResult> CreateChatAsync(ChatRecord chat, IReadOnlyList<ChatFrame> events, CancellationToken cancellationToken) =>
        CreateChatAsync(chat, events, [], cancellationToken);

    /// <summary>As above, and stores <paramref name="outbox"/> (webhook events) in the same transaction when the chat is created.</summary>
    Task<ChatAppendResult> CreateChatAsync(ChatRecord chat, IReadOnlyList<ChatFrame> events, IReadOnlyList<OutboxEvent> outbox, CancellationToken cancellationToken);

    /// <summary>The owner's chat that is not closed, if any (a customer has at most one).</summary>
    Task<ChatRecord?> FindOpenChatAsync(string ownerId, CancellationToken cancellationToken);

    Task<ChatRecord?> GetChatAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChatRecord>> ListChatsAsync(ChatFilter filter, CancellationToken cancellationToken);

    /// <summary>Chats in one state for agents, oldest first by (queued time, id), after a position.</summary>
    Task<IReadOnlyList<ChatRecord>> ListChatsByStateAsync(ChatStatus status, ChatQueueKey? after, int limit, CancellationToken cancellationToken);

    /// <summary>The ids of every queued chat, in queue order.</summary>
    Task<IReadOnlyList<string>> ListQueuedChatIdsAsync(CancellationToken cancellationToken);

    /// <summary>Appends durable events atomically; see <see cref="ChatAppend"/>.</summary>
    Task<ChatAppendResult> AppendChatEventsAsync(ChatAppend append, CancellationToken cancellationToken);

    /// <summary>Durable events after a seq, in seq order; only <c>message</c> events when <paramref name="messagesOnly"/>.</summary>
    Task<IReadOnlyList<ChatFrame>> ListChatEventsAsync(string chatId, long afterSeq, int limit, bool messagesOnly, CancellationToken cancellationToken);

    /// <summary>The message a sender stored under a client message id, or null.</summary>
    Task<ChatFrame?> FindChatMessageAsync(string chatId, string senderScope, string clientMessageId, CancellationToken cancellationToken);

    /// <summary>Replaces the text of stored messages (by seq): the earlier parts of a seed phrase split over messages.</summary>
    Task RedactChatMessagesAsync(string chatId, IReadOnlyList<(long Seq, string Text)> texts, CancellationToken cancellationToken);

    /// <summary>Raises one side's read marker (never lowers it).</summary>
    /// <returns><see langword="true"/> when the marker moved.</returns>
    Task<bool> MarkChatReadAsync(string chatId, AuthorRole reader, long upToSeq, CancellationToken cancellationToken);
}

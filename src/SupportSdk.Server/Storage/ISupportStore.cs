namespace SupportSdk.Server.Storage;

/// <summary>
/// Everything the server persists. One contract, one contract-test suite, several engines (SQLite now).
/// Implementations must be safe under concurrent calls; ticket writes use optimistic concurrency on
/// <see cref="Ticket.Version"/>.
/// </summary>
internal interface ISupportStore
{
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<string> GetOrAddSettingAsync(string name, string valueIfMissing, CancellationToken cancellationToken);

    Task<bool> AddKeyAsync(StoredKey key, CancellationToken cancellationToken);

    Task<StoredKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken);

    Task<int> CountKeysAsync(CancellationToken cancellationToken);

    Task CreateTicketAsync(Ticket ticket, TicketMessage firstMessage, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the ticket and, in the same transaction, records <paramref name="idempotency"/>'s response as the
    /// completed outcome of its key — unless that key already has a live record (another attempt got there first),
    /// in which case nothing is written and that record's outcome is returned. <see cref="IdempotencyOutcome.Started"/>
    /// means the ticket was created.
    /// </summary>
    Task<IdempotencyStart> CreateTicketAsync(Ticket ticket, TicketMessage firstMessage, IdempotentCompletion idempotency, CancellationToken cancellationToken);

    Task<Ticket?> GetTicketAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Ticket>> ListTicketsAsync(TicketFilter filter, CancellationToken cancellationToken);

    /// <summary>Replaces the ticket when its stored version is still <paramref name="expectedVersion"/>; adds the message too when given.</summary>
    /// <returns><see langword="false"/> when the ticket changed meanwhile (or is gone).</returns>
    Task<bool> TryUpdateTicketAsync(Ticket updated, long expectedVersion, TicketMessage? newMessage, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(string ticketId, long afterSeq, int limit, CancellationToken cancellationToken);

    Task<int> CountTicketsAsync(TicketStatus[] statuses, CancellationToken cancellationToken);

    /// <summary>When the owner's tickets created after <paramref name="since"/> were created, oldest first.</summary>
    Task<IReadOnlyList<DateTimeOffset>> ListTicketCreationTimesAsync(string ownerId, DateTimeOffset since, CancellationToken cancellationToken);

    Task AddAttachmentAsync(StoredAttachment attachment, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    Task<StoredAttachment?> GetAttachmentAsync(string id, CancellationToken cancellationToken);

    Task<byte[]?> ReadAttachmentAsync(string id, CancellationToken cancellationToken);

    /// <summary>The bytes an owner's stored attachments take, attached or not.</summary>
    Task<long> SumAttachmentBytesAsync(string ownerScope, CancellationToken cancellationToken);

    /// <summary>Deletes uploads never attached to a message that were created before <paramref name="createdBefore"/>.</summary>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteUnattachedAttachmentsAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);

    Task<IdempotencyStart> BeginIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken);

    /// <summary>What <see cref="BeginIdempotentRequestAsync"/> would answer, without claiming the key (a read).</summary>
    Task<IdempotencyStart> PeekIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken);

    Task CompleteIdempotentRequestAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken);

    Task ReleaseIdempotentRequestAsync(string scope, string key, CancellationToken cancellationToken);

    Task<int> PurgeIdempotencyAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken);

    /// <summary>Creates a chat with its first events, numbered from 1 — unless its owner already has a chat that is not
    /// closed: then nothing is written and that chat comes back as <see cref="ChatAppendOutcome.Duplicate"/>.</summary>
    Task<ChatAppendResult> CreateChatAsync(ChatRecord chat, IReadOnlyList<ChatFrame> events, CancellationToken cancellationToken);

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

    Task AddChannelReportAsync(ChannelReport report, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChannelReport>> ListChannelReportsAsync(string? beforeId, int limit, CancellationToken cancellationToken);

    Task ImportFaqAsync(FaqImport import, CancellationToken cancellationToken);

    Task<FaqImport> LoadFaqAsync(CancellationToken cancellationToken);

    /// <summary>Records one voter's vote on an article (a later vote replaces theirs, so each voter counts once) and
    /// returns the counts; null when the article does not exist.</summary>
    Task<(int Helpful, int NotHelpful)?> AddArticleFeedbackAsync(ArticleVote vote, CancellationToken cancellationToken);

    Task<(int Helpful, int NotHelpful)> GetArticleFeedbackAsync(long articleId, string locale, CancellationToken cancellationToken);
}

/// <summary>A stored credential: only the SHA-256 of the key is kept.</summary>
internal sealed record StoredKey(string Id, string Kind, string Name, string KeyHash, DateTimeOffset CreatedAt);

/// <summary>What to list: by owner, status, and below a cursor id (lists run newest first).</summary>
internal sealed record TicketFilter(string? OwnerId, TicketStatus? Status, string? BeforeId, int Limit)
{
    public TicketPriority? Priority { get; init; }

    public int? Tier { get; init; }

    public string? Assignee { get; init; }
}

/// <summary>An attachment with who owns it and what it is linked to.</summary>
internal sealed record StoredAttachment(AttachmentInfo Info, string OwnerScope, string? TicketId, string? MessageId);

/// <summary>A response kept for idempotent replay.</summary>
internal sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);

internal enum IdempotencyOutcome
{
    Started,
    InFlight,
    Mismatch,
    Completed,
}

internal sealed record IdempotencyStart(IdempotencyOutcome Outcome, StoredResponse? Response = null)
{
    public static readonly IdempotencyStart Free = new(IdempotencyOutcome.Started);
}

/// <summary>An idempotent request's key and its successful response, to be recorded with the work's own write.</summary>
internal sealed record IdempotentCompletion(IdempotencyRequest Request, StoredResponse Response);

/// <summary>A reader's vote on an article: <paramref name="Voter"/> is the user's scope, or the client address for
/// anonymous readers.</summary>
internal sealed record ArticleVote(long ArticleId, string Locale, string Voter, bool Helpful, string? Comment, DateTimeOffset At);

/// <summary>A help center: categories, sections and articles in every locale.</summary>
internal sealed record FaqImport(IReadOnlyList<StoredCategory> Categories, IReadOnlyList<StoredSection> Sections, IReadOnlyList<StoredArticle> Articles);

internal sealed record StoredCategory(long Id, string Locale, string Name, string? Description, int Position);

internal sealed record StoredSection(long Id, string Locale, long? CategoryId, string Name, string? Description, int Position);

internal sealed record StoredArticle(long Id, string Locale, string? ExternalId, long? SectionId, string Title, string BodyHtml,
    string BodyText, IReadOnlyList<string> Labels, string? Url, int Position, DateTimeOffset UpdatedAt);

/// <summary>
/// Claims an idempotency key: <paramref name="InFlightExpiredBefore"/> lets a new attempt take over a claim whose
/// holder died; records created before <paramref name="RetainedAfter"/> count as absent.
/// </summary>
internal sealed record IdempotencyRequest(string Scope, string Key, string RequestHash, DateTimeOffset Now,
    DateTimeOffset InFlightExpiredBefore, DateTimeOffset RetainedAfter);

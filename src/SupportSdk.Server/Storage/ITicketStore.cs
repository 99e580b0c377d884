namespace SupportSdk.Server.Storage;

/// <summary>Tickets and their messages. Implementations are safe under concurrent calls; ticket writes use optimistic concurrency on <see cref="Ticket.Version"/>.</summary>
internal interface ITicketStore
{
    /// <summary>
    /// Creates the ticket with its first message and, when <paramref name="idempotency"/> is given, records its
    /// response as the completed outcome of its key in the same transaction — unless that key already has a live
    /// record (another attempt got there first), in which case nothing is written and that record's outcome is
    /// returned. <see cref="IdempotencyOutcome.Started"/> means the ticket was created.
    /// </summary>
    Task<IdempotencyStart> CreateTicketAsync(Ticket ticket, TicketMessage firstMessage, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        CreateTicketAsync(ticket, firstMessage, idempotency, [], cancellationToken);

    /// <summary>As above, and stores <paramref name="events"/> (the webhook outbox) in the same transaction when the
    /// ticket is created.</summary>
    Task<IdempotencyStart> CreateTicketAsync(Ticket ticket, TicketMessage firstMessage, IdempotentCompletion? idempotency, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken);

    Task<Ticket?> GetTicketAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Ticket>> ListTicketsAsync(TicketFilter filter, CancellationToken cancellationToken);

    /// <summary>Replaces the ticket when its stored version is still <paramref name="expectedVersion"/>; adds the message too when given.</summary>
    /// <returns><see langword="false"/> when the ticket changed meanwhile (or is gone).</returns>
    Task<bool> TryUpdateTicketAsync(Ticket updated, long expectedVersion, TicketMessage? newMessage, CancellationToken cancellationToken) =>
        TryUpdateTicketAsync(updated, expectedVersion, newMessage, [], null, cancellationToken);

    /// <summary>As above, and stores <paramref name="events"/> (the webhook outbox) in the same transaction when the
    /// update applies, and completes the claimed Idempotency-Key <paramref name="idempotency"/> with its response.</summary>
    Task<bool> TryUpdateTicketAsync(Ticket updated, long expectedVersion, TicketMessage? newMessage, IReadOnlyList<OutboxEvent> events,
        IdempotentCompletion? idempotency, CancellationToken cancellationToken);

    /// <summary>Tickets whose SLA target is due at or before <paramref name="before"/> and that are not marked breached
    /// (with <paramref name="notWarned"/>: nor warned) yet, soonest due first.</summary>
    Task<IReadOnlyList<Ticket>> ListTicketsDueAsync(DateTimeOffset before, bool notWarned, int limit, CancellationToken cancellationToken);

    /// <summary>Tickets opened in [<paramref name="from"/>, <paramref name="to"/>), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Ticket>> ListTicketsCreatedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken);

    Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(string ticketId, long afterSeq, int limit, CancellationToken cancellationToken);

    Task<int> CountTicketsAsync(TicketStatus[] statuses, CancellationToken cancellationToken);

    /// <summary>
    /// What a customer's create must know before it does any work, read at once (one round trip on PostgreSQL): the
    /// live record of its <paramref name="key"/> (<see cref="IdempotencyStart.Free"/> when there is none or no key),
    /// and when the owner's <paramref name="quota"/>-th newest ticket created after <paramref name="since"/> was
    /// created — null when there are fewer, i.e. the quota is not reached — reading at most <paramref name="quota"/>
    /// index entries however many tickets the owner has.
    /// </summary>
    Task<CreateCheck> CheckCreateAsync(IdempotencyRequest? key, string ownerId, DateTimeOffset since, int quota, CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="ITicketStore.CheckCreateAsync"/>.</summary>
internal readonly record struct CreateCheck(IdempotencyStart Key, DateTimeOffset? QuotaReachedBy);

/// <summary>What to list: by owner, status, and below a cursor id (lists run newest first).</summary>
internal sealed record TicketFilter(string? OwnerId, TicketStatus? Status, string? BeforeId, int Limit)
{
    public TicketPriority? Priority { get; init; }

    public int? Tier { get; init; }

    public string? Assignee { get; init; }

    /// <summary>Gets whether to list only tickets nobody holds that are neither resolved nor closed.</summary>
    public bool Unassigned { get; init; }

    /// <summary>Gets a tag the tickets must carry.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets text to find in the subject, any message, the customer's name or the transaction, or an exact user or ticket id.</summary>
    public string? Query { get; init; }

    /// <summary>Gets whether to list oldest first, after <see cref="AfterId"/>: the order automatic assignment works in.</summary>
    public bool OldestFirst { get; init; }

    /// <summary>Gets the id after which an oldest-first list continues.</summary>
    public string? AfterId { get; init; }

    /// <summary>Gets whether to list only tickets with a running SLA target, soonest due first (then by id), after
    /// the cursor <see cref="AfterDue"/>; <see cref="TicketFilter.BeforeId"/> is not used then.</summary>
    public bool ByDue { get; init; }

    /// <summary>Gets the due-order cursor: the last listed ticket's due time and id.</summary>
    public (DateTimeOffset DueAt, string Id)? AfterDue { get; init; }
}

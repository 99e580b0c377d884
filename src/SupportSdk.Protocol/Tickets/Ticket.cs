namespace SupportSdk;

/// <summary>A support ticket.</summary>
public sealed class Ticket
{
    /// <summary>Gets the ticket id.</summary>
    /// <value>An opaque id starting with <c>tkt_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the subject.</summary>
    /// <value>The subject.</value>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Gets the life-cycle state.</summary>
    /// <value>The status.</value>
    public TicketStatus Status { get; init; }

    /// <summary>Gets the priority.</summary>
    /// <value>The priority.</value>
    public TicketPriority Priority { get; init; }

    /// <summary>Gets the category.</summary>
    /// <value>The category.</value>
    public TicketCategory Category { get; init; }

    /// <summary>Gets the customer's locale.</summary>
    /// <value>The locale, e.g. <c>en-us</c>.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the transaction the ticket is about.</summary>
    /// <value>The transaction, or <see langword="null"/>.</value>
    public TransactionInfo? Transaction { get; init; }

    /// <summary>Gets the support tier handling it (1 = first line).</summary>
    /// <value>1, 2 or 3.</value>
    public int Tier { get; init; }

    /// <summary>Gets the agent the ticket is assigned to.</summary>
    /// <value>The agent name, or <see langword="null"/> while unassigned.</value>
    public string? Assignee { get; init; }

    /// <summary>Gets the team's tags on the ticket (agents' and the exchange's views only; customers never see them).</summary>
    /// <value>Lower-case tags, or <see langword="null"/> in a customer's view.</value>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Gets the customer who opened it.</summary>
    /// <value>The customer.</value>
    public TicketCustomer Customer { get; init; } = new();

    /// <summary>Gets the customer's satisfaction rating.</summary>
    /// <value>The rating, or <see langword="null"/> while unrated.</value>
    public TicketRating? Rating { get; init; }

    /// <summary>Gets the number of messages on the ticket.</summary>
    /// <value>The count, at least 1.</value>
    public int MessageCount { get; init; }

    /// <summary>Gets when it was opened.</summary>
    /// <value>UTC time.</value>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when it last changed.</summary>
    /// <value>UTC time.</value>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets the service-level clock: which response target runs, when it is due, and whether one was missed.</summary>
    /// <value>The clock, or <see langword="null"/> on a ticket stored before SLAs existed.</value>
    public TicketSla? Sla { get; init; }

    /// <summary>Gets the version used for the <c>ETag</c>/<c>If-Match</c> concurrency check.</summary>
    /// <value>A number that grows on every change.</value>
    public long Version { get; init; }
}

/// <summary>The customer a ticket belongs to.</summary>
public sealed class TicketCustomer
{
    /// <summary>Gets the exchange's user id.</summary>
    /// <value>The user id.</value>
    public string UserId { get; init; } = string.Empty;

    /// <summary>Gets the display name.</summary>
    /// <value>The display name.</value>
    public string DisplayName { get; init; } = string.Empty;
}

/// <summary>A customer satisfaction (CSAT) rating.</summary>
public sealed class TicketRating
{
    /// <summary>Gets the score from 1 (very unhappy) to 5 (very happy).</summary>
    /// <value>1–5.</value>
    public int Score { get; init; }

    /// <summary>Gets the optional comment (at most 2,000 characters).</summary>
    /// <value>The comment, or <see langword="null"/>.</value>
    public string? Comment { get; init; }
}

/// <summary>
/// A ticket's service-level clock. Targets are counted in support hours (nights, days off and holidays do not count):
/// a first reply after the ticket opens, a next reply after each customer message that waits for one, and a
/// resolution, whose clock pauses while the ticket waits on the customer.
/// </summary>
public sealed class TicketSla
{
    /// <summary>Gets the policy the targets come from.</summary>
    /// <value>The policy name, e.g. <c>standard</c>.</value>
    public string Policy { get; init; } = string.Empty;

    /// <summary>Gets the target that is due next: <c>first_reply</c>, <c>next_reply</c> or <c>resolution</c>.</summary>
    /// <value>The target, or <see langword="null"/> when none runs (resolved, closed, or waiting on the customer).</value>
    public string? Target { get; init; }

    /// <summary>Gets when <see cref="Target"/> is due.</summary>
    /// <value>UTC time, or <see langword="null"/> when no target runs.</value>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets whether a target was missed: a reply or resolution came late, or a due time passed without it.</summary>
    /// <value><see langword="true"/> once any target was missed; it stays so.</value>
    public bool Breached { get; init; }

    /// <summary>Gets when support first replied.</summary>
    /// <value>UTC time, or <see langword="null"/> before the first reply.</value>
    public DateTimeOffset? FirstReplyAt { get; init; }

    /// <summary>Gets since when the customer waits for a next reply.</summary>
    /// <value>UTC time of the first unanswered customer message after a reply, or <see langword="null"/>.</value>
    public DateTimeOffset? WaitingSince { get; init; }

    /// <summary>Gets since when the ticket waits on the customer (the resolution clock is paused).</summary>
    /// <value>UTC time, or <see langword="null"/> while not paused.</value>
    public DateTimeOffset? PausedSince { get; init; }

    /// <summary>Gets how much support time the resolution clock was paused before <see cref="PausedSince"/>.</summary>
    /// <value>Seconds.</value>
    public long PausedSeconds { get; init; }

    /// <summary>Gets whether the warning that <see cref="Target"/> is due soon was sent (<c>ticket.sla_warning</c>).</summary>
    /// <value><see langword="true"/> once sent for the current target and due time.</value>
    public bool Warned { get; init; }

    /// <summary>Gets when the ticket was resolved (or closed unresolved), for resolution times.</summary>
    /// <value>UTC time, or <see langword="null"/> while it is open.</value>
    public DateTimeOffset? ResolvedAt { get; init; }
}

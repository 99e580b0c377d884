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

namespace SupportSdk;

/// <summary>Adds a reply to a ticket.</summary>
public sealed class ReplyRequest
{
    /// <summary>Gets the text (1–20,000 characters).</summary>
    /// <value>The body.</value>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets ids of the caller's uploaded attachments to attach.</summary>
    /// <value>The attachment ids, or <see langword="null"/>.</value>
    public IReadOnlyList<string>? AttachmentIds { get; init; }

    /// <summary>Gets the number of the last message the author saw. When the ticket has newer messages the reply is
    /// refused with 409 <c>stale_view</c> and those messages, so two agents never answer the same question twice.</summary>
    /// <value>The sequence number, or <see langword="null"/> to reply whatever came since.</value>
    public long? SeenSeq { get; init; }
}

/// <summary>Changes what a customer may change on a ticket. Send with <c>If-Match</c>.</summary>
public sealed class UpdateTicketRequest
{
    /// <summary>Gets the new status: a customer may mark a ticket <c>resolved</c>, <c>closed</c>, or reopen it (<c>open</c>).</summary>
    /// <value>The status, or <see langword="null"/> to leave it.</value>
    public TicketStatus? Status { get; init; }

    /// <summary>Gets the new priority.</summary>
    /// <value>The priority, or <see langword="null"/> to leave it.</value>
    public TicketPriority? Priority { get; init; }
}

/// <summary>Changes a ticket as an agent. <c>If-Match</c> is optional for agents but checked when sent.</summary>
public sealed class AgentUpdateTicketRequest
{
    /// <summary>Gets the new status.</summary>
    /// <value>The status, or <see langword="null"/> to leave it.</value>
    public TicketStatus? Status { get; init; }

    /// <summary>Gets the new priority.</summary>
    /// <value>The priority, or <see langword="null"/> to leave it.</value>
    public TicketPriority? Priority { get; init; }

    /// <summary>Gets the agent to assign; an empty string unassigns.</summary>
    /// <value>The assignee, or <see langword="null"/> to leave it.</value>
    public string? Assignee { get; init; }

    /// <summary>Gets the support tier (1–3).</summary>
    /// <value>The tier, or <see langword="null"/> to leave it.</value>
    public int? Tier { get; init; }

    /// <summary>Gets the ticket's tags, replacing the ones it has (at most 10; 1–32 lower-case letters, digits, '-' or
    /// '_', starting with a letter or digit).</summary>
    /// <value>The tags (empty to remove all), or <see langword="null"/> to leave them.</value>
    public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>Merges a duplicate ticket into another of the same customer (agent key): the duplicate is closed with a
/// note saying where the conversation continues, and the other gets a note naming the duplicate.</summary>
public sealed class MergeTicketRequest
{
    /// <summary>Gets the ticket the conversation continues on.</summary>
    /// <value>A ticket id of the same customer, open for replies.</value>
    public string Into { get; init; } = string.Empty;
}

/// <summary>Asks for a ticket to go to a higher support tier.</summary>
public sealed class EscalateRequest
{
    /// <summary>Gets why (at most 2,000 characters); added to the ticket as a system note.</summary>
    /// <value>The reason, or <see langword="null"/>.</value>
    public string? Reason { get; init; }
}

/// <summary>Rates a resolved or closed ticket, once.</summary>
public sealed class RateTicketRequest
{
    /// <summary>Gets the score from 1 to 5.</summary>
    /// <value>1–5.</value>
    public int Score { get; init; }

    /// <summary>Gets an optional comment (at most 2,000 characters).</summary>
    /// <value>The comment, or <see langword="null"/>.</value>
    public string? Comment { get; init; }
}

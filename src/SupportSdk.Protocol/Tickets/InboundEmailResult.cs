namespace SupportSdk;

/// <summary>What happened to a mail taken in (<see cref="InboundEmailResult.Outcome"/>).</summary>
public static class InboundEmailOutcomes
{
    /// <summary>A new ticket was opened.</summary>
    public const string TicketCreated = "ticket_created";

    /// <summary>The mail answered a ticket and was added to it.</summary>
    public const string MessageAdded = "message_added";

    /// <summary>An automatic mail (auto-reply, list, bounce) or support's own mail coming back: not answered, not stored.</summary>
    public const string Dropped = "dropped";

    /// <summary>The mail held a secret (a seed phrase, a key): nothing of it was stored.</summary>
    public const string Blocked = "blocked";
}

/// <summary>The answer to <c>POST /v1/email/inbound</c>.</summary>
public sealed class InboundEmailResult
{
    /// <summary>Gets what happened: one of <see cref="InboundEmailOutcomes"/>.</summary>
    /// <value>The outcome.</value>
    public string Outcome { get; init; } = string.Empty;

    /// <summary>Gets the ticket opened or answered.</summary>
    /// <value>The ticket id, or <see langword="null"/>.</value>
    public string? TicketId { get; init; }

    /// <summary>Gets why a mail was dropped or blocked (<c>auto_submitted</c>, <c>precedence</c>, <c>auto_reply</c>,
    /// <c>loop</c>, <c>sensitive_data_blocked</c>).</summary>
    /// <value>The reason, or <see langword="null"/>.</value>
    public string? Reason { get; init; }
}

/// <summary>Whether support's replies to a ticket also go to the customer by mail (<c>PUT /v1/tickets/{id}/email</c>).</summary>
public sealed class TicketEmailSettings
{
    /// <summary>Gets whether replies go by mail too (on for tickets opened by mail, off otherwise until the customer asks).</summary>
    /// <value><see langword="true"/> to receive mail.</value>
    public bool Enabled { get; init; }
}

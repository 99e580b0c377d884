namespace SupportSdk;

/// <summary>Opens a support ticket.</summary>
public sealed class CreateTicketRequest
{
    /// <summary>Gets the one-line summary (1–200 characters).</summary>
    /// <value>The subject.</value>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Gets the description of the problem (1–20,000 characters).</summary>
    /// <value>The body.</value>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets what the ticket is about.</summary>
    /// <value>One of <see cref="TicketCategory.KnownValues"/>.</value>
    public TicketCategory Category { get; init; }

    /// <summary>Gets how urgent it is.</summary>
    /// <value>The priority, or <see langword="null"/> for <see cref="TicketPriority.Normal"/>.</value>
    public TicketPriority? Priority { get; init; }

    /// <summary>Gets the language the customer writes in.</summary>
    /// <value>The locale, or <see langword="null"/> for the token's locale.</value>
    public string? Locale { get; init; }

    /// <summary>Gets the transaction a deposit or withdrawal problem is about.</summary>
    /// <value>The transaction, or <see langword="null"/>.</value>
    public TransactionInfo? Transaction { get; init; }

    /// <summary>Gets ids of attachments uploaded by the caller to attach to the first message.</summary>
    /// <value>The attachment ids, or <see langword="null"/>.</value>
    public IReadOnlyList<string>? AttachmentIds { get; init; }
}

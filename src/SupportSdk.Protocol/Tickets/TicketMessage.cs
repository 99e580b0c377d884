namespace SupportSdk;

/// <summary>One message on a ticket.</summary>
public sealed class TicketMessage
{
    /// <summary>Gets the message id.</summary>
    /// <value>An opaque id starting with <c>msg_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the position of the message on its ticket (1, 2, 3 …).</summary>
    /// <value>The sequence number.</value>
    public long Seq { get; init; }

    /// <summary>Gets who wrote it.</summary>
    /// <value>The author.</value>
    public Author From { get; init; } = new();

    /// <summary>Gets the text.</summary>
    /// <value>The body.</value>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets the attachments on this message.</summary>
    /// <value>The attachments; empty when none.</value>
    public IReadOnlyList<AttachmentInfo> Attachments { get; init; } = [];

    /// <summary>
    /// Gets warnings about this message for the reader: <see cref="MessageFlags.AsksForSecret"/> when support asks for a
    /// seed phrase, key, password, 2FA code or remote access, <see cref="MessageFlags.UnofficialLink"/> when it links
    /// outside the exchange's official domains. Support never legitimately does either.
    /// </summary>
    /// <value>The flags; empty when none.</value>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Gets when it was sent.</summary>
    /// <value>UTC time.</value>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the reader's anti-phishing code, on support's messages (agent, bot, system) in the customer's own
    /// view: the sign that support wrote it. Never on the customer's own messages, never stored.</summary>
    /// <value>The code, or <see langword="null"/>.</value>
    public string? AntiPhishingCode { get; init; }
}

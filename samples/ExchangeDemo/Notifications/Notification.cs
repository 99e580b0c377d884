namespace ExchangeDemo.Notifications;

/// <summary>What a notification tells the user.</summary>
public enum NotificationKind
{
    /// <summary>An agent wrote on the user's ticket.</summary>
    AgentReplied,

    /// <summary>Support resolved the user's ticket.</summary>
    TicketResolved,

    /// <summary>An agent joined the user's chat.</summary>
    AgentJoinedChat,

    /// <summary>The support server refused a message of the user's that held a secret (a seed phrase, a key, …).</summary>
    SecretBlocked,
}

/// <summary>
/// One notification for one user, made from one webhook event: what happened and where. It holds a ticket's subject
/// at most, never a message's text, and for a blocked secret only its kinds (e.g. <c>mnemonic</c>), never the secret.
/// </summary>
/// <param name="Id">The event id (<c>evt_…</c>): the same on every retry, so a notification is kept once.</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened.</param>
/// <param name="Href">The page it links to, a path on this site.</param>
/// <param name="TicketId">The ticket it is about, if any.</param>
/// <param name="ChatId">The chat it is about, if any.</param>
/// <param name="Subject">The ticket's subject, if it is about a ticket.</param>
/// <param name="SecretKinds">For <see cref="NotificationKind.SecretBlocked"/>: the kinds of secret found.</param>
/// <param name="Read">Whether the user opened it.</param>
public sealed record Notification(string Id, NotificationKind Kind, DateTimeOffset At, string Href, string? TicketId, string? ChatId, string? Subject,
    IReadOnlyList<string> SecretKinds, bool Read = false);

namespace SupportSdk;

/// <summary>The event types a webhook endpoint can subscribe to (<see cref="WebhookEvent.Type"/>).</summary>
public static class WebhookEventTypes
{
    /// <summary>A customer opened a ticket. Data: the <see cref="Ticket"/>.</summary>
    public const string TicketCreated = "ticket.created";

    /// <summary>A customer or an agent wrote on a ticket. Data: <see cref="TicketMessageEventData"/>.</summary>
    public const string TicketMessageAdded = "ticket.message_added";

    /// <summary>A ticket's status changed. Data: the <see cref="Ticket"/>.</summary>
    public const string TicketStatusChanged = "ticket.status_changed";

    /// <summary>A ticket was escalated to a higher tier. Data: the <see cref="Ticket"/>.</summary>
    public const string TicketEscalated = "ticket.escalated";

    /// <summary>A customer rated a ticket. Data: the <see cref="Ticket"/>.</summary>
    public const string TicketRated = "ticket.rated";

    /// <summary>A ticket was assigned to an agent. Data: the <see cref="Ticket"/>.</summary>
    public const string TicketAssigned = "ticket.assigned";

    /// <summary>The server refused or redacted a secret (seed phrase, private key, …). Data:
    /// <see cref="SecretBlockedEventData"/> — the kinds and where, never the content.</summary>
    public const string SecretBlocked = "secret.blocked";

    /// <summary>Sent by <c>POST /v1/webhooks/{id}/ping</c> to test an endpoint. Data: <c>{"webhookId": …}</c>.</summary>
    public const string Ping = "webhook.ping";

    /// <summary>Gets every type an endpoint may subscribe to, in documented order.</summary>
    /// <value>The types.</value>
    public static IReadOnlyList<string> All { get; } =
    [
        TicketCreated, TicketMessageAdded, TicketStatusChanged, TicketEscalated, TicketRated, TicketAssigned, SecretBlocked,
    ];
}

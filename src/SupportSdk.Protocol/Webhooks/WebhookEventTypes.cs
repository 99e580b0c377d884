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

    /// <summary>A ticket's service-level target is due within <c>Support:Sla:WarnBefore</c> and unmet: time to act.
    /// Data: the <see cref="Ticket"/>.</summary>
    public const string TicketSlaWarning = "ticket.sla_warning";

    /// <summary>A ticket's service-level target passed unmet (<see cref="Ticket.Sla"/>). Data: the <see cref="Ticket"/>.</summary>
    public const string TicketSlaBreached = "ticket.sla_breached";

    /// <summary>A customer started a chat. Data: the <see cref="ChatThread"/>.</summary>
    public const string ChatStarted = "chat.started";

    /// <summary>A chat joined the queue for a person (handed off by the bot, or transferred). Data: the <see cref="ChatThread"/>.</summary>
    public const string ChatQueued = "chat.queued";

    /// <summary>An agent accepted a chat. Data: the <see cref="ChatThread"/>.</summary>
    public const string ChatAgentJoined = "chat.agent_joined";

    /// <summary>An agent transferred a chat to a higher tier. Data: the <see cref="ChatThread"/>.</summary>
    public const string ChatTransferred = "chat.transferred";

    /// <summary>A chat was closed. Data: the <see cref="ChatThread"/>.</summary>
    public const string ChatClosed = "chat.closed";

    /// <summary>A customer turned a chat into a ticket. Data: the <see cref="ChatThread"/> (with its <c>ticketId</c>).</summary>
    public const string ChatConvertedToTicket = "chat.converted_to_ticket";

    /// <summary>A user reported an impersonator. Data: the <see cref="ChannelReport"/>.</summary>
    public const string ChannelReportCreated = "channel_report.created";

    /// <summary>A message from support was flagged as asking for a secret or linking off the official channels.
    /// Data: <see cref="FlaggedMessageEventData"/>.</summary>
    public const string AgentMessageFlagged = "agent_message.flagged";

    /// <summary>The server refused or redacted a secret (seed phrase, private key, …). Data:
    /// <see cref="SecretBlockedEventData"/> — the kinds and where, never the content.</summary>
    public const string SecretBlocked = "secret.blocked";

    /// <summary>A customer asked support to lock their account (<c>POST /v1/account/lock</c>): lock it now if the
    /// in-process hook did not. Data: <see cref="AccountLockRequestedEventData"/>.</summary>
    public const string AccountLockRequested = "account.lock_requested";

    /// <summary>A mail claimed the exchange's own mail domain without passing authentication (a likely phishing
    /// attempt in the exchange's name); its ticket is tagged <c>spoofed-sender</c>. Data: <see cref="EmailSpoofedEventData"/>.</summary>
    public const string EmailSpoofed = "email.spoofed";

    /// <summary>Sent by <c>POST /v1/webhooks/{id}/ping</c> to test an endpoint. Data: <c>{"webhookId": …}</c>.</summary>
    public const string Ping = "webhook.ping";

    /// <summary>Gets every type an endpoint may subscribe to, in documented order.</summary>
    /// <value>The types.</value>
    public static IReadOnlyList<string> All { get; } =
    [
        TicketCreated, TicketMessageAdded, TicketStatusChanged, TicketEscalated, TicketRated, TicketAssigned, TicketSlaWarning, TicketSlaBreached,
        ChatStarted, ChatQueued, ChatAgentJoined, ChatTransferred, ChatClosed, ChatConvertedToTicket,
        ChannelReportCreated, SecretBlocked, AgentMessageFlagged, AccountLockRequested, EmailSpoofed,
    ];
}

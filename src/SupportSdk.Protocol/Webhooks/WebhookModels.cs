using System.Text.Json;

namespace SupportSdk;

/// <summary>
/// One event as a webhook endpoint receives it (the request body). <see cref="Id"/> is also the
/// <c>webhook-id</c> header and stays the same on every retry and redelivery: receivers dedupe on it.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Gets the event id, stable across retries.</summary>
    /// <value>An opaque id starting with <c>evt_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the type, one of <see cref="WebhookEventTypes"/>.</summary>
    /// <value>The type.</value>
    public string Type { get; init; } = string.Empty;

    /// <summary>Gets when the change happened.</summary>
    /// <value>The time, UTC.</value>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets the ticket the event is about, if any.</summary>
    /// <value>The ticket id, or <see langword="null"/>.</value>
    public string? TicketId { get; init; }

    /// <summary>Gets the chat the event is about, if any.</summary>
    /// <value>The chat id, or <see langword="null"/>.</value>
    public string? ChatId { get; init; }

    /// <summary>Gets the event's place among the events of its ticket or chat (1, 2, 3 …): receivers order by it and
    /// can tell a gap.</summary>
    /// <value>The sequence; 0 for events about neither.</value>
    public long Sequence { get; init; }

    /// <summary>Gets a snapshot of the resource; its shape depends on <see cref="Type"/>.</summary>
    /// <value>The data; an empty object when none was sent.</value>
    public JsonElement Data { get; init; } = EmptyObject;

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}

/// <summary>The data of <see cref="WebhookEventTypes.TicketMessageAdded"/>: the ticket and the new message.</summary>
public sealed class TicketMessageEventData
{
    /// <summary>Gets the ticket after the message.</summary>
    /// <value>The ticket.</value>
    public Ticket Ticket { get; init; } = new();

    /// <summary>Gets the message (its text as stored: screened, never a secret).</summary>
    /// <value>The message.</value>
    public TicketMessage Message { get; init; } = new();
}

/// <summary>The data of <see cref="WebhookEventTypes.SecretBlocked"/>: what kinds of secret and where, never the content.</summary>
public sealed class SecretBlockedEventData
{
    /// <summary>Gets the kinds found, e.g. <c>mnemonic</c>, <c>private_key</c>.</summary>
    /// <value>The kinds.</value>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Gets what was being sent: <c>ticket</c>, <c>ticket_message</c>, <c>chat_message</c>.</summary>
    /// <value>The place.</value>
    public string Where { get; init; } = string.Empty;

    /// <summary>Gets the user who sent it.</summary>
    /// <value>The exchange's user id.</value>
    public string UserId { get; init; } = string.Empty;
}

/// <summary>The data of <see cref="WebhookEventTypes.AgentMessageFlagged"/>: which message, by whom, and why (never its text).</summary>
public sealed class FlaggedMessageEventData
{
    /// <summary>Gets the message id (a ticket message <c>msg_…</c> or a chat message <c>cmsg_…</c>).</summary>
    /// <value>The id.</value>
    public string MessageId { get; init; } = string.Empty;

    /// <summary>Gets the agent's display name.</summary>
    /// <value>The name.</value>
    public string Agent { get; init; } = string.Empty;

    /// <summary>Gets the flags, e.g. <see cref="MessageFlags.AsksForSecret"/>.</summary>
    /// <value>The flags.</value>
    public IReadOnlyList<string> Flags { get; init; } = [];
}

/// <summary>A webhook endpoint registered by the exchange's backend.</summary>
public sealed class WebhookEndpoint
{
    /// <summary>Gets the endpoint id.</summary>
    /// <value>An opaque id starting with <c>wh_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the URL events are POSTed to.</summary>
    /// <value>An absolute https URL (http only where the server allows private targets).</value>
    public string Url { get; init; } = string.Empty;

    /// <summary>Gets the event types delivered; empty means all of <see cref="WebhookEventTypes.All"/>.</summary>
    /// <value>The types.</value>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Gets the exchange's description (at most 500 characters).</summary>
    /// <value>The description, or <see langword="null"/>.</value>
    public string? Description { get; init; }

    /// <summary>Gets whether events are delivered.</summary>
    /// <value><see langword="true"/> when enabled.</value>
    public bool Enabled { get; init; }

    /// <summary>Gets why the server disabled the endpoint (e.g. it answered 410, or failed for days).</summary>
    /// <value>The reason, or <see langword="null"/>.</value>
    public string? DisabledReason { get; init; }

    /// <summary>Gets the signing secret (<c>whsec_…</c>): only in the answer that created it (create, rotate-secret);
    /// the server never shows it again.</summary>
    /// <value>The secret, or <see langword="null"/>.</value>
    public string? Secret { get; init; }

    /// <summary>Gets when the endpoint was created.</summary>
    /// <value>The time, UTC.</value>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Registers a webhook endpoint.</summary>
public sealed class CreateWebhookRequest
{
    /// <summary>Gets the URL to POST events to.</summary>
    /// <value>An absolute https URL.</value>
    public string Url { get; init; } = string.Empty;

    /// <summary>Gets the event types to deliver; empty for all.</summary>
    /// <value>The types.</value>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>Gets a description (at most 500 characters).</summary>
    /// <value>The description.</value>
    public string? Description { get; init; }

    /// <summary>Gets whether to deliver at once (default true).</summary>
    /// <value>Enabled.</value>
    public bool? Enabled { get; init; }
}

/// <summary>Changes a webhook endpoint; what is null stays as it is.</summary>
public sealed class UpdateWebhookRequest
{
    /// <summary>Gets the new URL.</summary>
    /// <value>The URL, or <see langword="null"/>.</value>
    public string? Url { get; init; }

    /// <summary>Gets the new event types (empty for all).</summary>
    /// <value>The types, or <see langword="null"/>.</value>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>Gets the new description.</summary>
    /// <value>The description, or <see langword="null"/>.</value>
    public string? Description { get; init; }

    /// <summary>Gets whether to deliver; enabling clears <see cref="WebhookEndpoint.DisabledReason"/>.</summary>
    /// <value>Enabled, or <see langword="null"/>.</value>
    public bool? Enabled { get; init; }
}

/// <summary>One event's delivery to one endpoint: every attempt until it succeeded or the schedule ran out.</summary>
public sealed class WebhookDelivery
{
    /// <summary>Gets the delivery id.</summary>
    /// <value>An opaque id starting with <c>whd_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the event delivered (the <c>webhook-id</c>).</summary>
    /// <value>The event id.</value>
    public string EventId { get; init; } = string.Empty;

    /// <summary>Gets the event's type.</summary>
    /// <value>The type.</value>
    public string EventType { get; init; } = string.Empty;

    /// <summary>Gets <c>pending</c> (an attempt is due), <c>delivered</c> (answered 2xx) or <c>failed</c> (gave up).</summary>
    /// <value>The status.</value>
    public string Status { get; init; } = string.Empty;

    /// <summary>Gets how many attempts were made.</summary>
    /// <value>The count.</value>
    public int Attempts { get; init; }

    /// <summary>Gets the last attempt's HTTP status, if it got one.</summary>
    /// <value>The status code, or <see langword="null"/> (timeout, refused connection).</value>
    public int? LastStatusCode { get; init; }

    /// <summary>Gets the first KB of the last answer's body, or what went wrong.</summary>
    /// <value>The text, or <see langword="null"/>.</value>
    public string? LastResponse { get; init; }

    /// <summary>Gets how long the last attempt took.</summary>
    /// <value>Milliseconds, or <see langword="null"/> before the first attempt.</value>
    public int? LastDurationMs { get; init; }

    /// <summary>Gets when the delivery was created (the event committed).</summary>
    /// <value>The time, UTC.</value>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the next attempt is due, while pending.</summary>
    /// <value>The time, or <see langword="null"/>.</value>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Gets when it was delivered.</summary>
    /// <value>The time, or <see langword="null"/>.</value>
    public DateTimeOffset? DeliveredAt { get; init; }
}

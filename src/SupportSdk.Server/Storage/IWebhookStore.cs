namespace SupportSdk.Server.Storage;

/// <summary>
/// Webhook endpoints, the outbox of events and their deliveries. Events are written in the same transaction as the
/// change they describe (<see cref="ITicketStore"/> takes them with the ticket write), each with one delivery per
/// enabled endpoint subscribed to its type; workers claim due deliveries so that two nodes never send one at once.
/// </summary>
internal interface IWebhookStore
{
    /// <summary>Adds an endpoint unless <paramref name="maxEndpoints"/> exist already, and completes the claimed
    /// Idempotency-Key <paramref name="idempotency"/> with its response in the same transaction.</summary>
    /// <returns><see langword="false"/> at the limit.</returns>
    Task<bool> AddWebhookAsync(StoredWebhook webhook, int maxEndpoints, IdempotentCompletion? idempotency, CancellationToken cancellationToken);

    Task<StoredWebhook?> GetWebhookAsync(string id, CancellationToken cancellationToken);

    /// <summary>Endpoints by id, after a cursor id.</summary>
    Task<IReadOnlyList<StoredWebhook>> ListWebhooksAsync(string? afterId, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces an endpoint's settings and secrets, and completes the claimed Idempotency-Key
    /// <paramref name="idempotency"/> with its response in the same transaction.</summary>
    /// <returns><see langword="false"/> when it does not exist.</returns>
    Task<bool> UpdateWebhookAsync(StoredWebhook webhook, IdempotentCompletion? idempotency, CancellationToken cancellationToken);

    /// <summary>Deletes an endpoint and its deliveries.</summary>
    /// <returns><see langword="false"/> when it did not exist.</returns>
    Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken);

    /// <summary>Writes events that go with no other change (a blocked secret, which stores nothing else), with their deliveries.</summary>
    Task AppendWebhookEventsAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken);

    /// <summary>Writes one event for one endpoint only (a ping), returning its delivery.</summary>
    Task<StoredDelivery?> AddPingAsync(string webhookId, OutboxEvent ping, CancellationToken cancellationToken);

    /// <summary>Claims up to <paramref name="limit"/> deliveries due at <paramref name="now"/> that nobody holds, and
    /// holds them until <paramref name="holdUntil"/> (a worker that dies lets them go then); none for the endpoints in
    /// <paramref name="skipWebhooks"/> (those the worker is busy with).</summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset holdUntil, int limit, IReadOnlyCollection<string> skipWebhooks,
        CancellationToken cancellationToken);

    /// <summary>Records an attempt's outcome; also moves the endpoint's failing-since mark and may disable it.</summary>
    Task RecordAttemptAsync(AttemptOutcome outcome, CancellationToken cancellationToken);

    /// <summary>An endpoint's deliveries, newest first, below a cursor id.</summary>
    Task<IReadOnlyList<StoredDelivery>> ListDeliveriesAsync(string webhookId, string? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes finished deliveries created before <paramref name="before"/>, those of endpoints gone, and the events left without one.</summary>
    /// <returns>How many deliveries were deleted.</returns>
    Task<int> PurgeWebhookHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Makes a delivery due now again, whatever its status.</summary>
    /// <returns>The delivery, or null when the endpoint has no such delivery.</returns>
    Task<StoredDelivery?> RedeliverAsync(string webhookId, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>An endpoint as stored: its secret (to sign; never shown again) and the previous one during a rotation.</summary>
internal sealed record StoredWebhook(string Id, string Url, IReadOnlyList<string> Events, string? Description, bool Enabled, string? DisabledReason,
    string Secret, string? PreviousSecret, DateTimeOffset? PreviousSecretUntil, DateTimeOffset CreatedAt, DateTimeOffset? FailingSince);

/// <summary>An event for the outbox: its id, type, subject and the JSON of its data. The store numbers it per subject.</summary>
internal sealed record OutboxEvent(string Id, string Type, DateTimeOffset OccurredAt, string? TicketId, string? ChatId, string DataJson);

/// <summary>A stored event with its sequence.</summary>
internal sealed record StoredEvent(string Id, string Type, DateTimeOffset OccurredAt, string? TicketId, string? ChatId, long Sequence, string DataJson);

/// <summary>A delivery as stored.</summary>
internal sealed record StoredDelivery(string Id, string WebhookId, string EventId, string EventType, string Status, int Attempts, int? LastStatusCode,
    string? LastResponse, int? LastDurationMs, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>A claimed delivery with what sending it needs.</summary>
internal sealed record ClaimedDelivery(StoredDelivery Delivery, StoredEvent Event, StoredWebhook Webhook);

/// <summary>An attempt's outcome: <see cref="NextAttemptAt"/> null and not delivered means the delivery failed for good;
/// <see cref="DisableReason"/> disables the endpoint.</summary>
internal sealed record AttemptOutcome(string DeliveryId, string WebhookId, DateTimeOffset At, bool Delivered, int? StatusCode, string? Response, int DurationMs,
    DateTimeOffset? NextAttemptAt, string? DisableReason);

/// <summary>Delivery statuses on the wire.</summary>
internal static class DeliveryStatuses
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}

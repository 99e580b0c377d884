namespace SupportSdk.AspNetCore;

/// <summary>What <see cref="IWebhookDeduplicationStore.TryClaimAsync"/> found for an event id.</summary>
public enum WebhookEventClaim
{
    /// <summary>The id is new (or its earlier handling failed): this request handles it.</summary>
    Claimed,

    /// <summary>The event was handled already: the request is a retry or a replay, answered 2xx without handling it again.</summary>
    AlreadyHandled,

    /// <summary>Another request is handling the event right now: this one is answered 409 and the sender retries later.</summary>
    InProgress,
}

/// <summary>
/// Remembers which webhook events were handled, so a retried or replayed event (same <see cref="WebhookEvent.Id"/>) is
/// handled once. The receiver claims an id before calling the handler, marks it handled after the handler succeeded,
/// and releases it when the handler failed, so the sender's retry handles it then. The default store is in memory and
/// bounded (<see cref="SupportWebhookOptions.DeduplicationCapacity"/>); register your own (e.g. on your database,
/// shared by every node of the receiver) with <c>services.AddSingleton&lt;IWebhookDeduplicationStore, …&gt;()</c>.
/// A store that outlives a process should give claims a lease, so that a claim held by a process that died is
/// claimable again after it expires. For exactly-once effects, record the id in the same transaction as the effect.
/// </summary>
public interface IWebhookDeduplicationStore
{
    /// <summary>Claims an event id for handling, unless it was handled or is being handled.</summary>
    /// <param name="eventId">The event id (the verified <c>webhook-id</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether this request handles the event.</returns>
    Task<WebhookEventClaim> TryClaimAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Records that the claimed event was handled: later requests with its id are <see cref="WebhookEventClaim.AlreadyHandled"/>.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task MarkHandledAsync(string eventId, CancellationToken cancellationToken);

    /// <summary>Gives up a claim after the handler failed: the next request with the id may claim it.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    Task ReleaseAsync(string eventId, CancellationToken cancellationToken);
}

namespace SupportSdk.AspNetCore;

/// <summary>
/// Handles verified Support API events, for <c>MapSupportWebhooks&lt;THandler&gt;</c>: resolved from the request's
/// services for every event (register it scoped to use a scoped service such as a database context). Return when the
/// event is handled; throw to have the sender retry it.
/// </summary>
public interface ISupportWebhookHandler
{
    /// <summary>Handles one event. Called once per event id, unless it failed before.</summary>
    /// <param name="webhookEvent">The verified event; read its data with <c>TryGetTicket</c>, <c>TryGetMessage</c>, <c>TryGetSecretBlocked</c>.</param>
    /// <param name="cancellationToken">Cancelled when the sender gives up on the request.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task HandleAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken);
}

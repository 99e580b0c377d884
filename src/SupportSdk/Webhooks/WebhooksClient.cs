using SupportSdk.Core;

namespace SupportSdk;

/// <summary>
/// The exchange's webhook endpoints (API-key credential): register, change and remove them, rotate their signing
/// secrets, and look at or repeat their deliveries. Every POST carries an idempotency key, so a retried create never
/// registers a second endpoint and a retried rotation never makes a second secret. To receive the events, see
/// <see cref="SupportWebhooks"/>.
/// </summary>
public class WebhooksClient
{
    private readonly SupportPipeline? _pipeline;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected WebhooksClient()
    {
    }

    internal WebhooksClient(SupportPipeline pipeline) => _pipeline = pipeline;

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Registers an endpoint. The answer holds its signing secret (<see cref="WebhookEndpoint.Secret"/>), which the
    /// server never shows again: store it where the receiver reads its secrets.</summary>
    /// <param name="request">The URL, the event types and a description.</param>
    /// <param name="idempotencyKey">Your own key for this logical create; by default one is made per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new endpoint, with its secret.</returns>
    /// <exception cref="SupportApiException">400 <c>webhook_url_invalid</c>, <c>webhook_event_unknown</c> or
    /// <c>webhook_description_too_long</c>; 409 <c>webhook_limit_reached</c>; 403 unless the credential is an API key.</exception>
    public virtual Task<WebhookEndpoint> CreateWebhookAsync(CreateWebhookRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Pipeline.SendAsync("Webhooks.Create", HttpMethod.Post, "v1/webhooks", SupportPipeline.Json(request, SupportJsonContext.Default.CreateWebhookRequest),
            SupportJsonContext.Default.WebhookEndpoint, TicketsClient.WithIdempotencyKey(idempotencyKey), cancellationToken);
    }

    /// <summary>Lists the endpoints (without secrets), fetching pages as they are enumerated.</summary>
    /// <param name="pageSize">Endpoints per page (1–100).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The endpoints.</returns>
    public virtual AsyncPageable<WebhookEndpoint> GetWebhooksAsync(int pageSize = 20, CancellationToken cancellationToken = default) =>
        new((cursor, ct) => Pipeline.SendAsync("Webhooks.List", HttpMethod.Get,
            Query.Path("v1/webhooks").Add("limit", pageSize).Add("cursor", cursor).ToString(), null,
            SupportJsonContext.Default.PageWebhookEndpoint, null, ct), cancellationToken);

    /// <summary>Gets one endpoint (without its secret).</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="SupportApiException">404 <c>webhook_not_found</c>.</exception>
    public virtual Task<WebhookEndpoint> GetWebhookAsync(string webhookId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        return Pipeline.SendAsync("Webhooks.Get", HttpMethod.Get, Query.Path("v1/webhooks/{0}", webhookId).ToString(), null,
            SupportJsonContext.Default.WebhookEndpoint, null, cancellationToken);
    }

    /// <summary>Changes an endpoint's URL, event types, description or whether it is enabled; what is null stays.</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="update">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated endpoint.</returns>
    /// <exception cref="SupportApiException">404 <c>webhook_not_found</c>; 400 as for <see cref="CreateWebhookAsync"/>.</exception>
    public virtual Task<WebhookEndpoint> UpdateWebhookAsync(string webhookId, UpdateWebhookRequest update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        ArgumentNullException.ThrowIfNull(update);
        return Pipeline.SendAsync("Webhooks.Update", HttpMethod.Patch, Query.Path("v1/webhooks/{0}", webhookId).ToString(),
            SupportPipeline.Json(update, SupportJsonContext.Default.UpdateWebhookRequest), SupportJsonContext.Default.WebhookEndpoint, null, cancellationToken);
    }

    /// <summary>Removes an endpoint; its pending deliveries are not sent.</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the endpoint is gone.</returns>
    /// <exception cref="SupportApiException">404 <c>webhook_not_found</c>.</exception>
    public virtual async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        using var response = await Pipeline.SendRawAsync("Webhooks.Delete", HttpMethod.Delete, Query.Path("v1/webhooks/{0}", webhookId).ToString(), null, null,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a new signing secret. The old one stays valid for a grace period (24 h) and every delivery is
    /// signed with both meanwhile, so receivers can switch over without losing an event.</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="idempotencyKey">Your own key for this rotation; by default one is made per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The endpoint with its new secret, shown only here.</returns>
    /// <exception cref="SupportApiException">404 <c>webhook_not_found</c>.</exception>
    public virtual Task<WebhookEndpoint> RotateWebhookSecretAsync(string webhookId, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        return Pipeline.SendAsync("Webhooks.RotateSecret", HttpMethod.Post, Query.Path("v1/webhooks/{0}/rotate-secret", webhookId).ToString(), null,
            SupportJsonContext.Default.WebhookEndpoint, TicketsClient.WithIdempotencyKey(idempotencyKey), cancellationToken);
    }

    /// <summary>Lists an endpoint's deliveries, newest first: status, attempts, the last answer and timings.</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="pageSize">Deliveries per page (1–100).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The deliveries.</returns>
    public virtual AsyncPageable<WebhookDelivery> GetDeliveriesAsync(string webhookId, int pageSize = 20, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        return new((cursor, ct) => Pipeline.SendAsync("Webhooks.Deliveries", HttpMethod.Get,
            Query.Path("v1/webhooks/{0}/deliveries", webhookId).Add("limit", pageSize).Add("cursor", cursor).ToString(), null,
            SupportJsonContext.Default.PageWebhookDelivery, null, ct), cancellationToken);
    }

    /// <summary>Sends a delivery's event again (<c>POST …/deliveries/{deliveryId}/redeliver</c>), with the same event id so
    /// a receiver that already handled it drops it.</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="deliveryId">The delivery id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The delivery, pending again.</returns>
    /// <exception cref="SupportApiException">404 <c>webhook_not_found</c> when the endpoint or the delivery does not exist.</exception>
    public virtual Task<WebhookDelivery> RedeliverEventAsync(string webhookId, string deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryId);
        return Pipeline.SendAsync("Webhooks.Redeliver", HttpMethod.Post, Query.Path("v1/webhooks/{0}/deliveries/{1}/redeliver", webhookId, deliveryId).ToString(), null,
            SupportJsonContext.Default.WebhookDelivery, null, cancellationToken);
    }

    /// <summary>Sends a <see cref="WebhookEventTypes.Ping"/> event to the endpoint, to test the receiver.</summary>
    /// <param name="webhookId">The endpoint id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ping's delivery; follow it with <see cref="GetDeliveriesAsync"/>.</returns>
    /// <exception cref="SupportApiException">404 <c>webhook_not_found</c>.</exception>
    public virtual Task<WebhookDelivery> PingWebhookAsync(string webhookId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(webhookId);
        return Pipeline.SendAsync("Webhooks.Ping", HttpMethod.Post, Query.Path("v1/webhooks/{0}/ping", webhookId).ToString(), null,
            SupportJsonContext.Default.WebhookDelivery, null, cancellationToken);
    }
}

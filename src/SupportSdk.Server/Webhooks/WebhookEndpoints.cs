using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Webhooks;

/// <summary>The exchange backend's webhook endpoints (API key): register, list, change, delete, rotate the secret,
/// see deliveries, redeliver, ping.</summary>
internal static class WebhookEndpoints
{
    public const int MaxEndpoints = 20;
    public const int MaxDescription = 500;

    public static void Map(RouteGroupBuilder v1)
    {
        var hooks = v1.MapGroup("/webhooks").Allow(PrincipalKinds.ApiKey).WithTags("Webhooks");
        hooks.MapPost("", CreateAsync).Idempotent().Accepts<CreateWebhookRequest>("application/json").Produces<WebhookEndpoint>(201).WithName("CreateWebhook");
        hooks.MapGet("", ListAsync).Produces<Page<WebhookEndpoint>>().WithName("ListWebhooks");
        hooks.MapGet("/{id}", GetAsync).Produces<WebhookEndpoint>().WithName("GetWebhook");
        hooks.MapPatch("/{id}", UpdateAsync).Accepts<UpdateWebhookRequest>("application/json").Produces<WebhookEndpoint>().WithName("UpdateWebhook");
        hooks.MapDelete("/{id}", DeleteAsync).Produces(204).WithName("DeleteWebhook");
        hooks.MapPost("/{id}/rotate-secret", RotateAsync).Idempotent().Produces<WebhookEndpoint>().WithName("RotateWebhookSecret");
        hooks.MapGet("/{id}/deliveries", DeliveriesAsync).Produces<Page<WebhookDelivery>>().WithName("ListWebhookDeliveries");
        hooks.MapPost("/{id}/deliveries/{deliveryId}/redeliver", RedeliverAsync).Idempotent().Produces<WebhookDelivery>(202).WithName("RedeliverWebhook");
        hooks.MapPost("/{id}/ping", PingAsync).Idempotent().Produces<WebhookDelivery>(202).WithName("PingWebhook");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IWebhookStore store, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.CreateWebhookRequest).ConfigureAwait(false);
        var events = Check(request.Url, request.Events, request.Description, options.Value.Webhooks.AllowPrivateTargets);
        var webhook = new StoredWebhook(Ids.New("wh_", time), request.Url.Trim(), events, request.Description?.Trim(), request.Enabled ?? true, null,
            WebhookSignature.NewSecret(), null, null, time.StoredNow(), null);
        var shown = ToWire(webhook, showSecret: true);
        var recorded = Idempotency.ClaimOf(http)?.Complete(Idempotency.Json(201, shown, WireJson.Support.WebhookEndpoint));
        var outbox = await store.GetWebhookAsync(SupportSdk.Server.Email.SupportMailer.OutboxId, CancellationToken.None).ConfigureAwait(false) is null ? 0 : 1;
        if (!await store.AddWebhookAsync(webhook, MaxEndpoints + outbox, recorded, CancellationToken.None).ConfigureAwait(false))
        {
            throw new ApiError(409, ErrorCodes.WebhookLimitReached, "Too many webhook endpoints.", $"At most {MaxEndpoints}; delete one first.");
        }

        return TypedResults.Json(shown, WireJson.Support.WebhookEndpoint, statusCode: 201);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IWebhookStore store)
    {
        var limit = Cursors.Limit(http.Request);
        var after = Cursors.Decode(http.Request, "webhooks", id => Ids.LooksValid(id, "wh_"));
        // Support's own mail outbox is an endpoint of the store, never of the API (its id sorts before every wh_ id).
        var items = (await store.ListWebhooksAsync(after, limit + 2, http.RequestAborted).ConfigureAwait(false))
            .Where(w => w.Id != SupportSdk.Server.Email.SupportMailer.OutboxId).Take(limit + 1).ToList();
        var page = new Page<WebhookEndpoint>
        {
            Items = [.. items.Take(limit).Select(w => ToWire(w, showSecret: false))],
            NextCursor = items.Count > limit ? Cursors.Encode("webhooks", items[limit - 1].Id) : null,
        };
        return TypedResults.Json(page, WireJson.Support.PageWebhookEndpoint);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, IWebhookStore store) =>
        TypedResults.Json(ToWire(await FindAsync(store, id, http.RequestAborted).ConfigureAwait(false), showSecret: false), WireJson.Support.WebhookEndpoint);

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, IWebhookStore store, IOptions<SupportServerOptions> options)
    {
        var current = await FindAsync(store, id, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.UpdateWebhookRequest).ConfigureAwait(false);
        var events = Check(request.Url ?? current.Url, request.Events ?? current.Events, request.Description ?? current.Description, options.Value.Webhooks.AllowPrivateTargets);
        var enabled = request.Enabled ?? current.Enabled;
        var updated = current with
        {
            Url = (request.Url ?? current.Url).Trim(),
            Events = events,
            Description = request.Description is null ? current.Description : request.Description.Trim(),
            Enabled = enabled,
            DisabledReason = enabled ? null : current.DisabledReason,
            FailingSince = enabled && !current.Enabled ? null : current.FailingSince,
        };
        return await store.UpdateWebhookAsync(updated, null, CancellationToken.None).ConfigureAwait(false)
            ? TypedResults.Json(ToWire(updated, showSecret: false), WireJson.Support.WebhookEndpoint)
            : throw NotFound();
    }

    private static async Task<IResult> DeleteAsync(string id, IWebhookStore store) =>
        Ids.LooksValid(id, "wh_") && await store.DeleteWebhookAsync(id, CancellationToken.None).ConfigureAwait(false) ? TypedResults.NoContent() : throw NotFound();

    /// <summary>A new secret, shown once; the old one stays valid (and signed with) for the grace period.</summary>
    private static async Task<IResult> RotateAsync(string id, HttpContext http, IWebhookStore store, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        var current = await FindAsync(store, id, http.RequestAborted).ConfigureAwait(false);
        var rotated = current with
        {
            Secret = WebhookSignature.NewSecret(),
            PreviousSecret = current.Secret,
            PreviousSecretUntil = time.StoredNow() + options.Value.Webhooks.SecretGracePeriod,
        };
        // Rotating twice would retire the secret the receiver still holds for one it never saw: the key is completed
        // with the rotation itself.
        var shown = ToWire(rotated, showSecret: true);
        var recorded = Idempotency.ClaimOf(http)?.Complete(Idempotency.Json(200, shown, WireJson.Support.WebhookEndpoint));
        return await store.UpdateWebhookAsync(rotated, recorded, CancellationToken.None).ConfigureAwait(false)
            ? TypedResults.Json(shown, WireJson.Support.WebhookEndpoint)
            : throw NotFound();
    }

    private static async Task<IResult> DeliveriesAsync(string id, HttpContext http, IWebhookStore store)
    {
        await FindAsync(store, id, http.RequestAborted).ConfigureAwait(false);
        var limit = Cursors.Limit(http.Request);
        var before = Cursors.Decode(http.Request, "deliveries", d => Ids.LooksValid(d, "whd_"));
        var items = await store.ListDeliveriesAsync(id, before, limit + 1, http.RequestAborted).ConfigureAwait(false);
        var page = new Page<WebhookDelivery>
        {
            Items = [.. items.Take(limit).Select(ToWire)],
            NextCursor = items.Count > limit ? Cursors.Encode("deliveries", items[limit - 1].Id) : null,
        };
        return TypedResults.Json(page, WireJson.Support.PageWebhookDelivery);
    }

    private static async Task<IResult> RedeliverAsync(string id, string deliveryId, IWebhookStore store, WebhookEvents events, TimeProvider time)
    {
        var delivery = Ids.LooksValid(id, "wh_") && Ids.LooksValid(deliveryId, "whd_")
            ? await store.RedeliverAsync(id, deliveryId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false)
            : null;
        if (delivery is null)
        {
            throw NotFound();
        }

        events.Committed();
        return TypedResults.Json(ToWire(delivery), WireJson.Support.WebhookDelivery, statusCode: 202);
    }

    private static async Task<IResult> PingAsync(string id, IWebhookStore store, WebhookEvents events)
    {
        var delivery = Ids.LooksValid(id, "wh_") ? await store.AddPingAsync(id, events.Ping(id), CancellationToken.None).ConfigureAwait(false) : null;
        if (delivery is null)
        {
            throw NotFound();
        }

        events.Committed();
        return TypedResults.Json(ToWire(delivery), WireJson.Support.WebhookDelivery, statusCode: 202);
    }

    /// <summary>Checks the fields; returns the event types as stored (deduplicated).</summary>
    private static List<string> Check(string? url, IReadOnlyList<string>? events, string? description, bool allowPrivate)
    {
        if (WebhookTargets.Refusal(url, allowPrivate) is { } refusal)
        {
            throw new ApiError(400, ErrorCodes.WebhookUrlInvalid, "The webhook URL cannot be used.", refusal);
        }

        var types = (events ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (types.FirstOrDefault(t => !WebhookEventTypes.All.Contains(t, StringComparer.Ordinal)) is { } unknown)
        {
            throw new ApiError(400, ErrorCodes.WebhookEventUnknown, "Unknown event type.",
                $"'{(unknown.Length > 64 ? unknown[..64] + "…" : unknown)}' is not one of: {string.Join(", ", WebhookEventTypes.All)}.");
        }

        if (description is { Length: > MaxDescription })
        {
            throw new ApiError(400, ErrorCodes.WebhookDescriptionTooLong, "The description is too long.", $"At most {MaxDescription} characters.");
        }

        new Validation().Line("description", description).ThrowIfInvalid();
        return types;
    }

    private static async Task<StoredWebhook> FindAsync(IWebhookStore store, string id, CancellationToken cancellationToken) =>
        (Ids.LooksValid(id, "wh_") ? await store.GetWebhookAsync(id, cancellationToken).ConfigureAwait(false) : null) ?? throw NotFound();

    private static ApiError NotFound() => new(404, ErrorCodes.WebhookNotFound, "No webhook endpoint has this id.");

    private static WebhookEndpoint ToWire(StoredWebhook w, bool showSecret) => new()
    {
        Id = w.Id,
        Url = w.Url,
        Events = w.Events,
        Description = w.Description,
        Enabled = w.Enabled,
        DisabledReason = w.DisabledReason,
        Secret = showSecret ? w.Secret : null,
        CreatedAt = w.CreatedAt,
    };

    private static WebhookDelivery ToWire(StoredDelivery d) => new()
    {
        Id = d.Id,
        EventId = d.EventId,
        EventType = d.EventType,
        Status = d.Status,
        Attempts = d.Attempts,
        LastStatusCode = d.LastStatusCode,
        LastResponse = d.LastResponse,
        LastDurationMs = d.LastDurationMs,
        CreatedAt = d.CreatedAt,
        NextAttemptAt = d.NextAttemptAt,
        DeliveredAt = d.DeliveredAt,
    };
}

using ExchangeDemo.Hosting;
using SupportSdk;

namespace ExchangeDemo.Notifications;

/// <summary>
/// At start-up, makes sure support sends the demo its events: one webhook endpoint at this site's
/// <see cref="Path"/>, subscribed to <see cref="SupportNotifications.EventTypes"/>. It reuses the endpoint kept in the
/// data folder (updating its URL when the port changed, and enabling it again if support disabled it), else adopts an
/// endpoint already registered with this URL (with a new secret, since support never shows one twice), else registers
/// one; the secret goes to an owner-only file and to the receiver.
/// </summary>
public static class WebhookRegistration
{
    /// <summary>The receiver's path on this site.</summary>
    public const string Path = "/hooks/support";

    private const string Description = "ExchangeDemo: the notification bell";

    /// <summary>Registers or reuses the endpoint; null, with one line on <paramref name="output"/>, when support refuses.</summary>
    /// <param name="backend">The backend's client (API key).</param>
    /// <param name="support">Which support server: <c>embedded</c>, or a running SupportDesk's address.</param>
    /// <param name="site">This site's address (its port may differ from the last start's).</param>
    /// <param name="dataDirectory">The data folder, where the endpoint and its secret are kept.</param>
    /// <param name="secret">The receiver's secret, set to the endpoint's.</param>
    /// <param name="output">Where to say why notifications are off.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<DemoWebhook?> EnsureAsync(SupportClient backend, string support, Uri site, string dataDirectory, WebhookSecret secret, TextWriter output,
        CancellationToken cancellationToken)
    {
        var url = new Uri(site, Path).AbsoluteUri;
        var stored = DataFolder.ReadWebhook(dataDirectory);
        DemoWebhook webhook;
        try
        {
            webhook = (stored is not null && stored.SupportEndpoint == support ? await ReuseAsync(backend, stored, url, cancellationToken) : null)
                ?? await AdoptAsync(backend, support, url, cancellationToken)
                ?? await CreateAsync(backend, support, url, cancellationToken);
        }
        catch (SupportApiException e)
        {
            var hint = e.ErrorCode == ErrorCodes.WebhookUrlInvalid
                ? " A SupportDesk started by hand calls a loopback address only when allowed: Support__Webhooks__AllowPrivateTargets=true."
                : string.Empty;
            output.WriteLine($"Notifications are off: support refused the webhook endpoint {url} ({e.Status} {e.ErrorCode}).{hint}");
            return null;
        }
        catch (HttpRequestException e)
        {
            output.WriteLine($"Notifications are off: support could not be reached to register {url} ({e.Message}).");
            return null;
        }

        if (webhook != stored)
        {
            DataFolder.WriteWebhook(dataDirectory, webhook);
        }

        secret.Set(webhook.Secret);
        return webhook;
    }

    private static async Task<DemoWebhook?> ReuseAsync(SupportClient backend, DemoWebhook stored, string url, CancellationToken cancellationToken)
    {
        try
        {
            await UpdateIfNeededAsync(backend, await backend.Webhooks.GetWebhookAsync(stored.WebhookId, cancellationToken), url, cancellationToken);
            return stored with { Url = url };
        }
        catch (SupportApiException e) when (e.Status == 404)
        {
            return null; // deleted, or a fresh database: register again
        }
    }

    private static async Task<DemoWebhook?> AdoptAsync(SupportClient backend, string support, string url, CancellationToken cancellationToken)
    {
        await foreach (var existing in backend.Webhooks.GetWebhooksAsync(100, cancellationToken))
        {
            if (existing.Url == url)
            {
                await UpdateIfNeededAsync(backend, existing, url, cancellationToken);
                var rotated = await backend.Webhooks.RotateWebhookSecretAsync(existing.Id, cancellationToken: cancellationToken);
                return new DemoWebhook(support, existing.Id, url, rotated.Secret!);
            }
        }

        return null;
    }

    private static async Task<DemoWebhook> CreateAsync(SupportClient backend, string support, string url, CancellationToken cancellationToken)
    {
        var created = await backend.Webhooks.CreateWebhookAsync(new CreateWebhookRequest
        {
            Url = url,
            Events = SupportNotifications.EventTypes,
            Description = Description,
        }, cancellationToken: cancellationToken);
        return new DemoWebhook(support, created.Id, url, created.Secret!);
    }

    private static async Task UpdateIfNeededAsync(SupportClient backend, WebhookEndpoint existing, string url, CancellationToken cancellationToken)
    {
        if (existing.Url != url || !existing.Enabled || !existing.Events.Order(StringComparer.Ordinal).SequenceEqual(SupportNotifications.EventTypes.Order(StringComparer.Ordinal)))
        {
            await backend.Webhooks.UpdateWebhookAsync(existing.Id, new UpdateWebhookRequest { Url = url, Events = SupportNotifications.EventTypes, Enabled = true },
                cancellationToken);
        }
    }
}

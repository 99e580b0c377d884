using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Cluster;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Hosting;

/// <summary>
/// Keeps the store small: deletes idempotency records past their retention, and uploads never attached to a message
/// once they are older than <see cref="SupportServerOptions.UnattachedUploadLifetime"/>. Runs every
/// <see cref="Interval"/> (on the injected clock) and once at start.
/// </summary>
internal sealed partial class StoreJanitor(IStoreLeases leases, IWebhookStore webhooks, IIdempotencyStore idempotency, IAttachmentStore attachments, IFaqInsightsStore insights, IOptions<SupportServerOptions> options, TimeProvider time, ILogger<StoreJanitor> logger) : BackgroundService
{
    /// <summary>How often the janitor runs: an upload lives at most this much past its lifetime.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    /// <summary>How long finished webhook deliveries (and their events) stay listed.</summary>
    public static readonly TimeSpan WebhookHistoryRetention = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                // One node at a time does the round; when it dies mid-round its lease ends and the next round runs anywhere.
                await using var lease = await leases.TryAcquireAsync("janitor", stoppingToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store that is briefly unavailable must not stop the host; the next round tries again.
                LogFailed(logger, e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await idempotency.PurgeIdempotencyAsync(now - options.Value.IdempotencyRetention, cancellationToken).ConfigureAwait(false);
        await attachments.DeleteUnattachedAttachmentsAsync(now - options.Value.UnattachedUploadLifetime, cancellationToken).ConfigureAwait(false);
        await insights.DeleteFaqQueriesAsync(now - options.Value.FaqInsightsRetention, cancellationToken).ConfigureAwait(false);
        await webhooks.PurgeWebhookHistoryAsync(now - WebhookHistoryRetention, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Store housekeeping failed ({ExceptionType}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

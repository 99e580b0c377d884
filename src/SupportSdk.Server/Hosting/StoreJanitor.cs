using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Http;

/// <summary>Deletes idempotency records past their retention once an hour, so the table stays small.</summary>
internal sealed class IdempotencyJanitor(ISupportStore store, IOptions<SupportServerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await store.PurgeIdempotencyAsync(time.GetUtcNow() - options.Value.IdempotencyRetention, stoppingToken).ConfigureAwait(false);
        }
    }
}

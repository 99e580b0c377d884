using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Cluster;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Webhooks;

namespace SupportSdk.Server.Tickets;

/// <summary>
/// Marks tickets whose service-level target passed unmet as breached (a new version of the ticket, and a
/// <c>ticket.sla_breached</c> webhook in the same transaction), every <see cref="SlaOptions.SweepInterval"/> on the
/// injected clock. One node at a time sweeps (a lease); a ticket changed meanwhile is swept again next round.
/// </summary>
internal sealed partial class SlaSweeper(IStoreLeases leases, ITicketStore store, WebhookEvents webhooks, IOptions<SupportServerOptions> options, TimeProvider time,
    ILogger<SlaSweeper> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Sla.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var lease = await leases.TryAcquireAsync("sla", stoppingToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <summary>Marks what is past due now as breached, then what is due within <see cref="SlaOptions.WarnBefore"/>
    /// as warned; how many tickets it marked.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var marked = await MarkAsync(time.GetUtcNow(), notWarned: false, TicketSlaClock.Breach, webhooks.TicketSlaBreached, cancellationToken).ConfigureAwait(false);
        if (options.Value.Sla.WarnBefore > TimeSpan.Zero)
        {
            marked += await MarkAsync(time.GetUtcNow() + options.Value.Sla.WarnBefore, notWarned: true, TicketSlaClock.Warn, webhooks.TicketSlaWarning, cancellationToken)
                .ConfigureAwait(false);
        }

        if (marked > 0)
        {
            webhooks.Committed();
        }

        return marked;
    }

    private async Task<int> MarkAsync(DateTimeOffset before, bool notWarned, Func<TicketSla, TicketSla> mark, Func<Ticket, OutboxEvent> notify, CancellationToken cancellationToken)
    {
        var marked = 0;
        for (var round = 0; round < 10; round++) // bounded: at most 1,000 a sweep, the rest next time
        {
            var due = await store.ListTicketsDueAsync(before, notWarned, Batch, cancellationToken).ConfigureAwait(false);
            var previous = marked;
            foreach (var ticket in due)
            {
                var changed = ticket.With(version: ticket.Version + 1, updatedAt: time.StoredNow(), sla: mark(ticket.Sla!));
                if (await store.TryUpdateTicketAsync(changed, ticket.Version, null, [notify(changed)], null, CancellationToken.None).ConfigureAwait(false))
                {
                    marked++;
                }
            }

            if (due.Count < Batch || marked == previous)
            {
                break;
            }
        }

        return marked;
    }

    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "The SLA sweep failed ({ExceptionType}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

namespace SupportSdk.Server.Storage;

/// <summary>Users' reports of impersonators.</summary>
internal interface IChannelReportStore
{
    Task AddChannelReportAsync(ChannelReport report, CancellationToken cancellationToken) => AddChannelReportAsync(report, [], null, cancellationToken);

    /// <summary>As above, and stores <paramref name="outbox"/> (webhook events) in the same transaction, and completes
    /// the claimed Idempotency-Key <paramref name="idempotency"/> with its response.</summary>
    Task AddChannelReportAsync(ChannelReport report, IReadOnlyList<OutboxEvent> outbox, IdempotentCompletion? idempotency, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChannelReport>> ListChannelReportsAsync(string? beforeId, int limit, CancellationToken cancellationToken);
}

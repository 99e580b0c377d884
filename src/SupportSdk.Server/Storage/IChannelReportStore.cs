namespace SupportSdk.Server.Storage;

/// <summary>Users' reports of impersonators.</summary>
internal interface IChannelReportStore
{
    Task AddChannelReportAsync(ChannelReport report, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChannelReport>> ListChannelReportsAsync(string? beforeId, int limit, CancellationToken cancellationToken);
}

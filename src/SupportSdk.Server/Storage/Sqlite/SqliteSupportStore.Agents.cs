namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore : IAgentStore
{
    public Task<AgentRecord> UpsertAgentAsync(string name, AgentProfileChange change, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => AgentRows.UpsertAsync(Sql(connection), name, change, now, cancellationToken), cancellationToken);

    public Task<AgentRecord> SetAgentStatusAsync(string name, string status, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => AgentRows.SetStatusAsync(Sql(connection), name, status, now, cancellationToken), cancellationToken);

    public async Task<AgentRecord?> GetAgentAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AgentRows.GetAsync(Sql(connection), name, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AgentRows.ListAsync(Sql(connection), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByAssigneeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AgentRows.CountOpenByAssigneeAsync(Sql(connection), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsCreatedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AgentRows.ListTicketsCreatedBetweenAsync(Sql(connection), from, to, limit, cancellationToken).ConfigureAwait(false);
    }

    public Task MarkAgentAssignedAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, _) =>
        {
            await AgentRows.MarkAssignedAsync(Sql(connection), name, at, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}

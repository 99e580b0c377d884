namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore : IAgentStore
{
    public Task<AgentRecord> UpsertAgentAsync(string name, AgentProfileChange change, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => AgentRows.UpsertAsync(Sql(connection, transaction), name, change, now, cancellationToken), cancellationToken);

    public Task<AgentRecord> SetAgentStatusAsync(string name, string status, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => AgentRows.SetStatusAsync(Sql(connection, transaction), name, status, now, cancellationToken), cancellationToken);

    public Task<AgentRecord?> GetAgentAsync(string name, CancellationToken cancellationToken) =>
        ReadWithAsync(sql => AgentRows.GetAsync(sql, name, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken cancellationToken) =>
        ReadWithAsync(sql => AgentRows.ListAsync(sql, cancellationToken), cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByAssigneeAsync(CancellationToken cancellationToken) =>
        ReadWithAsync(sql => AgentRows.CountOpenByAssigneeAsync(sql, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Ticket>> ListTicketsCreatedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken) =>
        ReadWithAsync(sql => AgentRows.ListTicketsCreatedBetweenAsync(sql, from, to, limit, cancellationToken), cancellationToken);

    public Task MarkAgentAssignedAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await AgentRows.MarkAssignedAsync(Sql(connection, transaction), name, at, cancellationToken);
            return true;
        }, cancellationToken);
}

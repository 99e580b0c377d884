namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore : ITicketWorkspaceStore
{
    public Task AddNoteAsync(string ticketId, TicketNote note, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await TicketWorkspaceRows.AddNoteAsync(Sql(connection, transaction), ticketId, note, idempotency, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<TicketNote>> ListNotesAsync(string ticketId, CancellationToken cancellationToken) =>
        ReadWithAsync(sql => TicketWorkspaceRows.ListNotesAsync(sql, ticketId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<TicketViewer>> ViewAsync(string ticketId, string agent, bool typing, DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => TicketWorkspaceRows.ViewAsync(Sql(connection, transaction), ticketId, agent, typing, now, since, cancellationToken), cancellationToken);
}

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore : ITicketWorkspaceStore
{
    public Task AddNoteAsync(string ticketId, TicketNote note, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, _) =>
        {
            await TicketWorkspaceRows.AddNoteAsync(Sql(connection), ticketId, note, idempotency, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<TicketNote>> ListNotesAsync(string ticketId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await TicketWorkspaceRows.ListNotesAsync(Sql(connection), ticketId, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<TicketViewer>> ViewAsync(string ticketId, string agent, bool typing, DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => TicketWorkspaceRows.ViewAsync(Sql(connection), ticketId, agent, typing, now, since, cancellationToken), cancellationToken);
}

using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore : IWebhookStore
{
    public Task<bool> AddWebhookAsync(StoredWebhook webhook, int maxEndpoints, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, _) =>
        {
            var sql = Sql(connection);
            if (await WebhookRows.CountWebhooksAsync(sql, cancellationToken).ConfigureAwait(false) >= maxEndpoints)
            {
                return false;
            }

            await WebhookRows.InsertWebhookAsync(sql, webhook, cancellationToken).ConfigureAwait(false);
            await IdempotencyRows.CompleteAsync(sql, idempotency, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<StoredWebhook?> GetWebhookAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await WebhookRows.GetWebhookAsync(Sql(connection), id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredWebhook>> ListWebhooksAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await WebhookRows.ListWebhooksAsync(Sql(connection), afterId, limit, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> UpdateWebhookAsync(StoredWebhook webhook, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => WebhookRows.UpdateWebhookAsync(Sql(connection), webhook, idempotency, cancellationToken), cancellationToken);

    public Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => WebhookRows.DeleteWebhookAsync(Sql(connection), id, cancellationToken), cancellationToken);

    public Task AppendWebhookEventsAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => WebhookRows.InsertEventsAsync(Sql(connection), events, DateTimeOffset.UtcNow, cancellationToken), cancellationToken);

    public Task<StoredDelivery?> AddPingAsync(string webhookId, OutboxEvent ping, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, _) =>
        {
            var sql = Sql(connection);
            if (await WebhookRows.GetWebhookAsync(sql, webhookId, cancellationToken).ConfigureAwait(false) is null)
            {
                return null;
            }

            var added = await WebhookRows.InsertEventsAsync(sql, [ping], ping.OccurredAt, cancellationToken, onlyWebhook: webhookId).ConfigureAwait(false);
            return await WebhookRows.GetDeliveryAsync(sql, webhookId, added[0], cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset holdUntil, int limit, IReadOnlyCollection<string> skipWebhooks,
        CancellationToken cancellationToken)
    {
        // A read first: the dispatcher asks every second and after every change, and a write transaction each time
        // would take turns with the writes that matter.
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await WebhookRows.AnyDueAsync(Sql(connection), now, skipWebhooks, cancellationToken).ConfigureAwait(false))
            {
                return [];
            }
        }

        return await WriteAsync((connection, _) => WebhookRows.ClaimAsync(Sql(connection), now, holdUntil, limit, skipWebhooks, skipLocked: false, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<int> PurgeWebhookHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => WebhookRows.PurgeAsync(Sql(connection), before, cancellationToken), cancellationToken);

    public Task RecordAttemptAsync(AttemptOutcome outcome, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, _) =>
        {
            await WebhookRows.RecordAttemptAsync(Sql(connection), outcome, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<StoredDelivery>> ListDeliveriesAsync(string webhookId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await WebhookRows.ListDeliveriesAsync(Sql(connection), webhookId, beforeId, limit, cancellationToken).ConfigureAwait(false);
    }

    public Task<StoredDelivery?> RedeliverAsync(string webhookId, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, _) => WebhookRows.RedeliverAsync(Sql(connection), webhookId, deliveryId, now, cancellationToken), cancellationToken);

    /// <summary>Plain (uncached) commands on a connection: on the writer they run inside the open write transaction.</summary>
    private static WebhookRows.Sql Sql(SqliteConnection connection) => (text, parameters) =>
    {
        DbCommand command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            ((SqliteCommand)command).Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    };
}

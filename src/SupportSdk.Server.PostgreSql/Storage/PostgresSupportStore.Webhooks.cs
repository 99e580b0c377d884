using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore : IWebhookStore
{
    /// <summary>Serialises endpoint creation across nodes, so the limit holds under concurrent creates.</summary>
    private const long WebhookCountLock = 0x5375_7070_5768_6b73;

    public Task<bool> AddWebhookAsync(StoredWebhook webhook, int maxEndpoints, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var sql = Sql(connection, transaction);
            await using (var gate = sql("SELECT pg_advisory_xact_lock(@key);", ("key", WebhookCountLock)))
            {
                await gate.ExecuteNonQueryAsync(cancellationToken);
            }

            if (await WebhookRows.CountWebhooksAsync(sql, cancellationToken) >= maxEndpoints)
            {
                return false;
            }

            await WebhookRows.InsertWebhookAsync(sql, webhook, cancellationToken);
            await IdempotencyRows.CompleteAsync(sql, idempotency, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<StoredWebhook?> GetWebhookAsync(string id, CancellationToken cancellationToken) =>
        ReadWithAsync(sql => WebhookRows.GetWebhookAsync(sql, id, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<StoredWebhook>> ListWebhooksAsync(string? afterId, int limit, CancellationToken cancellationToken) =>
        ReadWithAsync(sql => WebhookRows.ListWebhooksAsync(sql, afterId, limit, cancellationToken), cancellationToken);

    public Task<bool> UpdateWebhookAsync(StoredWebhook webhook, IdempotentCompletion? idempotency, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => WebhookRows.UpdateWebhookAsync(Sql(connection, transaction), webhook, idempotency, cancellationToken), cancellationToken);

    public Task<bool> DeleteWebhookAsync(string id, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => WebhookRows.DeleteWebhookAsync(Sql(connection, transaction), id, cancellationToken), cancellationToken);

    public Task AppendWebhookEventsAsync(IReadOnlyList<OutboxEvent> events, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => WebhookRows.InsertEventsAsync(Sql(connection, transaction), events, DateTimeOffset.UtcNow, cancellationToken), cancellationToken);

    public Task<StoredDelivery?> AddPingAsync(string webhookId, OutboxEvent ping, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var sql = Sql(connection, transaction);
            if (await WebhookRows.GetWebhookAsync(sql, webhookId, cancellationToken) is null)
            {
                return null;
            }

            var added = await WebhookRows.InsertEventsAsync(sql, [ping], ping.OccurredAt, cancellationToken, onlyWebhook: webhookId);
            return await WebhookRows.GetDeliveryAsync(sql, webhookId, added[0], cancellationToken);
        }, cancellationToken);

    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDeliveriesAsync(DateTimeOffset now, DateTimeOffset holdUntil, int limit, IReadOnlyCollection<string> skipWebhooks,
        CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => WebhookRows.ClaimAsync(Sql(connection, transaction), now, holdUntil, limit, skipWebhooks, skipLocked: true, cancellationToken),
            cancellationToken);

    public Task<int> PurgeWebhookHistoryAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => WebhookRows.PurgeAsync(Sql(connection, transaction), before, cancellationToken), cancellationToken);

    public Task RecordAttemptAsync(AttemptOutcome outcome, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            await WebhookRows.RecordAttemptAsync(Sql(connection, transaction), outcome, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredDelivery>> ListDeliveriesAsync(string webhookId, string? beforeId, int limit, CancellationToken cancellationToken) =>
        ReadWithAsync(sql => WebhookRows.ListDeliveriesAsync(sql, webhookId, beforeId, limit, cancellationToken), cancellationToken);

    public Task<StoredDelivery?> RedeliverAsync(string webhookId, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => WebhookRows.RedeliverAsync(Sql(connection, transaction), webhookId, deliveryId, now, cancellationToken), cancellationToken);

    private async Task<T> ReadWithAsync<T>(Func<WebhookRows.Sql, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await read(Sql(connection, null));
    }

    private static WebhookRows.Sql Sql(NpgsqlConnection connection, NpgsqlTransaction? transaction) =>
        (text, parameters) => Command(connection, transaction, text, parameters);
}

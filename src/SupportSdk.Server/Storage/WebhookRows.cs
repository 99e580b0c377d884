using System.Data.Common;
using System.Text.Json;
using SupportSdk.Server.Http;
using static SupportSdk.Server.Storage.StoreRows;

namespace SupportSdk.Server.Storage;

/// <summary>
/// The webhook tables, read and written with the same SQL by both engines (<c>@name</c> parameters, 0/1 booleans,
/// Unix-millisecond times). Each call runs inside the engine's transaction through <see cref="Sql"/>, which makes a
/// command on that transaction.
/// </summary>
internal static class WebhookRows
{
    /// <summary>Makes a command on the caller's connection and transaction.</summary>
    public delegate DbCommand Sql(string text, params (string Name, object? Value)[] parameters);

    public const string WebhookColumns = "id, url, events_json, description, enabled, disabled_reason, secret, previous_secret, previous_secret_until, created_at, failing_since";

    private const string DeliveryColumns = "d.id, d.webhook_id, d.event_id, d.event_type, d.status, d.attempts, d.last_status, d.last_response, d.last_duration_ms, d.created_at, d.next_attempt_at, d.delivered_at";

    public static (string, object?)[] WebhookParameters(StoredWebhook w) =>
    [
        ("id", w.Id), ("url", w.Url), ("events", JsonSerializer.Serialize(w.Events, ServerJsonContext.Default.IReadOnlyListString)), ("description", w.Description),
        ("enabled", w.Enabled ? 1 : 0), ("reason", w.DisabledReason), ("secret", w.Secret), ("previous", w.PreviousSecret),
        ("previousUntil", w.PreviousSecretUntil?.ToUnixTimeMilliseconds()), ("created", w.CreatedAt.ToUnixTimeMilliseconds()), ("failing", w.FailingSince?.ToUnixTimeMilliseconds()),
    ];

    /// <summary>An endpoint from <see cref="WebhookColumns"/> starting at <paramref name="at"/>.</summary>
    public static StoredWebhook ReadWebhook(DbDataReader r, int at = 0) => new(
        r.GetString(at), r.GetString(at + 1), JsonSerializer.Deserialize(r.GetString(at + 2), ServerJsonContext.Default.IReadOnlyListString) ?? [],
        NullableString(r, at + 3), Convert.ToInt64(r.GetValue(at + 4), System.Globalization.CultureInfo.InvariantCulture) != 0, NullableString(r, at + 5), r.GetString(at + 6), NullableString(r, at + 7),
        r.IsDBNull(at + 8) ? null : FromMs(r.GetInt64(at + 8)), FromMs(r.GetInt64(at + 9)), r.IsDBNull(at + 10) ? null : FromMs(r.GetInt64(at + 10)));

    public static async Task InsertWebhookAsync(Sql sql, StoredWebhook webhook, CancellationToken cancellationToken)
    {
        await using var insert = sql($"INSERT INTO webhooks({WebhookColumns}) VALUES (@id, @url, @events, @description, @enabled, @reason, @secret, @previous, @previousUntil, @created, @failing);",
            WebhookParameters(webhook));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> CountWebhooksAsync(Sql sql, CancellationToken cancellationToken)
    {
        await using var count = sql("SELECT COUNT(*) FROM webhooks;");
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Replaces an endpoint; completes the claimed key with it when it exists.</summary>
    public static async Task<bool> UpdateWebhookAsync(Sql sql, StoredWebhook webhook, IdempotentCompletion? idempotency, CancellationToken cancellationToken)
    {
        await using (var update = sql(
            "UPDATE webhooks SET url = @url, events_json = @events, description = @description, enabled = @enabled, disabled_reason = @reason, secret = @secret, previous_secret = @previous, previous_secret_until = @previousUntil, failing_since = @failing WHERE id = @id;",
            WebhookParameters(webhook)))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await IdempotencyRows.CompleteAsync(sql, idempotency, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public static async Task<bool> DeleteWebhookAsync(Sql sql, string id, CancellationToken cancellationToken)
    {
        await using (var deliveries = sql("DELETE FROM webhook_deliveries WHERE webhook_id = @id;", ("id", id)))
        {
            await deliveries.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var delete = sql("DELETE FROM webhooks WHERE id = @id;", ("id", id));
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public static async Task<StoredWebhook?> GetWebhookAsync(Sql sql, string id, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT {WebhookColumns} FROM webhooks WHERE id = @id;", ("id", id));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadWebhook(reader) : null;
    }

    public static async Task<IReadOnlyList<StoredWebhook>> ListWebhooksAsync(Sql sql, string? afterId, int limit, CancellationToken cancellationToken)
    {
        await using var select = afterId is null
            ? sql($"SELECT {WebhookColumns} FROM webhooks ORDER BY id LIMIT @limit;", ("limit", limit))
            : sql($"SELECT {WebhookColumns} FROM webhooks WHERE id > @after ORDER BY id LIMIT @limit;", ("after", afterId), ("limit", limit));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<StoredWebhook>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadWebhook(reader));
        }

        return list;
    }

    /// <summary>
    /// Stores events in the caller's transaction: numbers each per ticket or chat, and adds a pending delivery for
    /// every enabled endpoint subscribed to its type (or only for <paramref name="onlyWebhook"/>).
    /// </summary>
    /// <returns>The deliveries added.</returns>
    public static async Task<IReadOnlyList<string>> InsertEventsAsync(Sql sql, IReadOnlyList<OutboxEvent> events, DateTimeOffset now, CancellationToken cancellationToken,
        string? onlyWebhook = null)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var targets = new List<WebhookTarget>();
        await using (var select = onlyWebhook is null
            ? sql(EnabledTargetsSql)
            : sql("SELECT id, events_json FROM webhooks WHERE id = @id;", ("id", onlyWebhook)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                targets.Add(ReadTarget(reader));
            }
        }

        return await InsertEventsAsync(sql, events, targets, now, cancellationToken, everyTarget: onlyWebhook is not null).ConfigureAwait(false);
    }

    /// <summary>The endpoints an event may go to, read by <see cref="EnabledTargetsSql"/>.</summary>
    public readonly record struct WebhookTarget(string Id, IReadOnlyList<string> Events);

    /// <summary>Reads the enabled endpoints (id, events_json), for an engine that reads them with other statements.</summary>
    public const string EnabledTargetsSql = "SELECT id, events_json FROM webhooks WHERE enabled = 1;";

    public static WebhookTarget ReadTarget(DbDataReader reader) =>
        new(reader.GetString(0), JsonSerializer.Deserialize(reader.GetString(1), ServerJsonContext.Default.IReadOnlyListString) ?? []);

    /// <summary>Records <paramref name="events"/> for the <paramref name="targets"/> that subscribe to each (all of them
    /// with <paramref name="everyTarget"/>); with no targets nothing is written and no statement runs.</summary>
    public static async Task<IReadOnlyList<string>> InsertEventsAsync(Sql sql, IReadOnlyList<OutboxEvent> events, IReadOnlyList<WebhookTarget> targets, DateTimeOffset now,
        CancellationToken cancellationToken, bool everyTarget = false)
    {
        var added = new List<string>();
        if (targets.Count == 0)
        {
            return added;
        }

        foreach (var e in events)
        {
            var to = targets.Where(t => everyTarget || t.Events.Count == 0 || t.Events.Contains(e.Type, StringComparer.Ordinal)).Select(t => t.Id).ToList();
            if (to.Count == 0)
            {
                continue; // nobody listens for it: nothing to keep (an exchange without webhooks stores no events)
            }

            long sequence = 0;
            var subject = e.TicketId ?? e.ChatId;
            if (subject is not null)
            {
                await using var next = sql(
                    "INSERT INTO webhook_sequences(subject, last) VALUES (@subject, 1) ON CONFLICT (subject) DO UPDATE SET last = webhook_sequences.last + 1 RETURNING last;",
                    ("subject", subject));
                sequence = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            await using (var insert = sql(
                "INSERT INTO webhook_events(id, type, occurred_at, ticket_id, chat_id, sequence, data_json) VALUES (@id, @type, @at, @ticket, @chat, @sequence, @data);",
                ("id", e.Id), ("type", e.Type), ("at", e.OccurredAt.ToUnixTimeMilliseconds()), ("ticket", e.TicketId), ("chat", e.ChatId), ("sequence", sequence), ("data", e.DataJson)))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var webhookId in to)
            {
                var id = Ids.New("whd_", TimeProvider.System);
                await using var delivery = sql(
                    "INSERT INTO webhook_deliveries(id, webhook_id, event_id, event_type, status, attempts, created_at, next_attempt_at, hold_until) VALUES (@id, @webhook, @event, @type, 'pending', 0, @now, @now, 0);",
                    ("id", id), ("webhook", webhookId), ("event", e.Id), ("type", e.Type), ("now", now.ToUnixTimeMilliseconds()));
                await delivery.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                added.Add(id);
            }
        }

        return added;
    }

    /// <summary>Holds the due deliveries nobody holds; <paramref name="skipLocked"/> adds PostgreSQL's
    /// <c>FOR UPDATE SKIP LOCKED</c> so concurrent claimers on several nodes take different rows.</summary>
    public static async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(Sql sql, DateTimeOffset now, DateTimeOffset holdUntil, int limit, IReadOnlyCollection<string> skipWebhooks,
        bool skipLocked, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var (filter, skip) = Due(skipWebhooks);
        await using (var claim = sql(
            $"UPDATE webhook_deliveries SET hold_until = @hold WHERE id IN (SELECT id FROM webhook_deliveries WHERE {filter} ORDER BY next_attempt_at LIMIT @limit"
            + (skipLocked ? " FOR UPDATE SKIP LOCKED" : string.Empty) + ") RETURNING id;",
            [("hold", holdUntil.ToUnixTimeMilliseconds()), ("now", now.ToUnixTimeMilliseconds()), ("limit", limit), .. skip]))
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var claimed = new List<ClaimedDelivery>(ids.Count);
        foreach (var id in ids)
        {
            await using var select = sql(
                $"SELECT {DeliveryColumns}, e.id, e.type, e.occurred_at, e.ticket_id, e.chat_id, e.sequence, e.data_json, {string.Join(", ", WebhookColumns.Split(", ").Select(c => "w." + c))} "
                + "FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id JOIN webhooks w ON w.id = d.webhook_id WHERE d.id = @id;",
                ("id", id));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var delivery = ReadDelivery(reader);
                var e = new StoredEvent(reader.GetString(12), reader.GetString(13), FromMs(reader.GetInt64(14)), NullableString(reader, 15), NullableString(reader, 16),
                    reader.GetInt64(17), reader.GetString(18));
                claimed.Add(new ClaimedDelivery(delivery, e, ReadWebhook(reader, 19)));
            }
        }

        return claimed;
    }

    public static async Task RecordAttemptAsync(Sql sql, AttemptOutcome o, CancellationToken cancellationToken)
    {
        var status = o.Delivered ? DeliveryStatuses.Delivered : o.NextAttemptAt is null ? DeliveryStatuses.Failed : DeliveryStatuses.Pending;
        await using (var update = sql(
            "UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, last_status = @code, last_response = @response, last_duration_ms = @duration, "
            + "next_attempt_at = @next, delivered_at = @delivered, hold_until = 0 WHERE id = @id;",
            ("status", status), ("code", o.StatusCode), ("response", o.Response), ("duration", o.DurationMs),
            ("next", o.NextAttemptAt?.ToUnixTimeMilliseconds() ?? 0L), ("delivered", o.Delivered ? o.At.ToUnixTimeMilliseconds() : null), ("id", o.DeliveryId)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var webhook = o.Delivered
            ? sql("UPDATE webhooks SET failing_since = NULL WHERE id = @id;", ("id", o.WebhookId))
            : o.DisableReason is { } reason
                ? sql("UPDATE webhooks SET enabled = 0, disabled_reason = @reason WHERE id = @id;", ("reason", reason), ("id", o.WebhookId))
                : sql("UPDATE webhooks SET failing_since = COALESCE(failing_since, @at) WHERE id = @id;", ("at", o.At.ToUnixTimeMilliseconds()), ("id", o.WebhookId));
        await webhook.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes finished deliveries created before <paramref name="before"/> and any delivery of an endpoint that
    /// no longer exists (one deleted while a write that had read it was committing), then events no delivery refers to
    /// any more.</summary>
    public static async Task<int> PurgeAsync(Sql sql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        int deleted;
        await using (var deliveries = sql(
            "DELETE FROM webhook_deliveries WHERE (status <> 'pending' AND created_at < @before) OR NOT EXISTS (SELECT 1 FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id);",
            ("before", before.ToUnixTimeMilliseconds())))
        {
            deleted = await deliveries.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var events = sql("DELETE FROM webhook_events WHERE occurred_at < @before AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = webhook_events.id);",
            ("before", before.ToUnixTimeMilliseconds()));
        await events.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <summary>Whether any delivery is due now (a cheap read before a claiming write).</summary>
    /// <summary>Whether any delivery is due that <see cref="ClaimAsync"/> would take (a read, before a write to claim).</summary>
    public static async Task<bool> AnyDueAsync(Sql sql, DateTimeOffset now, IReadOnlyCollection<string> skipWebhooks, CancellationToken cancellationToken)
    {
        var (filter, skip) = Due(skipWebhooks);
        await using var select = sql($"SELECT 1 FROM webhook_deliveries WHERE {filter} LIMIT 1;", [("now", now.ToUnixTimeMilliseconds()), .. skip]);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>The condition of a due delivery nobody holds, of an enabled endpoint not skipped (<c>@now</c> and the skip parameters).</summary>
    private static (string Filter, List<(string, object?)> Parameters) Due(IReadOnlyCollection<string> skipWebhooks)
    {
        var skip = skipWebhooks.Select((id, i) => ("skip" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)id)).ToList();
        var filter = "status = 'pending' AND next_attempt_at <= @now AND hold_until <= @now AND webhook_id IN (SELECT id FROM webhooks WHERE enabled = 1)"
            + (skip.Count == 0 ? string.Empty : $" AND webhook_id NOT IN ({string.Join(", ", skip.Select(p => "@" + p.Item1))})");
        return (filter, skip);
    }

    public static async Task<IReadOnlyList<StoredDelivery>> ListDeliveriesAsync(Sql sql, string webhookId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var select = beforeId is null
            ? sql($"SELECT {DeliveryColumns} FROM webhook_deliveries d WHERE d.webhook_id = @webhook ORDER BY d.id DESC LIMIT @limit;", ("webhook", webhookId), ("limit", limit))
            : sql($"SELECT {DeliveryColumns} FROM webhook_deliveries d WHERE d.webhook_id = @webhook AND d.id < @before ORDER BY d.id DESC LIMIT @limit;",
                ("webhook", webhookId), ("before", beforeId), ("limit", limit));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<StoredDelivery>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadDelivery(reader));
        }

        return list;
    }

    public static async Task<StoredDelivery?> GetDeliveryAsync(Sql sql, string webhookId, string deliveryId, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT {DeliveryColumns} FROM webhook_deliveries d WHERE d.webhook_id = @webhook AND d.id = @id;", ("webhook", webhookId), ("id", deliveryId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadDelivery(reader) : null;
    }

    public static async Task<StoredDelivery?> RedeliverAsync(Sql sql, string webhookId, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var update = sql("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = @now, hold_until = 0 WHERE webhook_id = @webhook AND id = @id;",
            ("now", now.ToUnixTimeMilliseconds()), ("webhook", webhookId), ("id", deliveryId)))
        {
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return null;
            }
        }

        return await GetDeliveryAsync(sql, webhookId, deliveryId, cancellationToken).ConfigureAwait(false);
    }

    private static StoredDelivery ReadDelivery(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), Convert.ToInt32(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
        r.IsDBNull(6) ? null : Convert.ToInt32(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture), NullableString(r, 7),
        r.IsDBNull(8) ? null : Convert.ToInt32(r.GetValue(8), System.Globalization.CultureInfo.InvariantCulture), FromMs(r.GetInt64(9)),
        r.GetString(4) == DeliveryStatuses.Pending ? FromMs(r.GetInt64(10)) : null, r.IsDBNull(11) ? null : FromMs(r.GetInt64(11)));

    /// <summary>The tables, for both engines' migrations (types both accept; booleans as integers).</summary>
    public const string Schema = """
        CREATE TABLE webhooks (
            id text PRIMARY KEY, url text NOT NULL, events_json text NOT NULL, description text, enabled integer NOT NULL, disabled_reason text,
            secret text NOT NULL, previous_secret text, previous_secret_until bigint, created_at bigint NOT NULL, failing_since bigint);
        CREATE TABLE webhook_events (
            id text PRIMARY KEY, type text NOT NULL, occurred_at bigint NOT NULL, ticket_id text, chat_id text, sequence bigint NOT NULL, data_json text NOT NULL);
        CREATE TABLE webhook_sequences (subject text PRIMARY KEY, last bigint NOT NULL);
        CREATE TABLE webhook_deliveries (
            id text PRIMARY KEY, webhook_id text NOT NULL, event_id text NOT NULL, event_type text NOT NULL, status text NOT NULL, attempts integer NOT NULL,
            last_status integer, last_response text, last_duration_ms integer, created_at bigint NOT NULL, next_attempt_at bigint NOT NULL, delivered_at bigint,
            hold_until bigint NOT NULL);
        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries(status, next_attempt_at);
        CREATE INDEX ix_webhook_deliveries_webhook ON webhook_deliveries(webhook_id, id);
        """;
}

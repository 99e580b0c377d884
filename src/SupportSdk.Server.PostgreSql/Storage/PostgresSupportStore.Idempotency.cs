using static SupportSdk.Server.Storage.StoreRows;
using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore
{
    /// <summary>
    /// Claims or records a key in one statement: inserts it, or takes over a record that no longer counts (expired);
    /// a live record is left alone but locked for the rest of the transaction. Returns whether this call wrote.
    /// </summary>
    private const string ClaimSql =
        """
        INSERT INTO idempotency AS i (scope, key, request_hash, completed, status, content_type, location, body, created_at)
        VALUES (@scope, @key, @hash, @completed, @status, @type, @location, @body, @at)
        ON CONFLICT (scope, key) DO UPDATE SET request_hash = excluded.request_hash, completed = excluded.completed, status = excluded.status,
            content_type = excluded.content_type, location = excluded.location, body = excluded.body, created_at = excluded.created_at
        WHERE i.created_at < @retained OR (NOT i.completed AND i.created_at < @inflight)
        RETURNING 1;
        """;

    public async Task<IdempotencyStart> BeginIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        return await WriteAsync((connection, transaction) => ClaimAsync(connection, transaction, request, null, cancellationToken), cancellationToken);
    }

    public async Task<IdempotencyStart> PeekIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadIdempotencyAsync(connection, null, request, cancellationToken);
    }

    /// <summary>
    /// Claims the key (in flight) or, with <paramref name="response"/>, records it completed — unless a live record
    /// holds it: then nothing is written and that record's outcome is returned. <see cref="IdempotencyOutcome.Started"/>
    /// means this call wrote.
    /// </summary>
    private static async Task<IdempotencyStart> ClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyRequest request,
        StoredResponse? response, CancellationToken cancellationToken)
    {
        await using (var claim = Command(connection, transaction, ClaimSql, ClaimParameters(request, response)))
        {
            if (await claim.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return IdempotencyStart.Free;
            }
        }

        return await HeldRecordAsync(connection, transaction, request, cancellationToken);
    }

    /// <summary>After a claim that wrote nothing: the live record that holds the key (locked by the claim, so it stays
    /// as read until this transaction ends).</summary>
    private static async Task<IdempotencyStart> HeldRecordAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IdempotencyRequest request,
        CancellationToken cancellationToken)
    {
        var existing = await ReadIdempotencyAsync(connection, transaction, request, cancellationToken);
        return existing.Outcome == IdempotencyOutcome.Started
            ? throw new InvalidOperationException("An idempotency record was neither claimable nor live.")
            : existing;
    }

    private static (string, object?)[] ClaimParameters(IdempotencyRequest request, StoredResponse? response) =>
    [
        ("scope", request.Scope), ("key", request.Key), ("hash", request.RequestHash), ("completed", response is not null),
        ("status", response?.Status), ("type", response?.ContentType), ("location", response?.Location), ("body", response?.Body),
        ("at", request.Now.ToUnixTimeMilliseconds()), ("retained", request.RetainedAfter.ToUnixTimeMilliseconds()),
        ("inflight", request.InFlightExpiredBefore.ToUnixTimeMilliseconds()),
    ];

    /// <summary>The live record for the key as an outcome; <see cref="IdempotencyStart.Free"/> when there is none or it expired.</summary>
    private static async Task<IdempotencyStart> ReadIdempotencyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, transaction, SelectIdempotencySql, ("scope", request.Scope), ("key", request.Key));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadIdempotency(reader, request) : IdempotencyStart.Free;
    }

    private const string SelectIdempotencySql =
        "SELECT request_hash, completed, status, content_type, location, body, created_at FROM idempotency WHERE scope = @scope AND key = @key;";

    /// <summary>The outcome of the <see cref="SelectIdempotencySql"/> row the reader is on.</summary>
    private static IdempotencyStart ReadIdempotency(NpgsqlDataReader reader, IdempotencyRequest request)
    {
        var createdAt = FromMs(reader.GetInt64(6));
        var completed = reader.GetBoolean(1);
        var expired = createdAt < request.RetainedAfter || (!completed && createdAt < request.InFlightExpiredBefore);
        if (expired)
        {
            return IdempotencyStart.Free;
        }

        if (!completed)
        {
            return new IdempotencyStart(IdempotencyOutcome.InFlight);
        }

        return string.Equals(reader.GetString(0), request.RequestHash, StringComparison.Ordinal)
            ? new IdempotencyStart(IdempotencyOutcome.Completed, new StoredResponse(reader.GetInt32(2), NullableString(reader, 3), NullableString(reader, 4), reader.GetFieldValue<byte[]>(5)))
            : new IdempotencyStart(IdempotencyOutcome.Mismatch);
    }

    public async Task CompleteIdempotentRequestAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await IdempotencyRows.CompleteAsync(Sql(connection, null), scope, key, response, cancellationToken);
    }

    public async Task ReleaseIdempotentRequestAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var delete = Command("DELETE FROM idempotency WHERE scope = @scope AND key = @key AND NOT completed;", ("scope", scope), ("key", key));
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PurgeIdempotencyAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        await using var delete = Command("DELETE FROM idempotency WHERE created_at < @before;", ("before", createdBefore.ToUnixTimeMilliseconds()));
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}

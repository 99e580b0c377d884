using static SupportSdk.Server.Storage.StoreRows;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    public async Task<IdempotencyStart> BeginIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            var existing = await ReadIdempotencyAsync(connection, transaction, request, cancellationToken).ConfigureAwait(false);
            if (existing.Outcome != IdempotencyOutcome.Started)
            {
                return existing;
            }

            await using var claim = Command(connection, transaction,
                "INSERT OR REPLACE INTO idempotency(scope, key, request_hash, completed, created_at) VALUES ($scope, $key, $hash, 0, $at);",
                ("$scope", request.Scope), ("$key", request.Key), ("$hash", request.RequestHash), ("$at", request.Now.ToUnixTimeMilliseconds()));
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return existing;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IdempotencyStart> PeekIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadIdempotencyAsync(connection, null, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a completed idempotent request in the caller's write transaction (no earlier claim needed).</summary>
    private async Task StoreCompletedAsync(SqliteConnection connection, WriteScope transaction, IdempotentCompletion completion, CancellationToken cancellationToken)
    {
        var (request, response) = completion;
        await using var insert = Command(connection, transaction,
            "INSERT OR REPLACE INTO idempotency(scope, key, request_hash, completed, status, content_type, location, body, created_at) VALUES ($scope, $key, $hash, 1, $status, $type, $location, $body, $at);",
            ("$scope", request.Scope), ("$key", request.Key), ("$hash", request.RequestHash), ("$status", response.Status), ("$type", response.ContentType),
            ("$location", response.Location), ("$body", response.Body), ("$at", request.Now.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live record for the key as an outcome; <see cref="IdempotencyStart.Free"/> when there is none or it expired.</summary>
    private async Task<IdempotencyStart> ReadIdempotencyAsync(SqliteConnection connection, WriteScope? transaction, IdempotencyRequest request, CancellationToken cancellationToken)
    {
        await using var select = Command(connection, transaction,
            "SELECT request_hash, completed, status, content_type, location, body, created_at FROM idempotency WHERE scope = $scope AND key = $key;",
            ("$scope", request.Scope), ("$key", request.Key));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return IdempotencyStart.Free;
        }

        var createdAt = FromMs(reader.GetInt64(6));
        var completed = reader.GetInt64(1) == 1;
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
            ? new IdempotencyStart(IdempotencyOutcome.Completed, new StoredResponse(reader.GetInt32(2), NullableString(reader, 3), NullableString(reader, 4), (byte[])reader.GetValue(5)))
            : new IdempotencyStart(IdempotencyOutcome.Mismatch);
    }

    public async Task CompleteIdempotentRequestAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, _) =>
        {
            await IdempotencyRows.CompleteAsync(Sql(connection), scope, key, response, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseIdempotentRequestAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction,
                "DELETE FROM idempotency WHERE scope = $scope AND key = $key AND completed = 0;", ("$scope", scope), ("$key", key));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> PurgeIdempotencyAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction, "DELETE FROM idempotency WHERE created_at < $before;",
                ("$before", createdBefore.ToUnixTimeMilliseconds()));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}

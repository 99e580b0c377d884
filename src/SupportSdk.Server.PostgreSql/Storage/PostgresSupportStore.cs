using static SupportSdk.Server.Storage.StoreRows;
using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

/// <summary>
/// The store on PostgreSQL, for several server nodes on one database. Each write is one plain transaction (read
/// committed); where SQLite relies on its single writer, this engine locks what the write depends on: the chat row
/// (<c>FOR UPDATE</c>) for appends, an advisory lock on the owner for creating a chat, the article row for votes,
/// and <c>INSERT … ON CONFLICT</c> for idempotency keys.
/// </summary>
internal sealed partial class PostgresSupportStore : ISupportStoreEngine, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresSupportStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>Gets the pooled connections this store uses (shared with the backplane and leases).</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public Task MigrateAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(_dataSource, cancellationToken);

    public async Task<string> GetOrAddSettingAsync(string name, string valueIfMissing, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO settings(name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING;", ("name", name), ("value", valueIfMissing));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await using var select = Command(connection, transaction, "SELECT value FROM settings WHERE name = @name;", ("name", name));
            return (string)(await select.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    public async Task<bool> AddKeyAsync(StoredKey key, CancellationToken cancellationToken)
    {
        await using var insert = Command(
            "INSERT INTO api_keys(id, kind, name, key_hash, created_at) VALUES (@id, @kind, @name, @hash, @at) ON CONFLICT (key_hash) DO NOTHING;",
            ("id", key.Id), ("kind", key.Kind), ("name", key.Name), ("hash", key.KeyHash), ("at", key.CreatedAt.ToUnixTimeMilliseconds()));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<StoredKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT id, kind, name, key_hash, created_at FROM api_keys WHERE key_hash = @hash;", ("hash", keyHash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromMs(reader.GetInt64(4)))
            : null;
    }

    public async Task<int> CountKeysAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT COUNT(*)::integer FROM api_keys;");
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it; a throw rolls it back.</summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>A command on a connection of the caller (inside its transaction, when given).</summary>
    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        Bind(command, parameters);
        return command;
    }

    /// <summary>A command on a pooled connection of its own, returned to the pool when the command (or its reader) is disposed.</summary>
    private NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _dataSource.CreateCommand(sql);
        Bind(command, parameters);
        return command;
    }

    private static void Bind(NpgsqlCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}

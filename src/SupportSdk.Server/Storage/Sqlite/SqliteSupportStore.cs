using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Writes inside this process go through one gate (SQLite
/// has a single writer anyway, and queueing here beats spinning on SQLITE_BUSY); other processes sharing the
/// file are handled by the busy timeout.
/// </summary>
internal sealed partial class SqliteSupportStore : ISupportStore, IDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteSupportStore(string databasePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public void Dispose() => _writeGate.Dispose();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SqliteSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<string> GetOrAddSettingAsync(string name, string valueIfMissing, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO settings(name, value) VALUES ($name, $value) ON CONFLICT(name) DO NOTHING;",
                ("$name", name), ("$value", valueIfMissing));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await using var select = Command(connection, transaction, "SELECT value FROM settings WHERE name = $name;", ("$name", name));
            return (string)(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddKeyAsync(StoredKey key, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO api_keys(id, kind, name, key_hash, created_at) VALUES ($id, $kind, $name, $hash, $at) ON CONFLICT(key_hash) DO NOTHING;",
                ("$id", key.Id), ("$kind", key.Kind), ("$name", key.Name), ("$hash", key.KeyHash), ("$at", key.CreatedAt.ToUnixTimeMilliseconds()));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredKey?> FindKeyAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT id, kind, name, key_hash, created_at FROM api_keys WHERE key_hash = $hash;", ("$hash", keyHash));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), FromMs(reader.GetInt64(4)))
            : null;
    }

    public async Task<int> CountKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM api_keys;");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            var result = await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

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
    private readonly NpgsqlDataSource _sessionSource;

    public PostgresSupportStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(Tuned(connectionString));
        _sessionSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = 4,
            MinPoolSize = 0,
            NoResetOnClose = false, // a lease's lock must never outlive it on a pooled connection
            Multiplexing = false,
        }.ConnectionString);
    }

    /// <summary>Gets the pooled connections this store uses (shared with the backplane's signals).</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Gets the few connections that hold session state (advisory locks: the leases, the migration), reset
    /// by Npgsql before their next use, unlike the store's own.</summary>
    internal NpgsqlDataSource SessionDataSource => _sessionSource;

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _sessionSource.DisposeAsync();
    }

    /// <summary>
    /// The store runs the same few dozen statements all day and keeps no session state on its connections (its locks
    /// are transaction locks; the session locks live on <see cref="SessionDataSource"/>). So, unless the connection
    /// string says otherwise: Npgsql prepares each statement on a connection once it has run twice there (PostgreSQL
    /// then parses and plans it once per connection, not on every call), and a connection going back to the pool is
    /// not reset (a reset is several statements, run before each next use). Measured: PostgreSQL CPU per ticket a
    /// third lower. Behind a pooler in transaction mode that cannot keep prepared statements, set
    /// <c>Max Auto Prepare=0</c>. And the pool holds at most four connections per core of this node (8 to 100) rather
    /// than Npgsql's 100: more statements at once than that only make PostgreSQL's backends take turns on its cores
    /// (measured on 2 cores: ticket creation 1.15–1.2x with 8 than with 100), and three nodes at 100 each would pass
    /// PostgreSQL's default <c>max_connections</c> (100). A request past the pool waits for a connection.
    /// </summary>
    /// <summary>Four connections per core of this node, 8 to 100.</summary>
    internal static int DefaultMaxPoolSize => Math.Clamp(4 * Environment.ProcessorCount, 8, 100);

    internal static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Given(params string[] names) => names.Any(given.ContainsKey);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Given("Max Auto Prepare", "MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
        }

        if (!Given("Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            settings.AutoPrepareMinUsages = 2;
        }

        if (!Given("No Reset On Close", "NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        if (!Given("Maximum Pool Size", "MaxPoolSize", "Max Pool Size"))
        {
            settings.MaxPoolSize = Math.Max(settings.MinPoolSize, DefaultMaxPoolSize);
        }

        return settings.ConnectionString;
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => PostgresSchema.MigrateAsync(_sessionSource, cancellationToken);

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

    /// <summary>A statement of an <see cref="NpgsqlBatch"/>.</summary>
    private static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

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

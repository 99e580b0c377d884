using static SupportSdk.Server.Storage.StoreRows;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode. Writes inside this process go through one gate (SQLite
/// has a single writer anyway, and queueing here beats spinning on SQLITE_BUSY); other processes sharing the
/// file are handled by the busy timeout.
/// </summary>
internal sealed partial class SqliteSupportStore : ISupportStoreEngine, IAsyncDisposable
{
    private readonly string _connectionString;
    private const string ConnectionPragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
    private const int MaxCachedCommands = 64;

    /// <summary>The physical connections (SQLite handles, shared by every store in the process) already configured.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
    private static readonly object Marker = new();

    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // The writer connection and its prepared commands by SQL text: used only under _writeGate.
    private readonly Dictionary<string, SqliteCommand> _writerCommands = new(StringComparer.Ordinal);
    private SqliteConnection? _writer;
    private bool _disposed;

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

    /// <summary>Gets how long disposing waits for a write batch that holds the writer; it never waits for queued work.</summary>
    internal TimeSpan DisposeDeadline { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Refuses new reads and writes at once (ObjectDisposedException, also for writes still queued), then closes the writer
    /// connection when the batch running now (if any) finishes — waiting for it at most <see cref="DisposeDeadline"/>;
    /// past that, the batch closes the writer itself when it ends.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (await _writeGate.WaitAsync(DisposeDeadline).ConfigureAwait(false))
        {
            try
            {
                DropWriter();
            }
            finally
            {
                // Not disposed: writers still queued on the gate get it in turn and are answered ObjectDisposedException.
                _writeGate.Release();
            }
        }
    }

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

    /// <summary>
    /// A pooled connection for reading. The per-connection PRAGMAs run once per physical connection (the pool hands
    /// the same SQLite handle out again, and these settings stay with it), not on every open.
    /// </summary>
    private static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
            {
                await ExecuteAsync(connection, ConnectionPragmas, cancellationToken).ConfigureAwait(false);
                Configured.TryAdd(handle, Marker);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return OpenAsync(_connectionString, cancellationToken);
    }

    /// <summary>Closes the writer connection (its handle is not returned to the pool) and its cached commands; the next write opens a fresh one. Under the write gate.</summary>
    private void DropWriter()
    {
        foreach (var command in _writerCommands.Values)
        {
            command.Dispose();
        }

        _writerCommands.Clear();
        if (_writer is { } writer)
        {
            // Closed, not pooled: after an error it may still hold an open transaction, which a reader must never get.
            SqliteConnection.ClearPool(writer);
            writer.Dispose();
        }

        _writer = null;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A command for one statement. Inside a write transaction it is the writer connection's cached command for that
    /// SQL text (prepared once, parameters rebound); elsewhere a new command owned by the caller.
    /// </summary>
    private StoreCommand Command(SqliteConnection connection, WriteScope? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand? command = null;
        var cached = transaction is not null && ReferenceEquals(connection, _writer)
            && (_writerCommands.TryGetValue(sql, out command) || _writerCommands.Count < MaxCachedCommands);
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            if (cached)
            {
                _writerCommands.Add(sql, command);
            }
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return new StoreCommand(command, owned: !cached);
    }

    /// <summary>
    /// Marks a command as part of the current write transaction. The transaction is begun and ended with the
    /// writer's own cached <c>BEGIN IMMEDIATE</c> / <c>COMMIT</c> statements rather than <see cref="SqliteTransaction"/>,
    /// which prepares three statements (one a PRAGMA) per transaction.
    /// </summary>
    internal sealed class WriteScope
    {
        public static readonly WriteScope Instance = new();

        private WriteScope()
        {
        }
    }

    /// <summary>A statement to run: disposed with the caller when it owns it, otherwise only its parameters are cleared for the next use.</summary>
    private readonly struct StoreCommand(SqliteCommand command, bool owned) : IAsyncDisposable
    {
        public Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => command.ExecuteNonQueryAsync(cancellationToken);

        public Task<SqliteDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) => command.ExecuteReaderAsync(cancellationToken);

        public Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => command.ExecuteScalarAsync(cancellationToken);

        public ValueTask DisposeAsync()
        {
            if (owned)
            {
                return command.DisposeAsync();
            }

            command.Parameters.Clear();
            return ValueTask.CompletedTask;
        }
    }
}

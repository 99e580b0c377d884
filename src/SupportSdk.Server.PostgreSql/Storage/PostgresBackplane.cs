using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using SupportSdk.Server.Cluster;

namespace SupportSdk.Server.Storage.PostgreSql;

/// <summary>
/// Wakes the other nodes on one database with PostgreSQL's <c>LISTEN/NOTIFY</c>: a node sends each signal after the
/// commit it is about (ids and numbers only, well under NOTIFY's 8,000 bytes), and listens on a connection of its
/// own. When that connection drops it reconnects with backoff (100 ms doubling to 5 s, with jitter) and, once
/// listening again, resyncs from the database, so a signal lost meanwhile loses nothing.
/// </summary>
internal sealed partial class PostgresBackplane : IClusterBackplane, IAsyncDisposable
{
    /// <summary>The NOTIFY channel.</summary>
    public const string Channel = "supportsdk_events";

    /// <summary>The listening connection's application_name (what an operator sees in pg_stat_activity).</summary>
    public const string ListenerName = "supportsdk-listen";

    private const int MaxBatch = 64;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _sendSource;
    private readonly NpgsqlDataSource _listenSource;
    private readonly ILogger _logger;
    private readonly Channel<string> _outbox = System.Threading.Channels.Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite, // a lost wake-up is caught up at the next heartbeat; memory is not unbounded
    });

    public PostgresBackplane(NpgsqlDataSource sendSource, string connectionString, ILogger<PostgresBackplane> logger)
    {
        _sendSource = sendSource;
        _logger = logger;
        var listen = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            ApplicationName = ListenerName,
            KeepAlive = 5, // a silent dead connection is found within seconds, not at the next TCP timeout
        };
        _listenSource = NpgsqlDataSource.Create(listen.ConnectionString);
    }

    /// <summary>Gets this node's id in the signals it sends (its own are ignored when they come back).</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N")[..12];

    public bool IsShared => true;

    /// <summary>Gets how many times the listening connection was (re)opened: 1 after a clean start.</summary>
    public int Connects => Volatile.Read(ref _connects);

    private int _connects;

    public void Send(ClusterSignal signal) => _outbox.Writer.TryWrite(signal.Format(Node));

    public async Task ListenAsync(ClusterListener listener, CancellationToken stoppingToken)
    {
        // null in the queue means "resync": handled in order with the signals, by one consumer.
        var incoming = System.Threading.Channels.Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
        var sending = SendLoopAsync(stoppingToken);
        var handling = HandleLoopAsync(incoming.Reader, listener, stoppingToken);
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _listenSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (string.Equals(e.Channel, Channel, StringComparison.Ordinal))
                    {
                        incoming.Writer.TryWrite(e.Payload);
                    }
                };
                await using (var listen = new NpgsqlCommand("LISTEN " + Channel + ";", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Interlocked.Increment(ref _connects);
                backoff = FirstBackoff;
                incoming.Writer.TryWrite(null); // whatever happened before LISTEN is read from the store
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is not OutOfMemoryException)
            {
                LogListenLost(_logger, e.GetType().Name, (int)backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)(backoff.TotalMilliseconds / 2) + 1)), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        incoming.Writer.TryComplete();
        await Task.WhenAll(sending, handling).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await _listenSource.DisposeAsync();

    private async Task HandleLoopAsync(ChannelReader<string?> incoming, ClusterListener listener, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var payload in incoming.ReadAllAsync(stoppingToken))
            {
                if (payload is null)
                {
                    try
                    {
                        await listener.ResyncAsync(stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                    {
                        LogResyncFailed(_logger, e.GetType().Name);
                    }
                }
                else if (ClusterSignal.TryParse(payload, out var node, out var signal) && !string.Equals(node, Node, StringComparison.Ordinal))
                {
                    await listener.HandleAsync(signal, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task SendLoopAsync(CancellationToken stoppingToken)
    {
        var batch = new List<string>(MaxBatch);
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _outbox.Reader.TryRead(out var payload))
                {
                    batch.Add(payload);
                }

                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await using var command = _sendSource.CreateCommand("SELECT pg_notify('" + Channel + "', p) FROM unnest(@payloads) AS p;");
                        command.Parameters.AddWithValue("payloads", batch.ToArray());
                        await command.ExecuteNonQueryAsync(stoppingToken);
                        break;
                    }
                    catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                    {
                        if (attempt == 3)
                        {
                            // The other nodes catch up at their connections' next heartbeat.
                            LogSendFailed(_logger, e.GetType().Name, batch.Count);
                            break;
                        }

                        await Task.Delay(FirstBackoff * attempt, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "The cluster listening connection was lost ({ExceptionType}); reconnecting in {BackoffMs} ms.")]
    private static partial void LogListenLost(ILogger logger, string exceptionType, int backoffMs);

    [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Catching up after reconnecting failed ({ExceptionType}); heartbeats catch up.")]
    private static partial void LogResyncFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "{Count} signals to other nodes could not be sent ({ExceptionType}); their heartbeats catch up.")]
    private static partial void LogSendFailed(ILogger logger, string exceptionType, int count);
}

/// <summary>Leases as PostgreSQL session advisory locks: held by a connection while the work runs, and released by
/// the server when that connection dies with its node.</summary>
internal sealed class PostgresLeases(NpgsqlDataSource dataSource) : IStoreLeases
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var key = Key(name);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key);", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Lease(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A stable 64-bit key per name (FNV-1a), apart from the migration lock's.</summary>
    internal static long Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in "supportsdk.lease." + name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    private sealed class Lease(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key);", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and its lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}

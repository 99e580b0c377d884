namespace SupportSdk.Server.Cluster;

/// <summary>
/// Wakes the other server nodes on the same store. The store is the truth; a signal only says "read the store":
/// a node that misses one (its listening connection dropped) loses nothing, it catches up from the store when it
/// listens again (<see cref="ClusterListener.ResyncAsync"/>), and chat connections also catch up at every heartbeat.
/// </summary>
internal interface IClusterBackplane
{
    /// <summary>Gets whether other nodes may share the store (false for the embedded SQLite store).</summary>
    bool IsShared { get; }

    /// <summary>Queues a signal for the other nodes; never blocks and never throws.</summary>
    void Send(ClusterSignal signal);

    /// <summary>Listens until <paramref name="stoppingToken"/> fires, handing every other node's signal to
    /// <paramref name="listener"/>; reconnects after a fault, and resyncs once listening again.</summary>
    Task ListenAsync(ClusterListener listener, CancellationToken stoppingToken);
}

/// <summary>What a node does with the signals of the others.</summary>
internal abstract class ClusterListener
{
    public abstract Task HandleAsync(ClusterSignal signal, CancellationToken cancellationToken);

    /// <summary>Signals may have been missed (the listening connection was down): read everything again.</summary>
    public abstract Task ResyncAsync(CancellationToken cancellationToken);
}

/// <summary>One node alone on its store (SQLite): nobody to tell.</summary>
internal sealed class LocalBackplane : IClusterBackplane
{
    public bool IsShared => false;

    public void Send(ClusterSignal signal)
    {
    }

    public Task ListenAsync(ClusterListener listener, CancellationToken stoppingToken) => Task.CompletedTask;
}

/// <summary>
/// Background work that must run on one node at a time (housekeeping): a lease is held while the work runs and
/// freed when it ends — or when the holder dies, so a node's death never stops the work.
/// </summary>
internal interface IStoreLeases
{
    /// <summary>The lease on <paramref name="name"/>, or null when another node holds it now.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>One node alone on its store: every lease is granted.</summary>
internal sealed class LocalLeases : IStoreLeases
{
    private static readonly Task<IAsyncDisposable?> Granted = Task.FromResult<IAsyncDisposable?>(new Nothing());

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) => Granted;

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

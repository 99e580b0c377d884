using Microsoft.Extensions.Options;

namespace SupportSdk.Server.Chat;

/// <summary>
/// What one caller may use of this node's chat: at most <see cref="SupportServerOptions.ChatConnectionsPerCaller"/>
/// WebSockets at once, and one frame rate (<see cref="SupportServerOptions.ChatFramesPerSecond"/>, burst
/// <see cref="SupportServerOptions.ChatFrameBurst"/>) shared by all of them, so opening more sockets buys no more
/// throughput. Kept in memory per node.
/// </summary>
internal sealed class ChatCallerLimits(IOptions<SupportServerOptions> options, TimeProvider time)
{
    /// <summary>A caller's rate outlives their last connection this long, so reconnecting does not refill it.</summary>
    private static readonly TimeSpan KeepIdle = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Caller> _callers = new(StringComparer.Ordinal);
    private int _opens;

    /// <summary>A connection for <paramref name="scope"/>, or null when the caller already holds the most allowed.
    /// Dispose the lease when the connection ends.</summary>
    public Lease? TryOpen(string scope)
    {
        var o = options.Value;
        lock (_callers)
        {
            if (++_opens % 256 == 0)
            {
                ForgetIdle();
            }

            if (!_callers.TryGetValue(scope, out var caller))
            {
                _callers[scope] = caller = new Caller(new ChatFrameRate(o.ChatFramesPerSecond, o.ChatFrameBurst, time));
            }
            else if (caller.Connections >= Math.Max(1, o.ChatConnectionsPerCaller))
            {
                return null;
            }

            caller.Connections++;
            return new Lease(this, scope, caller.Rate);
        }
    }

    private void Close(string scope)
    {
        lock (_callers)
        {
            if (_callers.TryGetValue(scope, out var caller) && --caller.Connections <= 0)
            {
                caller.IdleSince = time.GetTimestamp();
            }
        }
    }

    private void ForgetIdle()
    {
        foreach (var (scope, caller) in _callers)
        {
            if (caller.Connections <= 0 && time.GetElapsedTime(caller.IdleSince) > KeepIdle)
            {
                _callers.Remove(scope);
            }
        }
    }

    private sealed class Caller(ChatFrameRate rate)
    {
        public int Connections { get; set; }

        public long IdleSince { get; set; }

        public ChatFrameRate Rate { get; } = rate;
    }

    /// <summary>One open connection of a caller, with the caller's shared frame rate.</summary>
    internal sealed class Lease(ChatCallerLimits owner, string scope, ChatFrameRate rate) : IDisposable
    {
        private int _disposed;

        public ChatFrameRate Rate { get; } = rate;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Close(scope);
            }
        }
    }
}

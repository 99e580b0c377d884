using System.Collections.Concurrent;
using Polly.Timeout;

namespace SupportSdk.Http;

/// <summary>
/// A timeout as a pooled <see cref="CancellationTokenSource"/> linked to a parent token: the call's total timeout and
/// each attempt's timeout, kept by <see cref="SupportHandler"/>, which already has the async frames they need. Kept
/// for speed only: Polly's timeout strategy in its place costs an async frame per timeout, measured at +624 B per call
/// (ticket GET, <c>alloc --async</c>) and 8,230 B per ticket GET over loopback, 1.34x the raw floor against the 1.25x
/// target (RESULTS.md, "Shortcuts kept for speed"). Expiry surfaces as Polly's <see cref="TimeoutRejectedException"/>,
/// so retry and breaker treat it as Polly's own timeout.
/// </summary>
internal readonly struct TimeoutSource
{
    private const int MaxPooled = 256;
    private static readonly ConcurrentQueue<CancellationTokenSource> Pool = new();
    private static int _pooled;

    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _parent;
    private readonly TimeProvider _time;

    private TimeoutSource(CancellationTokenSource source, CancellationTokenRegistration parent, TimeProvider time, TimeSpan timeout)
    {
        _source = source;
        _parent = parent;
        _time = time;
        Timeout = timeout;
    }

    public CancellationToken Token => _source.Token;

    public TimeSpan Timeout { get; }

    /// <summary>Starts a timeout of <paramref name="timeout"/> that also ends when <paramref name="parent"/> is cancelled.</summary>
    public static TimeoutSource Start(TimeSpan timeout, TimeProvider time, CancellationToken parent)
    {
        CancellationTokenSource source;
        if (time != TimeProvider.System)
        {
            source = new CancellationTokenSource(timeout, time); // a test clock: not pooled
        }
        else
        {
            if (Pool.TryDequeue(out var pooled))
            {
                Interlocked.Decrement(ref _pooled);
                source = pooled;
            }
            else
            {
                source = new CancellationTokenSource();
            }

            source.CancelAfter(timeout);
        }

        var registration = parent.CanBeCanceled ? parent.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source) : default;
        return new TimeoutSource(source, registration, time, timeout);
    }

    /// <summary>True when this timeout, not <paramref name="parent"/>, cancelled the wait.</summary>
    public bool Expired(CancellationToken parent) => _source.IsCancellationRequested && !parent.IsCancellationRequested;

    public TimeoutRejectedException Rejected(string what, Exception inner) =>
        new($"{what} did not complete within {Timeout}.", Timeout, inner);

    /// <summary>Unlinks from the parent first (so a late cancellation cannot reach a reused source), then pools the source.</summary>
    public void Return()
    {
        _parent.Dispose();
        if (_time == TimeProvider.System && _source.TryReset())
        {
            if (Interlocked.Increment(ref _pooled) <= MaxPooled)
            {
                Pool.Enqueue(_source);
                return;
            }

            Interlocked.Decrement(ref _pooled);
        }

        _source.Dispose();
    }
}

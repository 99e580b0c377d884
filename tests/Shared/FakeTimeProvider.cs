namespace SupportSdk.Testing;

/// <summary>
/// A clock that moves only when told, with timers (Microsoft.Extensions.TimeProvider.Testing is not available here).
/// Every timer created is recorded with its due time, so tests can read the delays the SDK asked for.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _now;
    private int _version;

    public FakeTimeProvider(DateTimeOffset? start = null) => _now = start ?? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> RequestedDelays { get; } = [];

    /// <summary>
    /// When set, a timer due sooner than this fires at once (the clock jumps by its delay): backoff waits pass instantly
    /// while longer timers (timeouts) wait for <see cref="Advance"/>.
    /// </summary>
    public TimeSpan? AutoAdvanceBelow { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way, in order.</summary>
    public void Advance(TimeSpan by)
    {
        DateTimeOffset target;
        lock (_gate)
        {
            target = _now + by;
        }

        while (true)
        {
            FakeTimer? next;
            lock (_gate)
            {
                next = _timers.Where(t => t.Due <= target).MinBy(t => t.Due);
                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.Due!.Value > _now ? next.Due.Value : _now;
                next.Advance();
            }

            next.Fire();
        }
    }

    /// <summary>Moves the clock to the next pending timer and fires it; false when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        DateTimeOffset? due;
        lock (_gate)
        {
            due = _timers.Where(t => t.Due is not null).Select(t => t.Due).Min();
        }

        if (due is null)
        {
            return false;
        }

        Advance(due.Value - GetUtcNow() is var d && d > TimeSpan.Zero ? d : TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="action"/> while advancing the clock whenever the action waits on a timer: retries and
    /// timeouts happen in simulated time, so the test takes milliseconds. Bounded to 10,000 steps.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        var task = action();
        var quiet = 0;
        var seen = Volatile.Read(ref _version);
        for (var step = 0; step < 10_000 && !task.IsCompleted; step++)
        {
            await Task.WhenAny(task, Task.Delay(1));
            var now = Volatile.Read(ref _version);
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
            // Advance only once the code under test has settled (no timer created or changed for a few polls), so
            // a timer it is about to create is not jumped over.
            if (!task.IsCompleted && quiet >= 10)
            {
                AdvanceToNextTimer();
                quiet = 0;
            }
        }

        return await task;
    }

    public Task RunAsync(Func<Task> action) => RunAsync(async () =>
    {
        await action();
        return true;
    });

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._gate)
            {
                Interlocked.Increment(ref owner._version);
                _period = period;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    Due = null;
                    owner._timers.Remove(this);
                }
                else if (owner.AutoAdvanceBelow is { } limit && dueTime < limit)
                {
                    owner.RequestedDelays.Add(dueTime);
                    owner._now += dueTime;
                    Due = null;
                    owner._timers.Remove(this);
                    ThreadPool.QueueUserWorkItem(_ => Fire());
                }
                else
                {
                    owner.RequestedDelays.Add(dueTime);
                    Due = owner._now + dueTime;
                    if (!owner._timers.Contains(this))
                    {
                        owner._timers.Add(this);
                    }
                }
            }

            return true;
        }

        /// <summary>Called under the owner's lock when the timer fires: reschedules or removes it.</summary>
        public void Advance()
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                Due = Due!.Value + _period;
            }
            else
            {
                Due = null;
                owner._timers.Remove(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (owner._gate)
            {
                Due = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

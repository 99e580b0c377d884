using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace SupportSdk.Tests.Infrastructure;

/// <summary>
/// The package's <see cref="FakeTimeProvider"/> (its clock and timers), plus what the SDK's tests need to see and drive
/// the waits the SDK makes: every delay a timer was armed with (<see cref="RequestedDelays"/>), short waits that pass
/// at once (<see cref="AutoAdvanceBelow"/>), and <see cref="RunAsync{T}"/>, which moves the clock to the next pending
/// timer whenever the code under test has settled, so retries and timeouts happen in simulated time.
/// </summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentDictionary<RecordingTimer, DateTimeOffset> _pending = new();
    private int _changes;

    public RecordingTimeProvider()
        : base(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Gets the due time of every timer armed (created or changed), in order.</summary>
    public ConcurrentQueue<TimeSpan> RequestedDelays { get; } = new();

    /// <summary>Gets or sets a limit under which a timer fires at once, the clock jumping by its delay: backoff waits
    /// pass instantly while longer timers (timeouts) wait for <see cref="FakeTimeProvider.Advance"/>.</summary>
    public TimeSpan? AutoAdvanceBelow { get; set; }

    /// <summary>Gets when each pending timer is due.</summary>
    public IReadOnlyCollection<DateTimeOffset> PendingDueTimes => [.. _pending.Values];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(this, period);
        timer.Inner = base.CreateTimer(static s => ((RecordingTimer)s!).Fire(), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Callback = () => callback(state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock to the next pending timer, firing it; false when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        if (_pending.IsEmpty)
        {
            return false;
        }

        var next = _pending.Values.Min();
        var now = GetUtcNow();
        Advance(next > now ? next - now : TimeSpan.Zero);
        return true;
    }

    /// <summary>
    /// Runs <paramref name="action"/>, advancing the clock to the next timer whenever the action is waiting and nothing
    /// has armed or changed a timer for ten polls (so a timer about to be armed is not jumped over). Bounded to 10,000 polls.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        var task = action();
        var quiet = 0;
        var seen = Volatile.Read(ref _changes);
        for (var poll = 0; poll < 10_000 && !task.IsCompleted; poll++)
        {
            await Task.WhenAny(task, Task.Delay(1));
            var now = Volatile.Read(ref _changes);
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
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

    /// <summary>Wraps the package's timer to record its delays and to know when it is due.</summary>
    private sealed class RecordingTimer(RecordingTimeProvider owner, TimeSpan period) : ITimer
    {
        private TimeSpan _period = period;
        private int _version;

        public ITimer Inner { get; set; } = null!;

        public Action Callback { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Increment(ref owner._changes);
            var version = Interlocked.Increment(ref _version);
            _period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                owner._pending.TryRemove(this, out _);
                return Inner.Change(dueTime, period);
            }

            owner.RequestedDelays.Enqueue(dueTime);
            if (owner.AutoAdvanceBelow is { } limit && dueTime < limit)
            {
                owner._pending.TryRemove(this, out _);
                Inner.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    owner.Advance(dueTime);
                    if (Volatile.Read(ref _version) == version)
                    {
                        Fire(); // not when changed or disposed since
                    }
                });
                return true;
            }

            owner._pending[this] = owner.GetUtcNow() + dueTime;
            return Inner.Change(dueTime, period);
        }

        public void Fire()
        {
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                owner._pending[this] = owner.GetUtcNow() + _period;
            }
            else
            {
                owner._pending.TryRemove(this, out _);
            }

            Callback();
        }

        public void Dispose()
        {
            Interlocked.Increment(ref _version);
            owner._pending.TryRemove(this, out _);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

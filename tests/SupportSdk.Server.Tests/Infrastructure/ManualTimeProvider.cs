namespace SupportSdk.Server.Tests.Infrastructure;

/// <summary>A clock tests move by hand (Microsoft.Extensions.TimeProvider.Testing is not available here).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

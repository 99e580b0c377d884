using System.Runtime.InteropServices;

namespace SupportSdk.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>): the work a synchronous call did, without the
/// time the thread sat preempted on a busy shared machine. Falls back to NaN elsewhere.
/// </summary>
public static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>Thread CPU time in milliseconds.</summary>
    public static double NowMilliseconds() =>
        IsSupported && clock_gettime(ClockThreadCpuTimeId, out var ts) == 0 ? (ts.Seconds * 1000.0) + (ts.Nanoseconds / 1_000_000.0) : double.NaN;

    private static bool Probe()
    {
        try
        {
            return clock_gettime(ClockThreadCpuTimeId, out _) == 0;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}

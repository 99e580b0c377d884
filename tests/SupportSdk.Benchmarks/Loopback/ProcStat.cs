using System.Globalization;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>What Linux's /proc says about another process: CPU time, resident memory, children. NaN (or nothing)
/// where there is no /proc or the process is gone.</summary>
public static class ProcStat
{
    /// <summary>User + system CPU seconds; with <paramref name="includeReapedChildren"/> also the time of children it
    /// has waited for (cutime, cstime).</summary>
    public static double CpuSeconds(int pid, bool includeReapedChildren = false)
    {
        if (Fields(pid) is not { } fields)
        {
            return double.NaN;
        }

        // Fields after the command name "(...)": state is field 3 (index 0 here); utime 14, stime 15, cutime 16,
        // cstime 17, in clock ticks (USER_HZ = 100).
        var ticks = Long(fields[11]) + Long(fields[12]) + (includeReapedChildren ? Long(fields[13]) + Long(fields[14]) : 0);
        return ticks / 100.0;
    }

    /// <summary>A line of /proc/&lt;pid&gt;/status in kilobytes, e.g. <c>VmRSS</c>, <c>RssAnon</c>, <c>VmHWM</c>.</summary>
    public static long StatusKilobytes(int pid, string field)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return -1;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>The live processes whose parent is <paramref name="parent"/>.</summary>
    public static IEnumerable<int> Children(int parent)
    {
        if (!Directory.Exists("/proc"))
        {
            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Fields(pid) is { } fields && Long(fields[1]) == parent)
            {
                yield return pid;
            }
        }
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // gone between listing and reading, or no /proc
        }
    }

    private static long Long(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}

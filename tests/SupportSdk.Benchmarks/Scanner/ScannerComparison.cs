using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using SupportSdk.Security;

namespace SupportSdk.Benchmarks.Scanner;

/// <summary>
/// Before/after on a busy shared machine: loads another build of <c>SupportSdk.Protocol.dll</c> (e.g. the commit before
/// a scanner change) in its own load context beside this one, and times <c>SecretScanner.Default.Scan</c> of both on
/// each benchmark message in alternating batches, as thread CPU time (the work done, not the time spent preempted).
/// </summary>
public static class ScannerComparison
{
    public static int Run(string beforeAssembly, int rounds, int batch)
    {
        var context = new AssemblyLoadContext("scanner-before", isCollectible: false);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(beforeAssembly));
        var type = assembly.GetType("SupportSdk.Security.SecretScanner", throwOnError: true)!;
        var scanner = type.GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var scan = type.GetMethod("Scan", [typeof(string)])!.CreateDelegate<Func<string, object>>(scanner);
        Func<string, object> after = SecretScanner.Default.Scan;

        Console.WriteLine($"before: {assembly.Location}; {rounds} rounds x {batch} calls per variant and message; thread CPU time per call");
        Console.WriteLine("| message | chars | before µs | after µs | after / before (median of per-round ratios) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, text) in SecretScanBenchmarks.Messages)
        {
            for (var w = 0; w < batch; w++)
            {
                scan(text);
                after(text);
            }

            var before = new List<double>();
            var now = new List<double>();
            var ratios = new List<double>();
            for (var r = 0; r < rounds; r++)
            {
                // Alternate which variant goes first, so neither always runs on a warmer cache.
                var b = r % 2 == 0 ? Time(scan, text, batch) : double.NaN;
                var a = Time(after, text, batch);
                b = double.IsNaN(b) ? Time(scan, text, batch) : b;
                before.Add(b);
                now.Add(a);
                ratios.Add(a / b);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {text.Length} | {Stats.Percentile(before, 50):F2} | {Stats.Percentile(now, 50):F2} | {Stats.Percentile(ratios, 50):F2}x |"));
        }

        return 0;
    }

    private static double Time(Func<string, object> scan, string text, int batch)
    {
        var start = ThreadCpuClock.NowMilliseconds();
        for (var i = 0; i < batch; i++)
        {
            scan(text);
        }

        return (ThreadCpuClock.NowMilliseconds() - start) * 1000.0 / batch;
    }
}

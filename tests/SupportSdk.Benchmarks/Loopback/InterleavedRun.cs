using System.Diagnostics;
using SupportSdk.Benchmarks.Clients;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// Runs one operation for every variant in short batches, A B C D then B C D A and so on, so that the shared CPU's
/// slow and fast moments fall on every variant alike. Each call is timed; allocated bytes are counted per batch with
/// <see cref="GC.GetTotalAllocatedBytes(bool)"/> (all threads of this process: continuations hop threads). Bounded by
/// rounds and by time.
/// </summary>
public sealed class InterleavedRun(IReadOnlyList<SupportCalls> variants, Func<SupportCalls, Task> call)
{
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(2);

    public sealed record Result(string Variant, double P50, double P99, double BytesPerCall, double RoundRatioP50, int Calls);

    public async Task<IReadOnlyList<Result>> RunAsync(int warmupCalls, int rounds, int batch, TimeSpan budget)
    {
        var n = variants.Count;

        // At least warmupCalls each and about two seconds in all, so tiered JIT has settled before anything is timed.
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < warmupCalls || (warmup.Elapsed < WarmupTime && i < warmupCalls * 100); i++)
        {
            foreach (var variant in variants)
            {
                await call(variant);
            }
        }

        var samples = Enumerable.Range(0, n).Select(_ => new List<double>(rounds * batch)).ToArray();
        var roundMedians = Enumerable.Range(0, n).Select(_ => new List<double>(rounds)).ToArray();
        var bytes = new long[n];
        var batchTimes = new double[batch];
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds && clock.Elapsed < budget; round++)
        {
            for (var k = 0; k < n; k++)
            {
                var v = (round + k) % n;
                var variant = variants[v];
                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < batch; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await call(variant);
                    batchTimes[i] = ToMilliseconds(Stopwatch.GetTimestamp() - start);
                }

                bytes[v] += GC.GetTotalAllocatedBytes(precise: true) - before;
                samples[v].AddRange(batchTimes);
                roundMedians[v].Add(Median(batchTimes));
            }
        }

        var results = new List<Result>(n);
        for (var v = 0; v < n; v++)
        {
            var ratios = roundMedians[v].Zip(roundMedians[0], (mine, floor) => mine / floor).ToArray();
            results.Add(new Result(variants[v].Name, Median(samples[v]), Percentile(samples[v], 99), (double)bytes[v] / samples[v].Count, Median(ratios), samples[v].Count));
        }

        return results;
    }

    public static void Print(string operation, IReadOnlyList<Result> results)
    {
        var floor = results[0];
        var restSharp = results.FirstOrDefault(r => r.Variant.StartsWith("RestSharp", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine($"### {operation} ({floor.Calls} calls per variant, interleaved)");
        Console.WriteLine("| variant | p50 ms | p99 ms | p50 / floor | median of per-round p50 ratios | p99 / floor | bytes/call | bytes / floor | bytes / RestSharp |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
        {
            var vsRest = restSharp is null ? "" : Ratio(r.BytesPerCall / restSharp.BytesPerCall);
            Console.WriteLine($"| {r.Variant} | {Ms(r.P50)} | {Ms(r.P99)} | {Ratio(r.P50 / floor.P50)} | {Ratio(r.RoundRatioP50)} | {Ratio(r.P99 / floor.P99)} " +
                $"| {r.BytesPerCall:0} | {Ratio(r.BytesPerCall / floor.BytesPerCall)} | {vsRest} |");
        }
    }
}

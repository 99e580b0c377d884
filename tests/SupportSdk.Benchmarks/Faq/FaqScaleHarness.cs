using System.Diagnostics;
using System.Text.Json;
using SupportSdk.Server.Faq;
using SupportSdk.Testing;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Faq;

/// <summary>
/// P8: FAQ search latency on the server's own index (<see cref="FaqSnapshot.Search"/>, exactly what
/// <c>GET /v1/faq/search</c> runs, without HTTP) at several corpus sizes, p50 and p99 over the public query set plus
/// short Chinese queries, which must all match.
/// </summary>
public static class FaqScaleHarness
{
    /// <summary>One- and two-character Chinese queries: each must find at least one Chinese article.</summary>
    public static readonly string[] ShortChineseQueries = ["币", "税", "卡", "提现", "充值", "冻结", "投诉", "划转", "杠杆"];

    private const int MaxSamplesPerSize = 6000;
    private static readonly TimeSpan MeasureBudget = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WarmupBudget = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(IReadOnlyList<int> sizes)
    {
        var queries = LoadQueries();
        var failures = 0;
        Console.WriteLine($"FAQ search (P8): {queries.Count} public queries + {ShortChineseQueries.Length} short Chinese queries, limit 10, one thread.");
        Console.WriteLine("| articles (en+zh) | build s | managed MB | p50 ms | p99 ms | max ms | CPU p50/p99 ms | en p50/p99 | zh p50/p99 | short-CJK p50/p99 | samples | short CJK all match | load |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var size in sizes)
        {
            failures += await MeasureAsync(size, queries);
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> MeasureAsync(int size, List<(string Query, string Locale)> queries)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var build = Stopwatch.StartNew();
        var snapshot = new FaqSnapshot(await FaqCorpus.GenerateAsync(size), "en-us");
        build.Stop();
        var memory = (GC.GetTotalMemory(forceFullCollection: true) - before) / (1024.0 * 1024.0);

        var all = queries.Concat(ShortChineseQueries.Select(q => (q, "zh-cn"))).ToList();
        var misses = ShortChineseQueries.Where(q => snapshot.Search(q, "zh-cn", 10).Items is not { Count: > 0 } items || !items[0].Locale.StartsWith("zh", StringComparison.Ordinal)).ToList();
        // Warm up long enough for tiered JIT to settle (the shared CPU makes background compiles slow).
        var warmup = Stopwatch.StartNew();
        for (var pass = 0; pass < 3 || (warmup.Elapsed < WarmupBudget && pass < 200); pass++)
        {
            foreach (var (q, locale) in all)
            {
                snapshot.Search(q, locale, 10);
            }
        }

        var samples = new List<double>(MaxSamplesPerSize);
        var en = new List<double>(MaxSamplesPerSize);
        var zh = new List<double>(MaxSamplesPerSize);
        var shortCjk = new List<double>(MaxSamplesPerSize);
        var cpu = new List<double>(MaxSamplesPerSize);
        var clock = Stopwatch.StartNew();
        while (samples.Count < MaxSamplesPerSize && clock.Elapsed < MeasureBudget)
        {
            for (var i = 0; i < all.Count && samples.Count < MaxSamplesPerSize; i++)
            {
                var (q, locale) = all[i];
                var cpuStart = ThreadCpuClock.NowMilliseconds();
                var start = Stopwatch.GetTimestamp();
                snapshot.Search(q, locale, 10);
                var ms = ToMilliseconds(Stopwatch.GetTimestamp() - start);
                cpu.Add(ThreadCpuClock.NowMilliseconds() - cpuStart);
                samples.Add(ms);
                (i >= queries.Count ? shortCjk : locale == "en-us" ? en : zh).Add(ms);
            }
        }

        Console.WriteLine($"| {size:N0} | {build.Elapsed.TotalSeconds:0.0} | {memory:0} | {Ms(Median(samples))} | {Ms(Percentile(samples, 99))} | {Ms(samples.Max())} | {Ms(Median(cpu))} / {Ms(Percentile(cpu, 99))} " +
            $"| {Ms(Median(en))} / {Ms(Percentile(en, 99))} | {Ms(Median(zh))} / {Ms(Percentile(zh, 99))} | {Ms(Median(shortCjk))} / {Ms(Percentile(shortCjk, 99))} " +
            $"| {samples.Count} | {(misses.Count == 0 ? "yes" : "NO: " + string.Join(" ", misses))} | {Machine.LoadAverage()} |");
        return misses.Count;
    }

    private static List<(string Query, string Locale)> LoadQueries() =>
        File.ReadLines(TestData.Path("faq", "queries.public.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                return (root.GetProperty("query").GetString()!, root.GetProperty("lang").GetString() == "zh" ? "zh-cn" : "en-us");
            })
            .ToList();
}

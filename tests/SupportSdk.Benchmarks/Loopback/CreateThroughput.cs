using System.Diagnostics;
using SupportSdk.Benchmarks.Clients;
using SupportSdk.Benchmarks.InMemory;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// Server ticket creation on SQLite: N concurrent clients (one user each, own connections), each creating tickets
/// one after another with a fresh <c>Idempotency-Key</c>, for a fixed time after a warm-up. Client and server share
/// the machine's cores, so this is a floor for the server alone.
/// </summary>
public static class CreateThroughput
{
    private const int MaxTicketsPerLevel = 200_000;
    private static readonly TimeSpan ServerWarmUp = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(IReadOnlyList<int> concurrencies, TimeSpan duration, int rounds)
    {
        await using var server = await ServerProcess.StartAsync();

        // The server's JIT tiers up during its first ~10 s of load; without this, the first measured run carried
        // that cost (1,300-2,300 us of server CPU per ticket against ~450-800 steady).
        await WarmUpServerAsync(server, ServerWarmUp);
        Console.WriteLine($"Ticket creation throughput: {rounds} interleaved rounds of {duration.TotalSeconds:0} s per run, each after a 2 s warm-up (the server after {ServerWarmUp.TotalSeconds:0} s of load first); each client a separate user.");
        Console.WriteLine("| round | client | concurrent clients | tickets | tickets/s | p50 ms | p99 ms | errors | server CPU cores used | server CPU us/ticket | load |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var best = new Dictionary<string, double>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var concurrency in concurrencies)
            {
                foreach (var sdk in new[] { false, true })
                {
                    var rate = await MeasureAsync(server, round, concurrency, sdk, duration);
                    var key = $"{(sdk ? "SDK, default resilience" : "raw HttpClient")}, {concurrency} clients";
                    best[key] = Math.Max(best.GetValueOrDefault(key), rate);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Best round (the shared CPU only ever slows a run down): " + string.Join("; ", best.Select(p => $"{p.Key}: {p.Value:0}/s")));
        return 0;
    }

    private static async Task<double> MeasureAsync(ServerProcess server, int round, int concurrency, bool sdk, TimeSpan duration)
    {
        var endpoint = server.Endpoint;
        var clients = new List<SupportCalls>(concurrency);
        for (var i = 0; i < concurrency; i++)
        {
            var token = await SupportSession.MintTokenAsync(endpoint, $"bench-create-{round}-{(sdk ? "sdk" : "raw")}-{concurrency}-{i}");
            clients.Add(sdk ? SdkCalls.Network(endpoint, token, resilience: true) : new RawCalls(new SocketsHttpHandler(), endpoint, token));
        }

        try
        {
            await RunWorkersAsync(clients, TimeSpan.FromSeconds(2), record: null);
            var latencies = new List<double>[concurrency];
            var errors = new int[concurrency];
            var cpuBefore = server.CpuSeconds();
            var clock = Stopwatch.StartNew();
            var created = await RunWorkersAsync(clients, duration, (worker, ms, ok) =>
            {
                (latencies[worker] ??= new List<double>(4096)).Add(ms);
                if (!ok)
                {
                    errors[worker]++;
                }
            });
            var seconds = clock.Elapsed.TotalSeconds;
            var serverCpu = server.CpuSeconds() - cpuBefore;
            var all = latencies.Where(l => l is not null).SelectMany(l => l).ToList();
            Console.WriteLine($"| {round} | {(sdk ? "SDK, default resilience" : "raw HttpClient")} | {concurrency} | {created} | {created / seconds:0} | {Ms(Median(all))} | {Ms(Percentile(all, 99))} | {errors.Sum()} | {serverCpu / seconds:0.00} | {serverCpu * 1e6 / Math.Max(1, created):0} | {Machine.LoadAverage()} |");
            return created / seconds;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task WarmUpServerAsync(ServerProcess server, TimeSpan duration)
    {
        var clients = new List<SupportCalls>();
        for (var i = 0; i < 16; i++)
        {
            var token = await SupportSession.MintTokenAsync(server.Endpoint, $"bench-create-warmup-{i}");
            clients.Add(i % 2 == 0 ? SdkCalls.Network(server.Endpoint, token, resilience: true) : new RawCalls(new SocketsHttpHandler(), server.Endpoint, token));
        }

        try
        {
            await RunWorkersAsync(clients, duration, record: null);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<int> RunWorkersAsync(IReadOnlyList<SupportCalls> clients, TimeSpan duration, Action<int, double, bool>? record)
    {
        var created = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(clients.Select((client, worker) => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < deadline && Volatile.Read(ref created) < MaxTicketsPerLevel)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = true;
                try
                {
                    await client.CreateTicketAsync(CannedPayloads.NewTicket);
                    Interlocked.Increment(ref created);
                }
                catch (Exception e) when (e is HttpRequestException or SupportApiException)
                {
                    ok = false;
                }

                record?.Invoke(worker, ToMilliseconds(Stopwatch.GetTimestamp() - start), ok);
            }
        })));
        return created;
    }
}

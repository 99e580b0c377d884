using System.Diagnostics;
using SupportSdk.Benchmarks.Clients;
using SupportSdk.Benchmarks.InMemory;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// Server ticket creation: N concurrent clients (one user each, own connections), each creating tickets one after
/// another with a fresh <c>Idempotency-Key</c>, for a fixed time after a warm-up. Client and server share the
/// machine's cores, so this is a floor for the server alone. By default on SQLite with the raw and the SDK client;
/// with <c>--stores</c> (e.g. <c>sqlite,pg1,pg3</c>) the raw client against each deployment in turn, the deployments
/// interleaved run by run, clients spread round-robin over a deployment's nodes.
/// </summary>
public static class CreateThroughput
{
    private const int MaxTicketsPerLevel = 200_000;
    private static readonly TimeSpan ServerWarmUp = TimeSpan.FromSeconds(10);

    /// <summary>Where the clients go and whose CPU is counted.</summary>
    private sealed record Deployment(string? Store, Func<int, Uri> EndpointFor, Func<double> ServerCpu, Func<double>? DatabaseCpu);

    public static async Task<int> RunAsync(IReadOnlyList<int> concurrencies, TimeSpan duration, int rounds)
    {
        await using var server = await ServerProcess.StartAsync();
        var deployment = new Deployment(null, _ => server.Endpoint, server.CpuSeconds, null);

        // The server's JIT tiers up during its first ~10 s of load; without this, the first measured run carried
        // that cost (1,300-2,300 us of server CPU per ticket against ~450-800 steady).
        await WarmUpServerAsync(deployment, ServerWarmUp);
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
                    var rate = await MeasureAsync(deployment, round, concurrency, sdk, duration);
                    var key = $"{(sdk ? "SDK, default resilience" : "raw HttpClient")}, {concurrency} clients";
                    best[key] = Math.Max(best.GetValueOrDefault(key), rate);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine("Best round (the shared CPU only ever slows a run down): " + string.Join("; ", best.Select(p => $"{p.Key}: {p.Value:0}/s")));
        return 0;
    }

    /// <summary>The same measurement against several deployments (<see cref="StoreTargets"/> specs) started side by
    /// side, interleaved: in each round and client count every deployment runs once, in an order that rotates.</summary>
    public static async Task<int> RunStoresAsync(IReadOnlyList<string> stores, IReadOnlyList<int> concurrencies, TimeSpan duration, int rounds, bool synchronousCommit,
        IReadOnlyDictionary<string, string> settings, int usersPerClient = 1)
    {
        await using var set = await StoreTargets.StartAsync(stores, synchronousCommit, settings);
        if (settings.Count > 0)
        {
            Console.WriteLine("SupportDesk processes also with: " + string.Join(", ", settings.Select(p => $"{p.Key}={p.Value}")));
        }

        var deployments = set.Targets.Select(t => new Deployment(t.Name, t.EndpointFor, t.ServerCpuSeconds, t.OnPostgres ? set.Postgres!.CpuSeconds : null)).ToList();
        if (set.Postgres is { } postgres)
        {
            Console.WriteLine($"PostgreSQL: {postgres.Settings}; one database per deployment in one cluster on 127.0.0.1.");
        }

        foreach (var deployment in deployments)
        {
            await WarmUpServerAsync(deployment, ServerWarmUp);
        }

        Console.WriteLine($"Ticket creation throughput by store: raw HttpClient, {rounds} rounds of {duration.TotalSeconds:0} s per run, each after a 2 s warm-up (every node after {ServerWarmUp.TotalSeconds:0} s of load first); " +
            (usersPerClient == 1 ? "each client a separate user" : $"each client creating for {usersPerClient} users of its own in turn") + "; clients round-robin over a deployment's nodes; deployments interleaved. SupportDesk CPU: all its nodes; PostgreSQL CPU: the whole cluster.");
        Console.WriteLine("| round | store | concurrent clients | tickets | tickets/s | p50 ms | p99 ms | errors | SupportDesk CPU cores used | SupportDesk CPU us/ticket | PostgreSQL CPU cores used | PostgreSQL CPU us/ticket | load |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var rates = new Dictionary<(string Store, int Clients), List<double>>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var concurrency in concurrencies)
            {
                for (var k = 0; k < deployments.Count; k++)
                {
                    var deployment = deployments[(round - 1 + k) % deployments.Count];
                    var rate = await MeasureAsync(deployment, round, concurrency, sdk: false, duration, usersPerClient);
                    (rates.TryGetValue((deployment.Store!, concurrency), out var list) ? list : rates[(deployment.Store!, concurrency)] = []).Add(rate);
                }
            }
        }

        Console.WriteLine();
        var baseline = deployments[0].Store!;
        foreach (var concurrency in concurrencies)
        {
            foreach (var deployment in deployments)
            {
                var mine = rates[(deployment.Store!, concurrency)];
                var line = $"{deployment.Store}, {concurrency} clients: rounds {string.Join(" / ", mine.Select(r => r.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} tickets/s, best {mine.Max():0}";
                if (deployment.Store != baseline)
                {
                    var ratios = mine.Zip(rates[(baseline, concurrency)], (m, b) => m / b).ToList();
                    line += $"; / {baseline}, round by round: {string.Join(" / ", ratios.Select(Ratio))}, median {Ratio(Median(ratios))} (target >= 0.50x: {Verdict(Median(ratios) >= 0.5)})";
                }

                Console.WriteLine(line);
            }
        }

        if (set.Postgres is { TracksStatements: true } tracked)
        {
            Console.WriteLine();
            Console.WriteLine("PostgreSQL statements by server time (pg_stat_statements, the whole run with warm-ups):");
            Console.WriteLine(await tracked.StatementsReportAsync());
        }

        return 0;
    }
    private static async Task<double> MeasureAsync(Deployment deployment, int round, int concurrency, bool sdk, TimeSpan duration, int usersPerClient = 1)
    {
        var clients = new List<SupportCalls>(concurrency);
        for (var i = 0; i < concurrency; i++)
        {
            var endpoint = deployment.EndpointFor(i);
            var user = $"bench-create-{round}-{(sdk ? "sdk" : "raw")}-{concurrency}-{i}";
            if (usersPerClient > 1)
            {
                clients.Add(new RawCalls(new SocketsHttpHandler(), endpoint, await SupportSession.MintTokensAsync(endpoint, user, usersPerClient)));
                continue;
            }

            var token = await SupportSession.MintTokenAsync(endpoint, user);
            clients.Add(sdk ? SdkCalls.Network(endpoint, token, resilience: true) : new RawCalls(new SocketsHttpHandler(), endpoint, token));
        }

        try
        {
            await RunWorkersAsync(clients, TimeSpan.FromSeconds(2), record: null);
            var latencies = new List<double>[concurrency];
            var errors = new int[concurrency];
            var cpuBefore = deployment.ServerCpu();
            var databaseBefore = deployment.DatabaseCpu?.Invoke() ?? 0;
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
            var serverCpu = deployment.ServerCpu() - cpuBefore;
            var all = latencies.Where(l => l is not null).SelectMany(l => l).ToList();
            var perTicket = Math.Max(1, created);
            if (deployment.Store is null)
            {
                Console.WriteLine($"| {round} | {(sdk ? "SDK, default resilience" : "raw HttpClient")} | {concurrency} | {created} | {created / seconds:0} | {Ms(Median(all))} | {Ms(Percentile(all, 99))} | {errors.Sum()} | {serverCpu / seconds:0.00} | {serverCpu * 1e6 / perTicket:0} | {Machine.LoadAverage()} |");
            }
            else
            {
                var databaseCpu = (deployment.DatabaseCpu?.Invoke() ?? 0) - databaseBefore;
                var database = deployment.DatabaseCpu is null ? "– | –" : $"{databaseCpu / seconds:0.00} | {databaseCpu * 1e6 / perTicket:0}";
                Console.WriteLine($"| {round} | {deployment.Store} | {concurrency} | {created} | {created / seconds:0} | {Ms(Median(all))} | {Ms(Percentile(all, 99))} | {errors.Sum()} | {serverCpu / seconds:0.00} | {serverCpu * 1e6 / perTicket:0} | {database} | {Machine.LoadAverage()} |");
            }

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

    private static async Task WarmUpServerAsync(Deployment deployment, TimeSpan duration)
    {
        var clients = new List<SupportCalls>();
        for (var i = 0; i < 16; i++)
        {
            var endpoint = deployment.EndpointFor(i);
            var token = await SupportSession.MintTokenAsync(endpoint, $"bench-create-warmup-{i}");
            clients.Add(i % 2 == 0 ? SdkCalls.Network(endpoint, token, resilience: true) : new RawCalls(new SocketsHttpHandler(), endpoint, token));
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

using System.Globalization;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// One deployment under test: SupportDesk on SQLite (<c>sqlite</c>: one node, its own file) or <c>pgN</c>: N
/// <c>SupportDesk serve --store postgres</c> nodes on one database of their own in the shared benchmark cluster.
/// </summary>
public sealed class StoreTarget(string spec, string name, IReadOnlyList<ServerProcess> nodes, bool onPostgres)
{
    public string Spec { get; } = spec;

    public string Name { get; } = name;

    public IReadOnlyList<ServerProcess> Nodes { get; } = nodes;

    public bool OnPostgres { get; } = onPostgres;

    /// <summary>The node a client numbered <paramref name="client"/> talks to: round-robin over the nodes.</summary>
    public Uri EndpointFor(int client) => Nodes[client % Nodes.Count].Endpoint;

    /// <summary>CPU seconds of every SupportDesk process of this target.</summary>
    public double ServerCpuSeconds() => Nodes.Sum(n => n.CpuSeconds());
}

/// <summary>
/// The deployments of one run, started side by side on this machine: at most one PostgreSQL cluster, shared by the
/// PostgreSQL targets (each on its own database, so NOTIFY and data stay apart). Disposes every process it started.
/// </summary>
public sealed class StoreTargets : IAsyncDisposable
{
    private readonly List<ServerProcess> _processes = [];

    private StoreTargets()
    {
    }

    public IReadOnlyList<StoreTarget> Targets { get; private set; } = [];

    /// <summary>The PostgreSQL cluster, when a target uses one.</summary>
    public BenchPostgres? Postgres { get; private set; }

    /// <summary>What a <c>pgN</c> spec may add with a suffix: connection-string settings (no server change, only the
    /// connection string an operator writes) or a setting of its database. <c>-prepared</c>: Npgsql's automatic
    /// preparation (a statement run twice on a physical connection is prepared there; later runs skip PostgreSQL's parse
    /// and plan; off by default in Npgsql, on by default in the store since it was measured here, so this suffix now
    /// only repeats the store's default). <c>-noreset</c>: no session reset when a connection goes back to the pool
    /// (by default Npgsql sends <c>DISCARD ALL</c>, or with prepared statements a few smaller resets, before its next
    /// use). <c>-asynccommit</c>: <c>synchronous_commit=off</c> for this database only (a commit returns before its WAL
    /// is flushed), so durable and not can be compared in one run. <c>-pool4</c> / <c>-pool100</c>: the node's pool
    /// at most 4 / 100 connections (the store's default is four per core, 8 on this machine).</summary>
    public static readonly IReadOnlyDictionary<string, (string Label, string Settings, string? DatabaseSetting)> Suffixes =
        new Dictionary<string, (string, string, string?)>(StringComparer.Ordinal)
        {
            ["-prepared"] = ("auto-prepared", "Max Auto Prepare=64;Auto Prepare Min Usages=2", null),
            ["-noreset"] = ("no reset on close", "No Reset On Close=true", null),
            ["-asynccommit"] = ("synchronous_commit off", string.Empty, "synchronous_commit = off"),
            ["-pool4"] = ("at most 4 connections a node", "Maximum Pool Size=4", null),
            ["-pool100"] = ("at most 100 connections a node (Npgsql's default)", "Maximum Pool Size=100", null),
        };

    /// <summary>Accepted specs: <c>sqlite</c>, <c>pg1</c>, <c>pg3</c> (any <c>pgN</c>, N from 1 to 8), each
    /// <c>pgN</c> optionally followed by <see cref="Suffixes"/> (e.g. <c>pg3-prepared-noreset</c>).</summary>
    public static bool IsValid(string spec) => spec == "sqlite" || Parse(spec) is not null;

    private static (int Nodes, List<string> Suffixes)? Parse(string spec)
    {
        var suffixes = new List<string>();
        var bare = spec;
        while (Suffixes.Keys.FirstOrDefault(s => bare.EndsWith(s, StringComparison.Ordinal)) is { } suffix)
        {
            suffixes.Insert(0, suffix);
            bare = bare[..^suffix.Length];
        }

        return bare.StartsWith("pg", StringComparison.Ordinal) && int.TryParse(bare.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 8
            ? (n, suffixes)
            : null;
    }

    public static async Task<StoreTargets> StartAsync(IReadOnlyList<string> specs, bool synchronousCommit = true,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var bad = specs.FirstOrDefault(s => !IsValid(s));
        if (bad is not null)
        {
            throw new ArgumentException($"Unknown store '{bad}': use sqlite, pg1, pg3 (pgN, N = 1..8, optionally -prepared, -noreset, -asynccommit, -pool4, -pool100).", nameof(specs));
        }

        var set = new StoreTargets();
        try
        {
            var targets = new List<StoreTarget>();
            foreach (var spec in specs)
            {
                if (spec == "sqlite")
                {
                    var node = await ServerProcess.StartAsync(settings: settings);
                    set._processes.Add(node);
                    targets.Add(new StoreTarget(spec, "SQLite, 1 node", [node], onPostgres: false));
                    continue;
                }

                set.Postgres ??= await BenchPostgres.StartAsync(synchronousCommit,
                    trackStatements: Environment.GetEnvironmentVariable(BenchPostgres.TrackStatementsVariable) == "1");
                var (count, suffixes) = Parse(spec)!.Value;
                var database = $"bench_pg{count}_{targets.Count}";
                await set.Postgres.CreateDatabaseAsync(database, [.. suffixes.Select(x => Suffixes[x].DatabaseSetting).OfType<string>()]);
                var connectionString = string.Join(';', [set.Postgres.ConnectionString(database), .. suffixes.Select(x => Suffixes[x].Settings).Where(x => x.Length > 0)]);
                var label = string.Concat(suffixes.Select(x => ", " + Suffixes[x].Label));

                // The first node migrates and seeds the empty database; the others then start together.
                var first = await ServerProcess.StartAsync(connectionString, settings);
                set._processes.Add(first);
                var others = await Task.WhenAll(Enumerable.Range(1, count - 1).Select(async _ =>
                {
                    var node = await ServerProcess.StartAsync(connectionString, settings);
                    lock (set._processes)
                    {
                        set._processes.Add(node);
                    }

                    return node;
                }));
                targets.Add(new StoreTarget(spec, $"PostgreSQL, {count} node{(count == 1 ? "" : "s")}{label}", [first, .. others], onPostgres: true));
            }

            set.Targets = targets;
            return set;
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

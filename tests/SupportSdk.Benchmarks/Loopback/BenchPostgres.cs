using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// A throwaway PostgreSQL cluster for the benchmarks (as tests/SupportSdk.Server.Tests/Storage/PostgresCluster.cs, without
/// NUnit): <c>initdb</c> into a temporary folder and <c>pg_ctl start</c> on a free 127.0.0.1 port, as the
/// <c>postgres</c> user when this runs as root. Durable by default — <c>fsync</c>, <c>synchronous_commit</c> and
/// <c>full_page_writes</c> on, PostgreSQL's own defaults, as a production database runs; <paramref name="synchronousCommit"/>
/// off only where a report says so. Stopped and deleted on dispose.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private readonly bool _asPostgres;

    private BenchPostgres(string directory, string bin, int port, bool asPostgres)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
        _asPostgres = asPostgres;
    }

    public int Port { get; }

    /// <summary>The settings that matter for a commit's cost, as the server reports them (<c>SHOW</c>).</summary>
    public string Settings { get; private set; } = string.Empty;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=false";

    /// <summary>The PostgreSQL binaries (the newest under /usr/lib/postgresql), or null when none is installed.</summary>
    public static string? FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        return Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    /// <summary>Set to 1 to load <c>pg_stat_statements</c> (with planning time) and print the statements that took
    /// the server's time at the end of a run: a profile of what the store asks of PostgreSQL.</summary>
    public const string TrackStatementsVariable = "SUPPORTSDK_PG_STATEMENTS";

    public bool TracksStatements { get; private set; }

    public static async Task<BenchPostgres> StartAsync(bool synchronousCommit = true, bool trackStatements = false)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb): apt-get install postgresql.");
        var directory = Directory.CreateTempSubdirectory("supportsdk-bench-pg-").FullName;
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            await RunAsync("chown", ["postgres", directory], asPostgres: false);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"], asPostgres);
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            // max_connections: three nodes' pools (Npgsql's default maximum is 100 each) plus their listeners.
            var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=400"
                + (synchronousCommit ? string.Empty : " -c synchronous_commit=off")
                + (trackStatements ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" : string.Empty);
            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asPostgres);
                var cluster = new BenchPostgres(directory, bin, port, asPostgres) { TracksStatements = trackStatements };
                if (trackStatements)
                {
                    await cluster.PsqlAsync("postgres", "CREATE EXTENSION pg_stat_statements;");
                }

                cluster.Settings = (await cluster.PsqlAsync("postgres",
                    "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN " +
                    "('fsync','synchronous_commit','full_page_writes','wal_sync_method','shared_buffers','max_connections','server_version')")).Trim();
                return cluster;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between the probe and the start: try another.
            }
        }
    }

    /// <param name="settings">Settings of the new database, e.g. <c>synchronous_commit = off</c> (ALTER DATABASE … SET).</param>
    public async Task CreateDatabaseAsync(string name, IReadOnlyList<string>? settings = null)
    {
        await PsqlAsync("postgres", $"CREATE DATABASE {name};");
        foreach (var setting in settings ?? [])
        {
            await PsqlAsync("postgres", $"ALTER DATABASE {name} SET {setting};");
        }
    }

    /// <summary>With <see cref="TracksStatements"/>: the statements by total server time (execution + planning), per
    /// database, as a Markdown table; empty otherwise.</summary>
    public async Task<string> StatementsReportAsync(int top = 20)
    {
        if (!TracksStatements)
        {
            return string.Empty;
        }

        var rows = await PsqlAsync("postgres",
            "SELECT '| ' || d.datname || ' | ' || s.calls || ' | ' || round((s.total_exec_time + s.total_plan_time)::numeric, 0) || ' | ' || " +
            "round((1000 * s.total_exec_time / s.calls)::numeric, 1) || ' | ' || round((1000 * s.total_plan_time / s.calls)::numeric, 1) || ' | ' || " +
            "replace(left(regexp_replace(s.query, '\\s+', ' ', 'g'), 110), '|', '/') || ' |' " +
            "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname LIKE 'bench_%' " +
            $"ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT {top};");
        return "| database | calls | total ms | exec µs/call | plan µs/call | statement |\n| --- | --- | --- | --- | --- | --- |\n" + rows.TrimEnd();
    }

    /// <summary>CPU time (user + system, seconds) of the whole cluster: the postmaster, its live children (backends,
    /// WAL writer, checkpointer, ...) and the children that already exited (their time is added to the postmaster's
    /// when it reaps them).</summary>
    public double CpuSeconds()
    {
        var pidFile = Path.Combine(_directory, "data", "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture, out var postmaster))
        {
            return double.NaN;
        }

        var total = ProcStat.CpuSeconds(postmaster, includeReapedChildren: true);
        foreach (var child in ProcStat.Children(postmaster))
        {
            total += ProcStat.CpuSeconds(child, includeReapedChildren: true);
        }

        return total;
    }

    private async Task<string> PsqlAsync(string database, string sql) =>
        await RunAsync(Path.Combine(_bin, "psql"), ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql], asPostgres: false);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "fast", "-w", "stop"], _asPostgres);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The system's temp cleaner gets it.
        }
    }

    private static async Task<string> RunAsync(string program, IReadOnlyList<string> args, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 90 s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SupportSdk.Server.Tests.Storage;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: <c>initdb</c> into a temporary folder and <c>pg_ctl start</c> on a free
/// loopback port, as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses to run as root), removed
/// at the end. Where no PostgreSQL is installed the tests that need one are skipped with that reason, except on CI
/// (<c>CI=true</c>), where <c>.ci/run</c> installs it and a missing server is a failure.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;

    private readonly string _options;

    private PostgresCluster(string directory, string bin, int port, string options)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
        _options = options;
    }

    public int Port { get; }

    /// <summary>A connection string for the <c>postgres</c> superuser to a database of this cluster.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Include Error Detail=false";

    /// <param name="durable">Keep fsync and synchronous commit on, so a crash (<see cref="StopAsync"/>) loses no
    /// committed transaction; off by default, for speed, in tests that never crash the server.</param>
    public static async Task<PostgresCluster> StartAsync(bool durable = false)
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            const string Reason = "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb): apt-get install postgresql (.ci/run installs it).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Reason);
            }

            Assert.Ignore(Reason);
        }

        var directory = Directory.CreateTempSubdirectory("supportsdk-pg-").FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", directory]);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(Path.Combine(bin!, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"], asRoot);
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200"
                + (durable ? string.Empty : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            try
            {
                await RunAsync(Path.Combine(bin!, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"], asRoot);
                return new PostgresCluster(directory, bin!, port, options);
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between the probe and the start: try another.
            }
        }
    }

    /// <summary>Stops the server at once (as a crash would), keeping the data.</summary>
    public Task StopAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], Environment.UserName == "root");

    /// <summary>Starts the server again on the same port.</summary>
    public Task RestartAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-o", _options,
            "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start"], Environment.UserName == "root");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
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
            // A file still open by a dying server process; the temp folder is cleaned by the system.
        }
    }

    private static string? FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        return Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> args, bool asPostgres = false)
    {
        var info = asPostgres ? new ProcessStartInfo("runuser") : new ProcessStartInfo(program);
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

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

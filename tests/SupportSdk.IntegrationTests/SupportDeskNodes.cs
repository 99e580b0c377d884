using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using SupportSdk.Server.Tests.Storage;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// Several <c>SupportDesk serve --store postgres</c> processes (the built samples/SupportDesk, run with
/// <c>dotnet SupportDesk.dll</c>) on one database of a throwaway PostgreSQL cluster, or one <c>serve --store sqlite</c>
/// process on a SQLite file in its own temporary folder; each on its own loopback port
/// with the same keys (from the environment) and limits raised as <see cref="SupportServerHost"/> raises them.
/// A node can be killed (SIGKILL, as <c>kill -9</c>) and started again on the same port. Each node's console output
/// is kept for the failure message; request log lines are counted by status.
/// </summary>
public sealed partial class SupportDeskNodes : IAsyncDisposable
{
    public const string ApiKey = "ssk_api_nodes_0123456789abcdef0123456789";
    public const string AgentKey = "ssk_agent_nodes_0123456789abcdef01234567";

    private readonly PostgresCluster? _cluster;
    private readonly string _directory;
    private readonly Node[] _nodes;

    private SupportDeskNodes(PostgresCluster? cluster, string directory, Node[] nodes)
    {
        _cluster = cluster;
        _directory = directory;
        _nodes = nodes;
    }

    public int Count => _nodes.Length;

    public Uri Address(int node) => _nodes[node].Address;

    public IReadOnlyList<Uri> Addresses => [.. _nodes.Select(n => n.Address)];

    /// <summary>Requests the nodes answered 500 or above other than 503 (a 503 is the documented answer while the
    /// database is away), from every node's request log, over every life of it.</summary>
    public IReadOnlyList<string> ServerErrors => [.. _nodes.SelectMany(n => n.ServerErrors)];

    /// <summary>Every node's console output, each line prefixed by its node, for failure messages.</summary>
    public string Logs() => string.Join("\n", _nodes.Select((n, i) => n.Log(i)));

    /// <summary>Starts a cluster, creates a database and starts <paramref name="count"/> nodes on it at once (so they
    /// also race to migrate and seed it).</summary>
    public static async Task<SupportDeskNodes> StartAsync(int count, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Dll();
        var cluster = await PostgresCluster.StartAsync();
        try
        {
            const string Database = "support_nodes";
            await using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Database};", admin);
                await create.ExecuteNonQueryAsync();
            }

            var directory = Directory.CreateTempSubdirectory("supportsdk-nodes-").FullName;
            var connectionString = cluster.ConnectionString(Database);
            var nodes = Enumerable.Range(0, count).Select(i => new Node(dll, Path.Combine(directory, "node" + i.ToString(CultureInfo.InvariantCulture)), FreePort(),
                ["--store", "postgres"], Environment(connectionString, settings))).ToArray();
            return await LaunchAsync(new SupportDeskNodes(cluster, directory, nodes));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one node on a SQLite file (<c>support.db</c>) in a folder of its own, which a restart keeps.</summary>
    public static async Task<SupportDeskNodes> StartSqliteAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Dll();
        var directory = Directory.CreateTempSubdirectory("supportsdk-node-").FullName;
        var node = new Node(dll, directory, FreePort(), ["--store", "sqlite", "--db", Path.Combine(directory, "support.db")], Environment(null, settings));
        return await LaunchAsync(new SupportDeskNodes(null, directory, [node]));
    }

    private static string Dll()
    {
        var dll = Path.Combine(TestData.RepositoryRoot, "samples", "SupportDesk", "bin", Configuration, "net10.0", "SupportDesk.dll");
        if (!File.Exists(dll))
        {
            Assert.Fail($"SupportDesk is not built at {dll}: build this test project (it builds SupportDesk too).");
        }

        return dll;
    }

    private static async Task<SupportDeskNodes> LaunchAsync(SupportDeskNodes nodes)
    {
        try
        {
            await Task.WhenAll(nodes._nodes.Select(n => n.StartAsync()));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            var logs = nodes.Logs();
            await nodes.DisposeAsync();
            Assert.Fail($"The nodes did not start ({e.Message}):\n{logs}");
        }

        return nodes;
    }

    /// <summary>Kills the node at once (SIGKILL: no shutdown, no flush, connections die with it) and waits for it to be gone.</summary>
    public async Task KillAsync(int node) => await _nodes[node].KillAsync();

    /// <summary>Starts the node again on the same port and waits until it listens.</summary>
    public async Task RestartAsync(int node)
    {
        try
        {
            await _nodes[node].StartAsync();
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Assert.Fail($"Node {node} did not start again ({e.Message}):\n{Logs()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.KillAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
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

    private static string Configuration =>
        typeof(SupportDeskNodes).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static Dictionary<string, string> Environment(string? connectionString, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SUPPORT_API_KEY"] = ApiKey,
            ["SUPPORT_AGENT_KEY"] = AgentKey,
            ["Support__RateLimitPerSecond"] = "100000",
            ["Support__RateLimitBurst"] = "100000",
            ["Support__TicketsPerUserPerHour"] = "100000",
            ["Support__ChatConnectionsPerCaller"] = "10000",
            ["Support__AuthFailureBurst"] = "100000",
            ["Support__ChatFramesPerSecond"] = "100000",
            ["Support__ChatFrameBurst"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__SupportDesk.RequestLog"] = "Information",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        if (connectionString is not null)
        {
            environment["ConnectionStrings__Support"] = connectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return environment;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"answered (5\d\d) in")]
    private static partial Regex ServerErrorLine();

    /// <summary>One node: its port and folder stay the same across lives.</summary>
    private sealed class Node(string dll, string directory, int port, IReadOnlyList<string> store, IReadOnlyDictionary<string, string> environment)
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
        private readonly StringBuilder _log = new();
        private readonly List<string> _serverErrors = [];
        private Process? _process;
        private int _life;

        public Uri Address { get; } = new($"http://127.0.0.1:{port}/");

        public IEnumerable<string> ServerErrors
        {
            get
            {
                lock (_log)
                {
                    return [.. _serverErrors];
                }
            }
        }

        public string Log(int index)
        {
            lock (_log)
            {
                return string.Join("\n", _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"[node {index}] {l}"));
            }
        }

        public async Task StartAsync()
        {
            Directory.CreateDirectory(directory);
            var life = ++_life;
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])[dll, "serve", .. store, "--urls", $"http://127.0.0.1:{port}"])
            {
                info.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = info, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                Append(life, e.Data);
                if (e.Data?.Contains("SupportDesk listening on", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, e) => Append(life, e.Data);
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"SupportDesk on port {port} exited before it listened."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _process = process;
            await listening.Task.WaitAsync(StartTimeout);
        }

        public async Task KillAsync()
        {
            if (_process is not { } process)
            {
                return;
            }

            _process = null;
            try
            {
                process.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            process.Dispose();
        }

        private void Append(int life, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_log)
            {
                _log.Append("life ").Append(life).Append(": ").AppendLine(line);
                if (ServerErrorLine().Match(line) is { Success: true } match && match.Groups[1].Value != "503")
                {
                    _serverErrors.Add(line);
                }
            }
        }
    }
}

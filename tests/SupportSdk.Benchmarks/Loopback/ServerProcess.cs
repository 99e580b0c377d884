using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using SupportSdk.Testing;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// The standalone server (samples/SupportDesk, built beside this program) in its own process: <c>serve</c> on a free
/// 127.0.0.1 port over a fresh SQLite file with known demo keys. Per-caller rate limits are raised through
/// configuration (the defaults, 20/s per caller, would turn a benchmark into a rate-limit test) and request logging is
/// quieted. Stopped (this process only) and its folder deleted on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string ApiKey = "ssk_api_bench_0123456789abcdef0123456789";
    public const string AgentKey = "ssk_agent_bench_0123456789abcdef01234567";

    private readonly Process _process;
    private readonly string _directory;

    private ServerProcess(Process process, string directory, Uri endpoint)
    {
        _process = process;
        _directory = directory;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>CPU time (user + system) the server process has used so far, from /proc; NaN elsewhere.</summary>
    public double CpuSeconds()
    {
        var stat = $"/proc/{_process.Id}/stat";
        if (!File.Exists(stat))
        {
            return double.NaN;
        }

        // Fields after the command name "(...)": state is field 3, utime 14 and stime 15, in clock ticks (USER_HZ = 100).
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Starts the server; <paramref name="environment"/> adds or overrides its environment (configuration such as
    /// <c>Support__Webhooks__AllowPrivateTargets</c>).</summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var output = Path.Combine(TestData.RepositoryRoot, "samples", "SupportDesk", "bin", configuration, "net10.0");
        var dll = Path.Combine(output, "SupportDesk.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"SupportDesk is not built at {output}: build this project (it builds SupportDesk too).");
        }

        var directory = Directory.CreateTempSubdirectory("supportsdk-bench-").FullName;
        var endpoint = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "serve", "--urls", endpoint.GetLeftPart(UriPartial.Authority), "--db", Path.Combine(directory, "support.db") })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SUPPORT_API_KEY"] = ApiKey;
        start.Environment["SUPPORT_AGENT_KEY"] = AgentKey;
        start.Environment["Support__RateLimitPerSecond"] = "1000000";
        start.Environment["Support__TicketsPerUserPerHour"] = "100000000";
        start.Environment["Support__ChatConnectionsPerCaller"] = "100000";
        start.Environment["Support__RateLimitBurst"] = "1000000";
        start.Environment["Support__ChatFramesPerSecond"] = "1000000";
        start.Environment["Support__ChatFrameBurst"] = "1000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start SupportDesk.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.Error.WriteLine("[server] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, directory, endpoint);
        await server.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"SupportDesk exited with code {_process.ExitCode} before it was healthy.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"SupportDesk was not healthy within {timeout.TotalSeconds} s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets it.
        }
    }
}

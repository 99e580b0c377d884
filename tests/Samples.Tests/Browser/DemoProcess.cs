using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Samples.Tests.Browser;

/// <summary>
/// The built ExchangeDemo, run as a user runs it (<c>dotnet ExchangeDemo.dll</c>): a loopback port chosen by the OS,
/// a fresh temporary data folder, the support server embedded. The address and agent key come from what it prints
/// and the keys file it writes in its data folder.
/// </summary>
public sealed partial class DemoProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly bool _ownsData;
    private Uri? _address;

    private DemoProcess(Process process, string dataDirectory, bool ownsData)
    {
        _process = process;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
    }

    public static string ProgramPath { get; } = typeof(DemoProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ExchangeDemoPath").Value!;

    public Uri BaseAddress { get; private set; } = null!;

    public string DataDirectory { get; }

    /// <summary>Everything the program printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The agent key the demo created on its first start (its owner-only keys file).</summary>
    public string AgentKey => Key("agentKey");

    /// <summary>The demo backend's API key (mints user tokens), from the same file.</summary>
    public string ApiKey => Key("apiKey");

    /// <summary>The id of the webhook endpoint the demo registered for its bell (its owner-only file).</summary>
    public string WebhookId => Read("webhook.json", "webhookId");

    /// <summary>That endpoint's signing secret, from the same file.</summary>
    public string WebhookSecret => Read("webhook.json", "secret");

    private string Key(string name) => Read("demo-keys.json", name);

    private string Read(string file, string name)
    {
        using var keys = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, file)));
        return keys.RootElement.GetProperty(name).GetString()!;
    }

    /// <summary>Starts the demo on a free port, with a fresh data folder (deleted when it stops) or the caller's (kept).</summary>
    public static async Task<DemoProcess> StartAsync(string? dataDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(ProgramPath))
        {
            Assert.Fail($"ExchangeDemo is not built at {ProgramPath}.");
        }

        var data = dataDirectory ?? Directory.CreateTempSubdirectory("exchange-demo-test-").FullName;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = data,
        };
        foreach (var arg in new[] { "exec", ProgramPath, "--urls", "http://127.0.0.1:0", "--data", data })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var demo = new DemoProcess(Process.Start(info)!, data, ownsData: dataDirectory is null);
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        demo._process.OutputDataReceived += (_, e) => demo.Record(e.Data, address);
        demo._process.ErrorDataReceived += (_, e) => demo.Record(e.Data, null);
        demo._process.BeginOutputReadLine();
        demo._process.BeginErrorReadLine();
        _ = demo._process.WaitForExitAsync().ContinueWith(_ => address.TrySetException(new InvalidOperationException("ExchangeDemo exited.")), TaskScheduler.Default);
        try
        {
            demo.BaseAddress = await address.Task.WaitAsync(StartTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            var output = demo.Output;
            await demo.DisposeAsync();
            Assert.Fail($"ExchangeDemo did not print its address within {StartTimeout.TotalSeconds} s ({e.Message}). Output:\n{output}");
        }

        return demo;
    }

    /// <summary>Records a line; the address is known once the banner is complete (its last line), so a test sees all of it.</summary>
    private void Record(string? line, TaskCompletionSource<Uri>? address)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (address is not null && OpenLine().Match(line) is { Success: true } match)
        {
            _address = new Uri(match.Groups[1].Value);
        }
        else if (address is not null && _address is not null && line.Contains("Ctrl+C stops.", StringComparison.Ordinal))
        {
            address.TrySetResult(_address);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (!_ownsData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets it.
        }
    }

    [GeneratedRegex(@"is running\. Open (http://\S+)")]
    private static partial Regex OpenLine();
}

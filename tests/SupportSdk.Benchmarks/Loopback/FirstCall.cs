using System.Diagnostics;
using System.Globalization;
using SupportSdk.Benchmarks.Clients;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// The first call in a fresh process: this program starts itself as a child that builds a client and makes one ticket
/// GET (JIT, pipeline construction, connection and all), then a second call for comparison, and prints its timings.
/// The raw HttpClient floor, the SDK without and with its resilience pipeline alternate, a few processes each, against one running server.
/// </summary>
public static class FirstCall
{
    public const string ChildCommand = "first-call-child";
    private static readonly string[] Modes = ["raw", "sdk-no-resilience", "sdk"];

    public static async Task<int> RunAsync(int runs)
    {
        await using var server = await ServerProcess.StartAsync();
        var session = await SupportSession.CreateAsync(server.Endpoint, "bench-first-call");
        var results = Modes.ToDictionary(m => m, _ => new List<double[]>());
        for (var i = 0; i < runs; i++)
        {
            foreach (var mode in Modes)
            {
                var timings = await RunChildAsync(mode, session);
                if (timings is null)
                {
                    return 1;
                }

                results[mode].Add(timings);
            }
        }

        Console.WriteLine($"First call in a fresh process ({runs} processes per client, alternating; ticket GET over loopback HTTP), medians in ms:");
        Console.WriteLine("| client | construct client | first call | construct + first call | second call | process start to first result | process CPU time to first result (all threads) | whole child process |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var mode in Modes)
        {
            var rows = results[mode];
            var cells = Enumerable.Range(0, 7).Select(c => Ms(Median(rows.Select(r => r[c]).ToArray())));
            var name = mode switch
            {
                "sdk" => "SDK (default options)",
                "sdk-no-resilience" => "SDK, ResiliencePipeline = Empty",
                _ => "raw HttpClient + STJ source-gen",
            };
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }

        return 0;
    }

    private static async Task<double[]?> RunChildAsync(string mode, SupportSession session)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FirstCall).Assembly.Location);
        }

        foreach (var arg in new[] { ChildCommand, mode, session.Endpoint.ToString(), session.Token, session.TicketId })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await child.StandardOutput.ReadToEndAsync(timeout.Token);
        await child.WaitForExitAsync(timeout.Token);
        var wall = clock.Elapsed.TotalMilliseconds;
        var parts = line.Trim().Split(' ');
        if (child.ExitCode != 0 || parts.Length != 5)
        {
            Console.Error.WriteLine($"first-call child failed (exit {child.ExitCode}): {line}");
            return null;
        }

        var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return [v[0], v[1], v[0] + v[1], v[2], v[3], v[4], wall];
    }

    /// <summary>The child: one client, two calls, timings on one line.</summary>
    public static async Task<int> ChildAsync(string mode, string endpoint, string token, string ticketId)
    {
        var start = Stopwatch.GetTimestamp();
        using SupportCalls client = mode.StartsWith("sdk", StringComparison.Ordinal)
            ? SdkCalls.Network(new Uri(endpoint), token, resilience: mode == "sdk")
            : new RawCalls(new SocketsHttpHandler(), new Uri(endpoint), token);
        var construct = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        await client.GetTicketAsync(ticketId);
        var first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        using var self = Process.GetCurrentProcess();
        var sinceProcessStart = (DateTime.Now - self.StartTime).TotalMilliseconds;
        var cpu = self.TotalProcessorTime.TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        await client.GetTicketAsync(ticketId);
        var second = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{construct:0.00} {first:0.00} {second:0.00} {sinceProcessStart:0.0} {cpu:0.0}"));
        return 0;
    }
}

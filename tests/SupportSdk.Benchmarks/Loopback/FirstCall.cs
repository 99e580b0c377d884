using System.Diagnostics;
using System.Globalization;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// The first SDK call in a fresh process: this program starts itself as a child that builds a
/// <see cref="SupportClient"/> and makes one ticket GET (JIT, pipeline construction, connection and all), then a second
/// call for comparison, and prints its timings. Repeated a few times against one running server.
/// </summary>
public static class FirstCall
{
    public const string ChildCommand = "first-call-child";

    public static async Task<int> RunAsync(int runs)
    {
        await using var server = await ServerProcess.StartAsync();
        var session = await SupportSession.CreateAsync(server.Endpoint, "bench-first-call");
        var first = new List<double>();
        var second = new List<double>();
        var sinceStart = new List<double>();
        var wall = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
            var self = Environment.ProcessPath!;
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                start.FileName = self;
                start.ArgumentList.Add(typeof(FirstCall).Assembly.Location);
            }
            else
            {
                start.FileName = self;
            }

            foreach (var arg in new[] { ChildCommand, server.Endpoint.ToString(), session.Token, session.TicketId })
            {
                start.ArgumentList.Add(arg);
            }

            var clock = Stopwatch.StartNew();
            using var child = Process.Start(start)!;
            var line = await child.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await child.WaitForExitAsync(timeout.Token);
            wall.Add(clock.Elapsed.TotalMilliseconds);
            var parts = line.Trim().Split(' ');
            if (child.ExitCode != 0 || parts.Length != 3)
            {
                Console.Error.WriteLine($"first-call child failed (exit {child.ExitCode}): {line}");
                return 1;
            }

            first.Add(double.Parse(parts[0], CultureInfo.InvariantCulture));
            second.Add(double.Parse(parts[1], CultureInfo.InvariantCulture));
            sinceStart.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        Console.WriteLine($"First SDK call in a fresh process ({runs} processes, ticket GET over loopback HTTP):");
        Console.WriteLine("| measure | median ms | min ms | max ms |");
        Console.WriteLine("| --- | --- | --- | --- |");
        Row("new SupportClient + first call (JIT, pipeline, connect)", first);
        Row("second call, same client", second);
        Row("process start to first result", sinceStart);
        Row("whole child process, as seen by the parent", wall);
        return 0;

        static void Row(string name, List<double> values) =>
            Console.WriteLine($"| {name} | {Ms(Median(values))} | {Ms(values.Min())} | {Ms(values.Max())} |");
    }

    /// <summary>The child: one client, two calls, timings on one line.</summary>
    public static async Task<int> ChildAsync(string endpoint, string token, string ticketId)
    {
        var start = Stopwatch.GetTimestamp();
        using var client = new SupportClient(new Uri(endpoint), new UserTokenCredential(token), new SupportClientOptions { AllowInsecureLoopback = true });
        await client.Tickets.GetTicketAsync(ticketId);
        var first = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var sinceProcessStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        start = Stopwatch.GetTimestamp();
        await client.Tickets.GetTicketAsync(ticketId);
        var second = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first:0.00} {second:0.00} {sinceProcessStart:0.0}"));
        return 0;
    }
}

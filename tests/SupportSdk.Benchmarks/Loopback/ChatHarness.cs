using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// P7: chat send → ack through <see cref="ChatSession"/> against SupportDesk in its own process, interleaved round
/// by round with the floor — a raw <see cref="ClientWebSocket"/> sending the same 64-byte text to a WebSocket echo
/// server in another process and waiting for it to come back. Bytes are this process's allocations per message.
/// </summary>
public static class ChatHarness
{
    public const string EchoCommand = "chat-echo-server";
    private static readonly string Text = new('x', 64);

    public static async Task<int> RunAsync(int rounds, int batch)
    {
        await using var server = await ServerProcess.StartAsync();
        using var echo = new EchoProcess(StartEcho(out var echoUri));
        var token = await SupportSession.MintTokenAsync(server.Endpoint, "bench-chat");
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        using var customer = new SupportClient(server.Endpoint, new UserTokenCredential(token), options);
        using var agent = new SupportClient(server.Endpoint, new AgentKeyCredential(ServerProcess.AgentKey), options);
        await using var session = await customer.Chat.StartChatAsync(new StartChatRequest { Topic = "I want to talk to an agent" });
        await agent.AgentChats.AcceptChatAsync(session.ChatId);
        using var stop = new CancellationTokenSource();
        var draining = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in session.ReadEventsAsync(stop.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        using var raw = new ClientWebSocket();
        await raw.ConnectAsync(echoUri, CancellationToken.None);
        var buffer = new byte[4096];
        var payload = Encoding.UTF8.GetBytes(Text);

        async Task RawOnce()
        {
            await raw.SendAsync(payload, WebSocketMessageType.Text, true, CancellationToken.None);
            var result = await raw.ReceiveAsync(buffer, CancellationToken.None);
            if (result.Count != payload.Length)
            {
                throw new InvalidOperationException("The echo did not come back whole.");
            }
        }

        // The SDK's task itself, not wrapped in an async method of the harness (whose state machine, ~50-110 B per
        // call, is the harness's cost, not the client's).
        Task SdkOnce() => session.SendMessageAsync(Text);

        // CPU is this process's (all threads), per message: the client's own work, which the server's share of the
        // latency does not blur. The process clock ticks coarsely (10 ms on Linux), so it is averaged over all rounds.
        var variants = new (string Name, Func<Task> Call, List<double> Ms, List<double> Bytes, List<double> RoundP50, List<double> CpuUs)[]
        {
            ("raw WebSocket echo (floor)", RawOnce, [], [], [], []),
            ("ChatSession.SendMessageAsync → ack", SdkOnce, [], [], [], []),
        };
        using var self = Process.GetCurrentProcess();

        foreach (var (_, call, _, _, _, _) in variants)
        {
            for (var i = 0; i < 200; i++)
            {
                await call();
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var variant in round % 2 == 0 ? variants : variants.Reverse())
            {
                var times = new List<double>(batch);
                self.Refresh();
                var cpuBefore = self.TotalProcessorTime;
                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < batch; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    await variant.Call();
                    times.Add(Stats.ToMilliseconds(Stopwatch.GetTimestamp() - start));
                }

                variant.Bytes.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / (double)batch);
                self.Refresh();
                variant.CpuUs.Add((self.TotalProcessorTime - cpuBefore).TotalMicroseconds / batch);
                variant.Ms.AddRange(times);
                variant.RoundP50.Add(Stats.Median(times));
            }
        }

        if (Environment.GetEnvironmentVariable(ProfileVariable) is { } profile
            && int.TryParse(profile, NumberStyles.Integer, CultureInfo.InvariantCulture, out var profiled) && profiled > 0)
        {
            await ProfileAsync(SdkOnce, profiled);
        }

        await stop.CancelAsync();
        await draining;
        var ratios = variants[1].RoundP50.Zip(variants[0].RoundP50, (sdk, floor) => sdk / floor).ToList();
        Console.WriteLine($"# chat on {Environment.ProcessorCount} CPUs, {rounds} rounds x {batch} messages of 64 B per variant, interleaved");
        Console.WriteLine("| variant | p50 ms | p99 ms | bytes per message (this process) | CPU µs per message (this process) |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, _, ms, bytes, _, cpu) in variants)
        {
            Console.WriteLine($"| {name} | {Stats.Ms(Stats.Median(ms))} | {Stats.Ms(Stats.Percentile(ms, 99))} | {Stats.Median(bytes):F0} | {cpu.Average():F0} |");
        }

        var ratio = Stats.Median(ratios);
        var sdkBytes = Stats.Median(variants[1].Bytes);
        Console.WriteLine($"send→ack / echo, median of per-round p50 ratios: {Stats.Ratio(ratio)} (target ≤ 1.5x: {Stats.Verdict(ratio <= 1.5)}); " +
            $"bytes per message {sdkBytes:F0} (target ≤ 1024: {Stats.Verdict(sdkBytes <= 1024)})");
        return 0;
    }

    /// <summary>Set to a message count (e.g. 20000) to print which types the SDK variant allocates, sampled.</summary>
    public const string ProfileVariable = "SUPPORTSDK_CHAT_PROFILE";

    /// <summary>Where the bytes go: the runtime's GCAllocationTick event (keyword GC, verbose) fires about every
    /// 100 KB allocated and names the type whose allocation crossed the mark, so over many messages the ticks per
    /// type are proportional to the bytes of that type. In process, no tools needed.</summary>
    private static async Task ProfileAsync(Func<Task> call, int messages)
    {
        using var listener = new AllocationSampler();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < messages; i++)
        {
            await call();
        }

        var total = GC.GetTotalAllocatedBytes(precise: true) - before;
        var samples = listener.Snapshot();
        var sampled = samples.Sum(s => s.Value);
        Console.WriteLine($"# allocation profile: {messages} sends, {total / (double)messages:F0} B per message, {samples.Values.Sum(v => v > 0 ? 1 : 0)} types sampled");
        Console.WriteLine("| type | share | ~bytes per message |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var (type, bytes) in samples.OrderByDescending(s => s.Value).Take(40))
        {
            Console.WriteLine($"| {type} | {bytes / (double)sampled:P1} | {bytes / (double)sampled * total / messages:F0} |");
        }
    }

    private sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
    {
        private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);

        public Dictionary<string, long> Snapshot()
        {
            lock (_bytes)
            {
                return new Dictionary<string, long>(_bytes, StringComparer.Ordinal);
            }
        }

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
            {
                return;
            }

            var typeIndex = eventData.PayloadNames.IndexOf("TypeName");
            var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            if (amountIndex < 0)
            {
                amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount");
            }

            var type = typeIndex >= 0 ? eventData.Payload![typeIndex] as string ?? "?" : "?";
            var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload![amountIndex], CultureInfo.InvariantCulture) : 100_000;
            lock (_bytes)
            {
                _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
            }
        }
    }

    private static Process StartEcho(out Uri uri)
    {
        var port = FreePort();
        uri = new Uri($"ws://127.0.0.1:{port}/echo");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(typeof(ChatHarness).Assembly.Location);
        start.ArgumentList.Add(EchoCommand);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the echo server.");
        // The program prints its machine header first; wait (a bounded number of lines) for "ready".
        for (var line = 0; process.StandardOutput.ReadLine() is { } text && text != "ready"; line++)
        {
            if (line > 20)
            {
                process.Kill();
                throw new InvalidOperationException("The echo server did not start.");
            }
        }

        return process;
    }

    /// <summary>The echo server (child process): every text message is sent straight back.</summary>
    public static async Task<int> EchoServerAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets();
        app.Map("/echo", async (HttpContext http) =>
        {
            using var socket = await http.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), WebSocketMessageType.Text, result.EndOfMessage, CancellationToken.None);
            }
        });
        await app.StartAsync();
        Console.WriteLine("ready");
        await app.WaitForShutdownAsync(CancellationToken.None);
        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class EchoProcess(Process process) : IDisposable
    {
        public void Dispose()
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }
}

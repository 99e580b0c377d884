using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Runtime.InteropServices;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// Memory per idle chat connection (issue 15): N customers, each with their own chat (accepted by the agent, so no
/// queue work), hold one chat WebSocket each to one SupportDesk node that sends nothing but its heartbeats. The
/// node's resident memory (/proc/&lt;pid&gt;/status: VmRSS, and RssAnon, the heap part) before the sockets open
/// (after a warm-up that opened and closed a few hundred) and after they have sat idle past one heartbeat, divided by
/// N. Bounded: connecting has a time budget; the file descriptor limit is raised to the hard limit if needed.
/// </summary>
public static partial class IdleChatMemory
{
    private const int Parallel = 32;
    private const int WarmUpSockets = 300;
    private static readonly TimeSpan ConnectBudget = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SetupBudget = TimeSpan.FromMinutes(10);

    public static async Task<int> RunAsync(int connections, string store, TimeSpan idle, IReadOnlyDictionary<string, string> settings)
    {
        var descriptors = RaiseFileLimit(connections + 2_000);
        await using var set = await StoreTargets.StartAsync([store], synchronousCommit: true, settings);
        var target = set.Targets[0];
        var node = target.Nodes[0];
        Console.WriteLine($"Idle chat connections on {target.Name} (pid {node.Pid}); open files limit {descriptors}; server settings: " +
            (settings.Count == 0 ? "as the other loopback commands" : string.Join(", ", settings.Select(p => $"{p.Key}={p.Value}"))));
        if (set.Postgres is { } postgres)
        {
            Console.WriteLine($"PostgreSQL: {postgres.Settings}");
        }

        var clock = Stopwatch.StartNew();
        var chats = await CreateChatsAsync(node.Endpoint, connections + WarmUpSockets, clock);
        Console.WriteLine($"{chats.Count} customers with an accepted chat each, in {clock.Elapsed.TotalSeconds:0} s.");

        // Warm-up: the connect path, the writer's replay and the heartbeat are compiled and their pools filled.
        var warm = await OpenAsync(node.Endpoint, chats.Take(WarmUpSockets).ToList());
        await Task.Delay(TimeSpan.FromSeconds(2));
        await CloseAsync(warm);
        var before = await SettleAsync(node.Pid, TimeSpan.FromSeconds(10));
        Print("before (warm-up sockets closed)", before, node.Pid);
        if (await ProbeAsync(node.Pid))
        {
            // A probe that reads the process's memory (a dump) makes the kernel map pages it never used: count from here.
            before = await SettleAsync(node.Pid, TimeSpan.FromSeconds(3));
            Print("before, after the probe (the baseline below)", before, node.Pid);
        }

        clock.Restart();
        var held = await OpenAsync(node.Endpoint, chats.Skip(WarmUpSockets).Take(connections).ToList());
        var opened = held.Count(h => h.Socket.State == WebSocketState.Open);
        Console.WriteLine($"{opened} of {connections} sockets open in {clock.Elapsed.TotalSeconds:0.0} s ({held.Count - opened} failed).");
        var peak = ProcStat.StatusKilobytes(node.Pid, "VmRSS");
        await Task.Delay(idle);
        var after = await SettleAsync(node.Pid, TimeSpan.FromSeconds(10));
        var frames = held.Sum(h => h.Frames);
        var still = held.Count(h => h.Socket.State == WebSocketState.Open);
        Print($"after {idle.TotalSeconds:0} s idle ({still} still open, {frames} frames received by the clients: replay and heartbeats)", after, node.Pid);
        var perRss = (after.Rss - before.Rss) * 1024.0 / Math.Max(1, opened);
        var perAnon = (after.Anon - before.Anon) * 1024.0 / Math.Max(1, opened);
        Console.WriteLine($"VmRSS right after connecting: {peak / 1024.0:0.0} MB.");
        Console.WriteLine($"Per idle connection: VmRSS {perRss / 1024:0.0} KB, RssAnon {perAnon / 1024:0.0} KB (target <= 16 KB: {Stats.Verdict(perRss <= 16 * 1024)}).");
        await ProbeAsync(node.Pid);

        await CloseAsync(held);
        var closed = await SettleAsync(node.Pid, TimeSpan.FromSeconds(10));
        Print("after closing them all", closed, node.Pid);
        return opened == connections ? 0 : 1;
    }

    /// <summary>Set to a command line with <c>{pid}</c> in it: run (bounded, 3 minutes) against the server before
    /// and after the sockets open, its output printed — e.g. a tool that forces a GC and prints the managed heap by
    /// type (.NET diagnostics packages are not part of this program).</summary>
    public const string ProbeVariable = "SUPPORTSDK_MEMORY_PROBE";

    private static async Task<bool> ProbeAsync(int pid)
    {
        if (Environment.GetEnvironmentVariable(ProbeVariable) is not { Length: > 0 } command)
        {
            return false;
        }

        var parts = command.Replace("{pid}", pid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var info = new ProcessStartInfo(parts[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var part in parts.Skip(1))
        {
            info.ArgumentList.Add(part);
        }

        using var probe = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {parts[0]}.");
        var output = probe.StandardOutput.ReadToEndAsync();
        var error = probe.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await probe.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            probe.Kill();
        }

        Console.WriteLine($"probe ({parts[0]}):");
        Console.WriteLine((await output).TrimEnd());
        if ((await error).Trim() is { Length: > 0 } problem)
        {
            Console.WriteLine(problem);
        }

        return true;
    }

    private static void Print(string when, (long Rss, long Anon) memory, int pid) =>
        Console.WriteLine($"| {when} | VmRSS {memory.Rss / 1024.0:0.0} MB | RssAnon {memory.Anon / 1024.0:0.0} MB | threads {ProcStat.StatusKilobytes(pid, "Threads")} | load {Machine.LoadAverage()} |");

    /// <summary>Samples the resident set once a second for <paramref name="time"/> and answers the last sample (the
    /// GC may give memory back in between; the last is what stays).</summary>
    private static async Task<(long Rss, long Anon)> SettleAsync(int pid, TimeSpan time)
    {
        var end = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            await Task.Delay(1000);
        }

        return (ProcStat.StatusKilobytes(pid, "VmRSS"), ProcStat.StatusKilobytes(pid, "RssAnon"));
    }

    private sealed record Customer(string Token, string ChatId);

    private static async Task<List<Customer>> CreateChatsAsync(Uri endpoint, int count, Stopwatch clock)
    {
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        using var backend = new SupportClient(endpoint, new ApiKeyCredential(ServerProcess.ApiKey), options);
        using var agent = new SupportClient(endpoint, new AgentKeyCredential(ServerProcess.AgentKey), options);
        using var http = new HttpClient { BaseAddress = endpoint };
        var customers = new Customer[count];
        var next = -1;
        var run = Guid.NewGuid().ToString("N")[..6];
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count && clock.Elapsed < SetupBudget; i = Interlocked.Increment(ref next))
            {
                var user = $"bench-idle-{run}-{i}";
                var token = (await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = user, DisplayName = "Idle " + i, Locale = "en-us" })).Token;
                using var start = new HttpRequestMessage(HttpMethod.Post, "v1/chats");
                start.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                start.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                using var response = await http.SendAsync(start);
                response.EnsureSuccessStatusCode();
                var chat = await response.Content.ReadFromJsonAsync(ChatJsonContext.Default.ChatThread)
                    ?? throw new InvalidOperationException("POST /v1/chats answered no chat.");

                // Accepted at once: the queue stays short (a queued chat's position is looked up on every heartbeat).
                await agent.AgentChats.AcceptChatAsync(chat.Id);
                customers[i] = new Customer(token, chat.Id);
            }
        })));
        var made = customers.TakeWhile(c => c is not null).ToList();
        return made.Count == count ? made : throw new TimeoutException($"Only {made.Count} of {count} chats were made within {SetupBudget.TotalMinutes} minutes.");
    }

    /// <summary>A customer's socket and a loop that reads (and discards) what the server sends on it.</summary>
    private sealed class Held(ClientWebSocket socket)
    {
        public ClientWebSocket Socket { get; } = socket;

        public int Frames;

        public Task Reading { get; set; } = Task.CompletedTask;
    }

    private static async Task<List<Held>> OpenAsync(Uri endpoint, IReadOnlyList<Customer> customers)
    {
        var held = new Held?[customers.Count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < customers.Count && clock.Elapsed < ConnectBudget; i = Interlocked.Increment(ref next))
            {
                var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Authorization", "Bearer " + customers[i].Token);
                socket.Options.KeepAliveInterval = TimeSpan.Zero; // idle: only the server's heartbeats move
                var uri = new UriBuilder(new Uri(endpoint, $"v1/chats/{Uri.EscapeDataString(customers[i].ChatId)}/stream?after=0")) { Scheme = Uri.UriSchemeWs }.Uri;
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                    await socket.ConnectAsync(uri, timeout.Token);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                    Console.Error.WriteLine($"socket {i}: {e.Message}");
                }

                var h = new Held(socket);
                h.Reading = socket.State == WebSocketState.Open ? ReadAsync(h) : Task.CompletedTask;
                held[i] = h;
            }
        })));
        return [.. held.OfType<Held>()];
    }

    private static async Task ReadAsync(Held held)
    {
        var buffer = new byte[512];
        try
        {
            while (true)
            {
                var result = await held.Socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                if (result.EndOfMessage)
                {
                    Interlocked.Increment(ref held.Frames);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed or aborted by the benchmark.
        }
    }

    private static async Task CloseAsync(List<Held> held)
    {
        await Task.WhenAll(held.Select(async h =>
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                if (h.Socket.State == WebSocketState.Open)
                {
                    await h.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, string.Empty, timeout.Token);
                }

                await h.Reading.WaitAsync(timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
            {
                h.Socket.Abort();
            }
            finally
            {
                h.Socket.Dispose();
            }
        }));
    }

    /// <summary>Raises this process's soft limit on open files (children, the server among them, inherit it) to at
    /// least <paramref name="wanted"/>, within the hard limit; answers the limit now in force.</summary>
    private static ulong RaiseFileLimit(int wanted)
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RLimitNoFile, out var limit) != 0)
        {
            return 0;
        }

        if (limit.Current < (ulong)wanted)
        {
            var raised = limit with { Current = Math.Min(limit.Maximum, (ulong)wanted) };
            if (SetRLimit(RLimitNoFile, in raised) == 0)
            {
                limit = raised;
            }
        }

        if (limit.Current < (ulong)wanted)
        {
            Console.Error.WriteLine($"Open files limited to {limit.Current} (hard limit {limit.Maximum}); raise it (ulimit -n) to hold {wanted - 2_000} sockets.");
        }

        return limit.Current;
    }

    private const int RLimitNoFile = 7; // RLIMIT_NOFILE on Linux

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct RLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit")]
    private static partial int SetRLimit(int resource, in RLimit limit);
}

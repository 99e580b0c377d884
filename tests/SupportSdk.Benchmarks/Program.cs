using System.Globalization;
using BenchmarkDotNet.Running;
using SupportSdk.Benchmarks;
using SupportSdk.Benchmarks.Faq;
using SupportSdk.Benchmarks.InMemory;
using SupportSdk.Benchmarks.Loopback;
using SupportSdk.Benchmarks.Scanner;

// dotnet run -c Release --project tests/SupportSdk.Benchmarks -- <command> [options]; RESULTS.md has every command.
var command = args.Length > 0 ? args[0] : "help";
var rest = args.Skip(1).ToArray();
if (command != FirstCall.ChildCommand)
{
    Console.WriteLine($"# {command} on {Machine.Describe()}");
}

switch (command)
{
    case FirstCall.ChildCommand when rest.Length == 4:
        return await FirstCall.ChildAsync(rest[0], rest[1], rest[2], rest[3]);
    case "in-memory":
        return Run<InMemoryClientBenchmarks>(rest);
    case "alloc":
        return await AllocationCheck.RunAsync(int.Parse(Option(rest, "--calls", "20000"), CultureInfo.InvariantCulture), rest.Contains("--async"));
    case "scanner":
        SecretScanChecks.Verify();
        return Run<SecretScanBenchmarks>(rest);
    case "scanner-compare" when rest.Length > 0:
        return ScannerComparison.Run(rest[0], int.Parse(Option(rest, "--rounds", "21"), CultureInfo.InvariantCulture),
            int.Parse(Option(rest, "--batch", "200"), CultureInfo.InvariantCulture));
    case "faq":
        return await FaqScaleHarness.RunAsync(Option(rest, "--sizes", "1000,10000,100000").Split(',').Select(int.Parse).ToArray());
    case "faq-quality":
        return await FaqQualityReport.RunAsync(rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray());
    case "loopback":
        return await LoopbackHarness.RunAsync(int.Parse(Option(rest, "--rounds", "30"), CultureInfo.InvariantCulture),
            int.Parse(Option(rest, "--batch", "40"), CultureInfo.InvariantCulture));
    case "in-memory-interleaved":
        return await LoopbackHarness.RunInMemoryAsync(int.Parse(Option(rest, "--rounds", "30"), CultureInfo.InvariantCulture),
            int.Parse(Option(rest, "--batch", "400"), CultureInfo.InvariantCulture));
    case "create-throughput" when rest.Contains("--stores"):
        return await CreateThroughput.RunStoresAsync(Option(rest, "--stores", "sqlite,pg1,pg3").Split(','),
            Option(rest, "--clients", "8,32").Split(',').Select(int.Parse).ToArray(),
            TimeSpan.FromSeconds(int.Parse(Option(rest, "--seconds", "5"), CultureInfo.InvariantCulture)),
            int.Parse(Option(rest, "--rounds", "2"), CultureInfo.InvariantCulture), SynchronousCommit(rest), Settings(rest),
            int.Parse(Option(rest, "--users-per-client", "1"), CultureInfo.InvariantCulture));
    case "create-throughput":
        return await CreateThroughput.RunAsync(Option(rest, "--clients", "8,32").Split(',').Select(int.Parse).ToArray(),
            TimeSpan.FromSeconds(int.Parse(Option(rest, "--seconds", "5"), CultureInfo.InvariantCulture)),
            int.Parse(Option(rest, "--rounds", "2"), CultureInfo.InvariantCulture));
    case "cluster-chat":
        return await ClusterChatLatency.RunAsync(int.Parse(Option(rest, "--messages", "2000"), CultureInfo.InvariantCulture),
            int.Parse(Option(rest, "--batch", "100"), CultureInfo.InvariantCulture), Option(rest, "--pg", "pg3").Split(','), SynchronousCommit(rest), Settings(rest));
    case "chat-idle-memory":
        return await IdleChatMemory.RunAsync(int.Parse(Option(rest, "--connections", "10000"), CultureInfo.InvariantCulture), Option(rest, "--store", "pg1"),
            TimeSpan.FromSeconds(int.Parse(Option(rest, "--idle", "20"), CultureInfo.InvariantCulture)),
            Settings(rest));
    case ChatHarness.EchoCommand when rest.Length == 1:
        return await ChatHarness.EchoServerAsync(int.Parse(rest[0], CultureInfo.InvariantCulture));
    case "chat":
        return await ChatHarness.RunAsync(int.Parse(Option(rest, "--rounds", "20"), CultureInfo.InvariantCulture),
            int.Parse(Option(rest, "--batch", "100"), CultureInfo.InvariantCulture));
    case "webhooks":
        return await WebhookHarness.RunAsync(int.Parse(Option(rest, "--rounds", "5"), CultureInfo.InvariantCulture),
            int.Parse(Option(rest, "--paced", "100"), CultureInfo.InvariantCulture), int.Parse(Option(rest, "--burst", "2000"), CultureInfo.InvariantCulture));
    case "first-call":
        return await FirstCall.RunAsync(int.Parse(Option(rest, "--runs", "7"), CultureInfo.InvariantCulture));
    default:
        Console.WriteLine("""
            SupportSdk benchmarks (see tests/SupportSdk.Benchmarks/RESULTS.md); --set Name=Value (the three issue-15 commands): environment of the SupportDesk processes
              in-memory            P2: client variants over an in-memory handler (BenchmarkDotNet, MemoryDiagnoser)
              alloc [--calls N] [--async]   bytes per call over the in-memory handler (--async: answers complete asynchronously, as over a socket)
              scanner              SecretScanner.Default.Scan per message (BenchmarkDotNet)
              scanner-compare <old SupportSdk.Protocol.dll> [--rounds N --batch N]   the same messages, this build against another, interleaved (thread CPU time)
              faq [--sizes a,b,c]  P8: FAQ search p50/p99 at 1k, 10k, 100k articles; short CJK queries must match
              faq-quality [files]  FAQ relevance (MRR@10, hit@3 per kind and language) on the demo help center
              in-memory-interleaved [--rounds N --batch N]   P2 timings, variants interleaved (robust on a shared CPU)
              loopback [--rounds N --batch N]   P1: the server in its own process, client variants interleaved
              chat [--rounds N --batch N]       P7: ChatSession send->ack vs a raw WebSocket echo, interleaved
              create-throughput [--clients a,b --seconds N --rounds N]   tickets/s from concurrent clients
              create-throughput --stores sqlite,pg1,pg3 [--clients a,b --seconds N --rounds N --users-per-client N --synchronous-commit on|off --set Name=Value]
                                   the same per store, interleaved: SQLite, 1 and 3 nodes on one PostgreSQL database (issue 15);
                                   pgN-prepared / -noreset: Npgsql auto-prepare / no reset on close in the connection string;
                                   pgN-asynccommit: synchronous_commit=off for that database only; pgN-pool4, -pool100: the pool size (suffixes combine)
              cluster-chat [--messages N --batch N --pg pg3[,pg3-prepared-noreset] --synchronous-commit on|off --set Name=Value]
                                   chat send on node A -> agent's socket on node B (PostgreSQL, 3 nodes), against one node
              chat-idle-memory [--connections N --store pg1|sqlite --idle S --set Name=Value ...]
                                   server memory (VmRSS) per idle chat WebSocket, N customers on one node
              first-call [--runs N]             the first SDK call in a fresh process
              webhooks [--rounds N --paced N --burst N]   webhook deliveries/s and commit→delivery p50/p99 to a loopback receiver
            Extra arguments after in-memory/scanner go to BenchmarkDotNet (e.g. --filter *TicketGet*).
            """);
        return command == "help" ? 0 : 2;
}

static int Run<T>(string[] benchmarkArgs)
{
    var summary = BenchmarkSwitcher.FromTypes([typeof(T)]).Run(benchmarkArgs.Length == 0 ? ["--filter", "*"] : benchmarkArgs);
    return summary.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
}

// --set Name=Value (repeatable): an environment variable for every SupportDesk process, e.g. --set DOTNET_gcServer=0.
static Dictionary<string, string> Settings(string[] options) =>
    options.Select((a, i) => (a, i)).Where(p => p.a == "--set" && p.i + 1 < options.Length && options[p.i + 1].Contains('=', StringComparison.Ordinal))
        .Select(p => options[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);

static bool SynchronousCommit(string[] options) => Option(options, "--synchronous-commit", "on") switch
{
    "on" => true,
    "off" => false,
    var other => throw new ArgumentException($"--synchronous-commit {other}: use on or off."),
};

static string Option(string[] options, string name, string fallback)
{
    var i = Array.IndexOf(options, name);
    return i >= 0 && i + 1 < options.Length ? options[i + 1] : fallback;
}

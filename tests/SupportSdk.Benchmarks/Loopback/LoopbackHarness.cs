using SupportSdk.Benchmarks.Clients;
using SupportSdk.Benchmarks.InMemory;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// P1 over real sockets: the server in its own process on 127.0.0.1, this process as the client. For each operation,
/// raw HttpClient + generated JSON (the floor), the SDK without and with resilience, and RestSharp, interleaved. The
/// same interleaved measurement also runs over the in-memory handler (P2 timings without BenchmarkDotNet's
/// one-benchmark-after-another order, which a shared CPU skews).
/// </summary>
public static class LoopbackHarness
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(int rounds, int batch)
    {
        await using var server = await ServerProcess.StartAsync();
        var session = await SupportSession.CreateAsync(server.Endpoint, "bench-loopback");
        Console.WriteLine($"Loopback (P1): SupportDesk in its own process at {server.Endpoint}; {rounds} rounds x {batch} calls per variant per operation.");
        await MeasureAsync(session.Variants(), session.TicketId, rounds, batch);
        return 0;
    }

    public static async Task<int> RunInMemoryAsync(int rounds, int batch)
    {
        using var handler = new CannedSupportHandler(await CannedPayloads.CreateAsync());
        Console.WriteLine($"In memory (P2), interleaved: {rounds} rounds x {batch} calls per variant per operation.");
        await MeasureAsync(InMemoryVariants.Create(handler), CannedPayloads.TicketId, rounds, batch);
        return 0;
    }

    private static async Task MeasureAsync(IReadOnlyList<SupportCalls> variants, string ticketId, int rounds, int batch)
    {
        try
        {
            InterleavedRun.Print("GET /v1/tickets/{id}",
                await new InterleavedRun(variants, v => v.GetTicketAsync(ticketId)).RunAsync(50, rounds, batch, Budget));
            InterleavedRun.Print("GET /v1/faq/search?q=withdrawal pending",
                await new InterleavedRun(variants, v => v.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us")).RunAsync(50, rounds, batch, Budget));
            InterleavedRun.Print("POST /v1/tickets (new Idempotency-Key each)",
                await new InterleavedRun(variants, v => v.CreateTicketAsync(CannedPayloads.NewTicket)).RunAsync(20, Math.Max(1, rounds / 2), batch, Budget));
        }
        finally
        {
            foreach (var variant in variants)
            {
                variant.Dispose();
            }
        }
    }
}

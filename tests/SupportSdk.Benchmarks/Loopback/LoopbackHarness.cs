using SupportSdk.Benchmarks.InMemory;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// P1 over real sockets: the server in its own process on 127.0.0.1, this process as the client. For each operation,
/// raw HttpClient + generated JSON (the floor), the SDK without and with resilience, and RestSharp, interleaved.
/// </summary>
public static class LoopbackHarness
{
    public static async Task<int> RunAsync(int rounds, int batch)
    {
        await using var server = await ServerProcess.StartAsync();
        var session = await SupportSession.CreateAsync(server.Endpoint, "bench-loopback");
        var variants = session.Variants();
        try
        {
            Console.WriteLine($"Loopback (P1): server pid in its own process at {server.Endpoint}; {rounds} rounds x {batch} calls per variant per operation.");
            var budget = TimeSpan.FromSeconds(90);
            InterleavedRun.Print("GET /v1/tickets/{id}",
                await new InterleavedRun(variants, v => v.GetTicketAsync(session.TicketId)).RunAsync(50, rounds, batch, budget));
            InterleavedRun.Print("GET /v1/faq/search?q=withdrawal pending",
                await new InterleavedRun(variants, v => v.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us")).RunAsync(50, rounds, batch, budget));
            InterleavedRun.Print("POST /v1/tickets (new Idempotency-Key each)",
                await new InterleavedRun(variants, v => v.CreateTicketAsync(CannedPayloads.NewTicket)).RunAsync(20, Math.Max(1, rounds / 2), batch, budget));
            return 0;
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

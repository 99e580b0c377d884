using SupportSdk.Benchmarks.Clients;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.InMemory;

/// <summary>
/// A quick, deterministic bytes-per-call table over the in-memory handler (seconds, not minutes): the same figure as
/// MemoryDiagnoser's Allocated column, for checking an allocation change in the SDK before a full run.
/// </summary>
public static class AllocationCheck
{
    public static async Task<int> RunAsync(int calls, bool asynchronous)
    {
        var payloads = await CannedPayloads.CreateAsync();
        using var handler = new CannedSupportHandler(payloads, asynchronous);
        var variants = InMemoryVariants.Create(handler);
        (string Name, Func<SupportCalls, Task> Call)[] operations =
        [
            ("ticket GET", v => v.GetTicketAsync(CannedPayloads.TicketId)),
            ("ticket create", v => v.CreateTicketAsync(CannedPayloads.NewTicket)),
            ("FAQ search", v => v.SearchFaqAsync(CannedPayloads.FaqQuery, "en-us")),
        ];
        Console.WriteLine($"Bytes allocated per call over the in-memory handler ({calls} calls each, after warm-up, answers {(asynchronous ? "asynchronous, as over a socket" : "synchronous")}); response bodies: ticket {payloads.Ticket.Length} B, FAQ results {payloads.FaqResults.Length} B.");
        Console.WriteLine("| operation | " + string.Join(" | ", variants.Select(v => v.Name)) + " | SDK / floor | SDK (resilience off) / floor |");
        Console.WriteLine("| --- |" + string.Concat(Enumerable.Repeat(" --- |", variants.Length + 2)));
        foreach (var (name, call) in operations)
        {
            var bytes = new double[variants.Length];
            for (var v = 0; v < variants.Length; v++)
            {
                for (var i = 0; i < 200; i++)
                {
                    await call(variants[v]);
                }

                var before = GC.GetTotalAllocatedBytes(precise: true);
                for (var i = 0; i < calls; i++)
                {
                    await call(variants[v]);
                }

                bytes[v] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
            }

            Console.WriteLine($"| {name} | " + string.Join(" | ", bytes.Select(b => b.ToString("0", System.Globalization.CultureInfo.InvariantCulture))) +
                $" | {Ratio(bytes[2] / bytes[0])} | {Ratio(bytes[1] / bytes[0])} |");
        }

        foreach (var variant in variants)
        {
            variant.Dispose();
        }

        return 0;
    }
}

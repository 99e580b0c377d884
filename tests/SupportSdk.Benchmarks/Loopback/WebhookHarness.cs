using System.Diagnostics;
using System.Globalization;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// Issue 16: webhook delivery by SupportDesk (its own process, SQLite, the shipped dispatcher) to a receiver on
/// loopback in this process that answers 204 at once (<see cref="BenchWebhookReceiver"/>). The endpoint subscribes to
/// <c>ticket.created</c>, so one ticket made through the SDK is one event. Each round runs, in turn:
/// <list type="bullet">
/// <item><b>paced</b>: one ticket at a time, the next once the previous one's event arrived; commit → delivery is
/// the time from the API's answer reaching the caller to the receiver getting the event (negative when the event got
/// there first), and from the call's start as an upper bound.</item>
/// <item><b>drain</b>: the receiver holds the sender's first requests while N tickets are created, so the outbox
/// holds N − (first batch) deliveries, all due; then it lets go: deliveries/s from then to the N-th arrival, with the
/// server's CPU per delivery. The sender's own rate, nothing else running.</item>
/// <item><b>sustained</b>: N tickets from 16 clients while the server delivers: tickets/s and deliveries/s from the
/// first create to the N-th arrival, and the backlog left when the last create was answered.</item>
/// </list>
/// </summary>
public static class WebhookHarness
{
    private const int Clients = 16;
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    public static async Task<int> RunAsync(int rounds, int paced, int burst)
    {
        await using var server = await ServerProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Support__Webhooks__AllowPrivateTargets"] = "true",
            ["Support__Webhooks__AttemptTimeout"] = "00:01:00", // the most allowed: the drain phase holds the sender's first requests while the outbox fills
        });
        await using var receiver = await BenchWebhookReceiver.StartAsync();
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        using (var backend = new SupportClient(server.Endpoint, new ApiKeyCredential(ServerProcess.ApiKey), options))
        {
            await backend.Webhooks.CreateWebhookAsync(new CreateWebhookRequest { Url = receiver.Url.ToString(), Events = [WebhookEventTypes.TicketCreated] });
        }

        var clients = new List<SupportClient>();
        for (var i = 0; i < Clients; i++)
        {
            var token = await SupportSession.MintTokenAsync(server.Endpoint, $"bench-hooks-{i}");
            clients.Add(new SupportClient(server.Endpoint, new UserTokenCredential(token), options));
        }

        try
        {
            // The server's JIT tiers up under load (see create-throughput): warm both paths before measuring.
            await SustainedAsync(receiver, clients, burst);
            await DrainAsync(server, receiver, clients, burst);
            await PacedAsync(receiver, clients[0], 50);

            Console.WriteLine($"Webhook delivery: SupportDesk process (SQLite) → receiver in this process (204 at once); {rounds} rounds, each: {paced} paced events, a drain of {burst}, a sustained burst of {burst} from {Clients} SDK clients.");
            Console.WriteLine("| round | paced p50 ms (answer → delivery) | paced p99 | p50 from call start | drain deliveries/s | server CPU µs/delivery | this process CPU µs/delivery | sustained tickets/s | sustained deliveries/s | backlog when creates done | load |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            var fromAnswer = new List<double>();
            var fromStart = new List<double>();
            var drains = new List<double>();
            var roundP50s = new List<double>();
            var holds = new List<string>();
            for (var round = 1; round <= rounds; round++)
            {
                var (answer, start) = await PacedAsync(receiver, clients[round % Clients], paced);
                var drain = await DrainAsync(server, receiver, clients, burst);
                var sustained = await SustainedAsync(receiver, clients, burst);
                fromAnswer.AddRange(answer);
                fromStart.AddRange(start);
                drains.Add(drain.Rate);
                roundP50s.Add(Median(answer));
                holds.Add(string.Create(CultureInfo.InvariantCulture, $"round {round}: {drain.Held} held for {drain.Fill.TotalSeconds:F1} s, {drain.SentMeanwhile} of the other {burst - drain.Held} sent meanwhile"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {round} | {Ms(Median(answer))} | {Ms(Percentile(answer, 99))} | {Ms(Median(start))} | {drain.Rate:0} | {drain.ServerCpuUs:0} | {drain.SelfCpuUs:0} | {sustained.CreatesPerSecond:0} | {sustained.DeliveriesPerSecond:0} | {sustained.Backlog} | {Machine.LoadAverage()} |"));
            }

            var p50 = Median(fromAnswer);
            Console.WriteLine();
            Console.WriteLine("While the receiver held the sender's first requests (the drain's fill): " + string.Join("; ", holds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Drain deliveries/s over the rounds: min {drains.Min():0}, median {Median(drains):0}, max {drains.Max():0} — target ≥ 500/s: {Verdict(Median(drains) >= 500)}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Commit → delivery, all {fromAnswer.Count} paced events: p50 {Ms(p50)} ms, p99 {Ms(Percentile(fromAnswer, 99))} ms (from the call's start: p50 {Ms(Median(fromStart))}, p99 {Ms(Percentile(fromStart, 99))}); round p50s {Ms(roundP50s.Min())}–{Ms(roundP50s.Max())} ms — target p50 ≤ 50 ms: {Verdict(p50 <= 50)}"));
            return 0;
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<(List<double> FromAnswer, List<double> FromStart)> PacedAsync(BenchWebhookReceiver receiver, SupportClient client, int count)
    {
        var fromAnswer = new List<double>(count);
        var fromStart = new List<double>(count);
        receiver.TrackTickets = true;
        try
        {
            for (var i = 0; i < count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var ticket = await client.Tickets.CreateTicketAsync(Ticket);
                var answered = Stopwatch.GetTimestamp();
                var arrived = await receiver.WaitForTicketAsync(ticket.Id, Bound);
                fromAnswer.Add(ToMilliseconds(arrived - answered));
                fromStart.Add(ToMilliseconds(arrived - start));
            }
        }
        finally
        {
            receiver.TrackTickets = false;
        }

        return (fromAnswer, fromStart);
    }

    private static async Task<Drain> DrainAsync(ServerProcess server, BenchWebhookReceiver receiver, List<SupportClient> clients, int count)
    {
        receiver.Hold();
        var all = receiver.CountAsync(count);
        var filling = Stopwatch.StartNew();
        await CreateAsync(clients, count);

        // The sender has the first events in hand (held); everything after them waits in the outbox, due.
        var waited = Stopwatch.StartNew();
        while (receiver.Held == 0 && waited.Elapsed < Bound)
        {
            await Task.Delay(10);
        }

        var (held, sentMeanwhile, fill) = (receiver.Held, receiver.Arrived, filling.Elapsed);
        using var self = Process.GetCurrentProcess();
        var serverCpu = server.CpuSeconds();
        var selfCpu = self.TotalProcessorTime.TotalSeconds;
        var released = Stopwatch.GetTimestamp();
        receiver.Release();
        var last = await all.WaitAsync(Bound);
        self.Refresh();
        return new Drain(count / (ToMilliseconds(last - released) / 1000), (server.CpuSeconds() - serverCpu) * 1e6 / count,
            (self.TotalProcessorTime.TotalSeconds - selfCpu) * 1e6 / count, held, sentMeanwhile, fill);
    }

    /// <summary>A drain's rate and CPU per delivery, and what the sender did while the receiver held its first requests.</summary>
    private sealed record Drain(double Rate, double ServerCpuUs, double SelfCpuUs, int Held, int SentMeanwhile, TimeSpan Fill);

    private static async Task<(double CreatesPerSecond, double DeliveriesPerSecond, int Backlog)> SustainedAsync(BenchWebhookReceiver receiver, List<SupportClient> clients, int count)
    {
        var all = receiver.CountAsync(count);
        var start = Stopwatch.GetTimestamp();
        await CreateAsync(clients, count);
        var created = Stopwatch.GetTimestamp();
        var backlog = count - receiver.Arrived;
        var last = await all.WaitAsync(Bound);
        return (count / (ToMilliseconds(created - start) / 1000), count / (ToMilliseconds(last - start) / 1000), backlog);
    }

    /// <summary>Creates <paramref name="count"/> tickets, the clients side by side, each one call after another.</summary>
    private static Task CreateAsync(List<SupportClient> clients, int count) =>
        Task.WhenAll(clients.Select(async (client, i) =>
        {
            for (var n = i; n < count; n += clients.Count)
            {
                await client.Tickets.CreateTicketAsync(Ticket);
            }
        }));

    private static CreateTicketRequest Ticket => new() { Subject = "Webhook benchmark", Body = "My deposit has not arrived.", Category = TicketCategory.Deposit };
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// Issue 16's proof: one <c>SupportDesk serve</c> process (SQLite) sends 1,100 webhook events to a
/// <c>MapSupportWebhooks</c> receiver behind a fault proxy (resets before forwarding and after the receiver answered,
/// 429 with Retry-After 1, stalls past the attempt timeout) whose handler also fails a share of them (500), while the
/// server is killed with SIGKILL twice mid-run and started again on the same port and database. Every event of every
/// acknowledged change arrives, is handled exactly once after the receiver's dedupe, and each ticket's sequence is
/// complete; the server's own record says every delivery was made.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WebhookChaosTests
{
    private const int Tickets = 100;
    private const int Replies = 9;
    private const int EventsPerTicket = 1 + Replies + 1; // created, each reply, and open → pending_agent on the first reply
    private const int MaxStalls = 10; // each holds up the server's delivery round for an attempt timeout
    private static readonly int[] KillAfterCreated = [30, 70]; // of the Tickets
    private static readonly TimeSpan DeliveryDeadline = TimeSpan.FromSeconds(60);

    private SupportDeskNodes? _server;

    [TearDown]
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, "webhook-chaos-server.log");
            await File.WriteAllTextAsync(file, _server.Logs());
            TestContext.AddTestAttachment(file, "the server's console output, every life");
            TestContext.Out.WriteLine("Server output: " + file);
        }

        await _server.DisposeAsync();
        _server = null;
    }

    [Test]
    [CancelAfter(150_000)]
    public async Task Events_survive_receiver_faults_and_two_server_kills_and_are_handled_once_each_in_complete_sequences(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            ["Support__Webhooks__AllowPrivateTargets"] = "true",
            ["Support__Webhooks__AttemptTimeout"] = "00:00:02",
        };
        for (var i = 0; i < 30; i++)
        {
            settings[$"Support__Webhooks__RetryDelays__{i}"] = "00:00:00.200";
        }

        _server = await SupportDeskNodes.StartSqliteAsync(settings);
        var stopwatch = Stopwatch.StartNew();
        var random = new Random(20261216);
        var stalls = 0;
        var receiverPort = FreePort();
        await using var proxy = new FaultProxy(new Uri($"http://127.0.0.1:{receiverPort}"), _ =>
        {
            lock (random)
            {
                var roll = random.NextDouble();
                return roll < 0.10 ? ProxyFault.ResetBeforeForwarding
                    : roll < 0.20 ? ProxyFault.ResetAfterServerAnswered
                    : roll < 0.28 ? ProxyFault.Answer429
                    : roll < 0.30 && stalls++ < MaxStalls ? ProxyFault.Stall
                    : ProxyFault.None;
            }
        }, retryAfterSeconds: 1);

        using var backend = new SupportClient(_server.Address(0), new ApiKeyCredential(SupportDeskNodes.ApiKey), Options());
        var hook = await backend.Webhooks.CreateWebhookAsync(new CreateWebhookRequest { Url = new Uri(proxy.Address, "hooks").ToString() }, cancellationToken: cancellationToken);
        await using var receiver = await ChaosWebhookReceiver.StartAsync(receiverPort, hook.Secret!, failShare: 0.10, seed: 16, cancellationToken);
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "hook-chaos", DisplayName = "Hook chaos", Locale = "en-us" }, cancellationToken);
        using var customer = new SupportClient(_server.Address(0), new UserTokenCredential(token.Token), Options());

        // The driver: the tickets eight at a time, then each ticket's replies one after another, eight tickets at a
        // time; the SDK retries (same Idempotency-Key) through the kills. Both kills land while tickets are being
        // created: creation records its Idempotency-Key in its own transaction, while a reply claims its key, works,
        // then records the answer, so a kill between the last two leaves the key "in flight" for two minutes (every
        // retry answered 409, then the reply stored twice). That is a server bug of its own, reported; this test is
        // about the webhooks.
        var acknowledged = 0;
        var tickets = new ConcurrentDictionary<int, string>();
        var replies = new ConcurrentDictionary<int, int>();
        var kills = KillAfterCreated.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

        var chaosLog = new List<string>();
        var chaos = Task.Run(async () =>
        {
            foreach (var kill in kills)
            {
                await kill.Task.WaitAsync(cancellationToken);
                var at = (Elapsed: stopwatch.Elapsed.TotalSeconds, Created: Volatile.Read(ref acknowledged), Handled: receiver.Handled.Count);
                await _server.KillAsync(0);
                var down = Stopwatch.StartNew();
                await _server.RestartAsync(0);
                chaosLog.Add(string.Create(CultureInfo.InvariantCulture,
                    $"SIGKILL at {at.Elapsed:F1} s ({at.Created} tickets created, {at.Handled} events handled), back after {down.Elapsed.TotalSeconds:F1} s"));
            }
        }, cancellationToken);

        var eight = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, Tickets), eight, async (i, ct) =>
        {
            var ticket = await customer.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = $"hook chaos {i:D3}", Body = "Deposit missing", Category = TicketCategory.Deposit },
                cancellationToken: ct);
            tickets[i] = ticket.Id;
            var created = Interlocked.Increment(ref acknowledged);
            for (var k = 0; k < kills.Length; k++)
            {
                if (created == KillAfterCreated[k])
                {
                    kills[k].TrySetResult();
                }
            }
        });
        await chaos;
        await Parallel.ForEachAsync(tickets, eight, async (ticket, ct) =>
        {
            for (var r = 1; r <= Replies; r++)
            {
                await customer.Tickets.AddMessageAsync(ticket.Value, new ReplyRequest { Body = Reply(ticket.Key, r) }, cancellationToken: ct);
                replies.AddOrUpdate(ticket.Key, 1, (_, n) => n + 1);
                Interlocked.Increment(ref acknowledged);
            }
        });
        var driven = stopwatch.Elapsed;

        // Wait (bounded, on the receiver's answers) until it has handled every event, then until the server's record
        // has no delivery left pending.
        var expected = Tickets * EventsPerTicket;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(DeliveryDeadline);
        var deliveries = new List<WebhookDelivery>();
        try
        {
            while (receiver.Handled.Count < expected)
            {
                await receiver.Activity.ReadAsync(deadline.Token);
            }

            var allHandled = stopwatch.Elapsed;
            while (true)
            {
                deliveries = await DeliveriesAsync(backend, hook.Id, deadline.Token);
                if (deliveries.All(d => d.Status != "pending"))
                {
                    break;
                }

                // The server records an attempt just after the receiver answered it: look again on the next answer,
                // or after half a second when the last answer was the one it is still recording.
                using var next = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
                next.CancelAfter(TimeSpan.FromMilliseconds(500));
                try
                {
                    await receiver.Activity.ReadAsync(next.Token);
                }
                catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // Look again.
                }
            }

            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"driven in {driven.TotalSeconds:F1} s, every event handled at {allHandled.TotalSeconds:F1} s, no delivery pending at {stopwatch.Elapsed.TotalSeconds:F1} s"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            TestContext.Out.WriteLine($"Gave up waiting after {DeliveryDeadline.TotalSeconds:0} s: handled {receiver.Handled.Count} of {expected}.");
            deliveries = await DeliveriesAsync(backend, hook.Id, cancellationToken);
        }

        var faults = proxy.FaultCounts.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}");
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"webhook chaos: {Tickets} tickets × (create + {Replies} replies) = {acknowledged} calls acknowledged; {receiver.Handled.Count} of {expected} events handled once; " +
            $"{receiver.Requests} requests reached the receiver ({string.Join(", ", receiver.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"))}), " +
            $"{receiver.DuplicatesDropped} duplicates dropped by its dedupe, {receiver.HandlerFailures} handler failures (500); proxy connections {proxy.Connections}: {string.Join(", ", faults)}; " +
            $"server attempts recorded {deliveries.Sum(d => d.Attempts)} over {deliveries.Count} deliveries; {string.Join("; ", chaosLog)}; {stopwatch.Elapsed.TotalSeconds:F1} s in all"));

        var byTicket = receiver.Handled.Values.GroupBy(e => e.TicketId ?? "(none)").ToDictionary(g => g.Key, g => g.OrderBy(e => e.Sequence).ToList());
        Assert.Multiple(() =>
        {
            Assert.That(acknowledged, Is.EqualTo(Tickets * (1 + Replies)), "the SDK's retries rode out both kills: every call acknowledged");
            Assert.That(chaosLog, Has.Count.EqualTo(2), "the server was killed and restarted twice");
            Assert.That(receiver.HandledTwice, Is.Empty, "no event handled twice");
            Assert.That(byTicket.Keys, Is.EquivalentTo(tickets.Values), "events for exactly the acknowledged tickets, no other");
            foreach (var (i, id) in tickets.OrderBy(t => t.Key))
            {
                var events = byTicket.GetValueOrDefault(id) ?? [];
                Assert.That(events.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, EventsPerTicket).Select(s => (long)s)), $"ticket {i} ({id}): sequences 1..{EventsPerTicket}, no gap");
                Assert.That(events.Select(e => e.Type).FirstOrDefault(), Is.EqualTo(WebhookEventTypes.TicketCreated), $"ticket {i}: created first");
                Assert.That(events.Count(e => e.Type == WebhookEventTypes.TicketStatusChanged), Is.EqualTo(1), $"ticket {i}: one status change");
                Assert.That(events.Where(e => e.Type == WebhookEventTypes.TicketMessageAdded).Select(e => e.TryGetMessage(out var m) ? m.Body : null),
                    Is.EqualTo(Enumerable.Range(1, replies.GetValueOrDefault(i)).Select(r => Reply(i, r))), $"ticket {i}: every acknowledged reply once, in order");
            }

            Assert.That(deliveries, Has.Count.EqualTo(expected), "one delivery per event in the server's record");
            Assert.That(deliveries.Where(d => d.Status != "delivered").Select(d => $"{d.Id} {d.EventType} {d.Status} after {d.Attempts}: {d.LastStatusCode} {d.LastResponse}"),
                Is.Empty, "the server recorded every delivery as delivered");
            Assert.That(receiver.Requests, Is.GreaterThanOrEqualTo(receiver.Handled.Count), "raw requests ≥ unique events");
            Assert.That(receiver.DuplicatesDropped, Is.GreaterThan(0), "answers lost after the receiver handled them were sent again and dropped by its dedupe");
            Assert.That(receiver.HandlerFailures, Is.GreaterThan(0), "the handler failed some events (500)");
            foreach (var fault in new[] { ProxyFault.ResetBeforeForwarding, ProxyFault.ResetAfterServerAnswered, ProxyFault.Answer429, ProxyFault.Stall })
            {
                Assert.That(proxy.FaultCounts.GetValueOrDefault(fault), Is.GreaterThan(0), $"the proxy injected {fault}");
            }

            Assert.That(_server.ServerErrors, Is.Empty, "the server answered no 5xx other than 503");
        });
    }

    private static string Reply(int ticket, int reply) => string.Create(CultureInfo.InvariantCulture, $"ticket {ticket:D3} reply {reply}");

    private static SupportClientOptions Options()
    {
        var options = new SupportClientOptions { AllowInsecureLoopback = true, AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(60) };
        options.Retry.MaxRetries = 100;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(250);
        options.CircuitBreaker.Enabled = false;
        return options;
    }

    private static async Task<List<WebhookDelivery>> DeliveriesAsync(SupportClient backend, string hookId, CancellationToken cancellationToken)
    {
        var all = new List<WebhookDelivery>();
        await foreach (var d in backend.Webhooks.GetDeliveriesAsync(hookId, pageSize: 100, cancellationToken: cancellationToken))
        {
            all.Add(d);
        }

        return all;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Collections.Concurrent;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// R7, R12, R13: the SDK against the real server through a fault-injecting loopback proxy. Whatever the network does,
/// no create is ever duplicated and no acknowledged ticket is lost.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FaultToleranceTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static SupportClientOptions Options(int maxRetries = 6)
    {
        var options = new SupportClientOptions { AllowInsecureLoopback = true, AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(30) };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        options.CircuitBreaker.Enabled = false;
        return options;
    }

    private async Task<string> TokenAsync(string userId)
    {
        using var backend = new SupportClient(_server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), Options());
        return (await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = userId })).Token;
    }

    private async Task<List<Ticket>> ServerTicketsAsync(string token)
    {
        using var direct = new SupportClient(_server.BaseAddress, new UserTokenCredential(token), Options());
        var all = new List<Ticket>();
        await foreach (var t in direct.Tickets.GetTicketsAsync(pageSize: 100))
        {
            all.Add(t);
        }

        return all;
    }

    [TestCase(ProxyFault.ResetBeforeForwarding)]
    [TestCase(ProxyFault.ResetAfterServerAnswered)]
    [TestCase(ProxyFault.Stall)]
    [TestCase(ProxyFault.TruncateResponse)]
    [TestCase(ProxyFault.Answer503)]
    [TestCase(ProxyFault.Answer429)]
    [TestCase(ProxyFault.OneByteSegments)]
    public async Task R13_a_create_survives_a_socket_fault_exactly_once(ProxyFault fault)
    {
        var token = await TokenAsync("r13-" + fault);
        await using var proxy = new FaultProxy(_server.BaseAddress, n => n == 1 ? fault : ProxyFault.None);
        using var client = new SupportClient(proxy.Address, new UserTokenCredential(token), Options());

        var ticket = await client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "Fault " + fault, Body = "b", Category = TicketCategory.Deposit });
        var stored = await ServerTicketsAsync(token);

        Assert.Multiple(() =>
        {
            Assert.That(stored.Select(t => t.Id), Is.EqualTo(new[] { ticket.Id }), "exactly one ticket, the acknowledged one");
            Assert.That(proxy.FaultCounts.GetValueOrDefault(fault), Is.EqualTo(1), "the fault was injected");
        });
    }

    [Test]
    public async Task R7_a_reset_after_the_server_committed_is_answered_from_the_idempotency_record()
    {
        var token = await TokenAsync("r7-user");
        await using var proxy = new FaultProxy(_server.BaseAddress, n => n <= 2 ? ProxyFault.ResetAfterServerAnswered : ProxyFault.None);
        using var client = new SupportClient(proxy.Address, new UserTokenCredential(token), Options());

        var ticket = await client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "Committed twice?", Body = "b", Category = TicketCategory.Withdrawal });
        var stored = await ServerTicketsAsync(token);

        Assert.Multiple(() =>
        {
            Assert.That(proxy.Connections, Is.GreaterThanOrEqualTo(3), "two attempts were cut after the server answered");
            Assert.That(stored, Has.Count.EqualTo(1));
            Assert.That(stored[0].Id, Is.EqualTo(ticket.Id));
        });
    }

    [Test]
    public async Task R12_chaos_soak_no_unhandled_exception_no_duplicate_no_lost_ticket()
    {
        const int creates = 2000;
        var token = await TokenAsync("soak-user");
        var random = new Random(20261122);
        var faults = Enum.GetValues<ProxyFault>();
        await using var proxy = new FaultProxy(_server.BaseAddress, _ =>
        {
            lock (random)
            {
                // About a third of connections misbehave; stalls are rarer because each costs an attempt timeout.
                var roll = random.NextDouble();
                return roll < 0.66 ? ProxyFault.None : roll < 0.68 ? ProxyFault.Stall : faults[random.Next(1, faults.Length)] is var f && f == ProxyFault.Stall ? ProxyFault.Answer503 : f;
            }
        });
        // One connection per request ("Connection: close"), so the proxy's per-connection faults hit every kind of call.
        using var transport = new HttpClient(new CloseEveryConnection { InnerHandler = new SocketsHttpHandler() });
        using var client = new SupportClient(transport, proxy.Address, new UserTokenCredential(token), Options(maxRetries: 8));
        var acknowledged = new ConcurrentDictionary<string, string>();
        var started = DateTime.UtcNow;
        var failed = 0;
        var unexpected = new ConcurrentBag<Exception>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        await Parallel.ForEachAsync(Enumerable.Range(0, creates), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = deadline.Token }, async (i, ct) =>
        {
            var subject = $"soak-{i:D4}";
            try
            {
                var ticket = await client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = subject, Body = "b", Category = TicketCategory.Other }, cancellationToken: ct);
                acknowledged[subject] = ticket.Id;
                var read = await client.Tickets.GetTicketAsync(ticket.Id, ct);
                Assert.That(read.Subject, Is.EqualTo(subject));
            }
            catch (SupportApiException e) when (e.IsTransient)
            {
                Interlocked.Increment(ref failed);
            }
            catch (Exception e)
            {
                unexpected.Add(e);
            }
        });

        var stored = await ServerTicketsAsync(token);
        var bySubject = stored.GroupBy(t => t.Subject).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList());
        TestContext.Out.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0.0} s: creates {creates} (+ a read each), acknowledged {acknowledged.Count}, gave up {failed}, stored {stored.Count}, connections {proxy.Connections}, faults: "
            + string.Join(", ", proxy.FaultCounts.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}")));

        Assert.Multiple(() =>
        {
            Assert.That(unexpected, Is.Empty, string.Join("\n", unexpected.Take(3)));
            Assert.That(bySubject.Values.Where(ids => ids.Count > 1), Is.Empty, "no create was duplicated");
            Assert.That(acknowledged.All(a => bySubject.TryGetValue(a.Key, out var ids) && ids.Single() == a.Value), Is.True, "every acknowledged ticket is stored, with the acknowledged id");
            Assert.That(stored, Has.Count.LessThanOrEqualTo(creates));
            Assert.That(acknowledged.Count, Is.GreaterThanOrEqualTo(creates * 9 / 10), "retries recover almost every call");
            Assert.That(proxy.FaultCounts.Where(f => f.Key != ProxyFault.None).Sum(f => f.Value), Is.GreaterThan(creates / 5), "faults were really injected");
        });
    }

    private sealed class CloseEveryConnection : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.ConnectionClose = true;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

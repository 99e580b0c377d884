using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// Issue 15's proof: three <c>SupportDesk serve --store postgres</c> processes on one database behind a load balancer
/// without sticky sessions (<see cref="BalancingProxy"/>), with faults in front of every node. Chat through cuts and a
/// node killed with SIGKILL loses nothing, duplicates nothing and keeps order on both sides; ticket creation through
/// resets, 503s and stalls spread over the nodes is never duplicated nor lost (R12); one Idempotency-Key sent to two
/// nodes at the same instant makes one ticket.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class MultiNodeChaosTests
{
    private const int Nodes = 3;
    private SupportDeskNodes _nodes = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _nodes = await SupportDeskNodes.StartAsync(Nodes, new Dictionary<string, string>
    {
        ["Support__ChatHeartbeatInterval"] = "00:00:01",
    });

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [TearDown]
    public void KeepTheNodesOutputOfAFailure()
    {
        if (_nodes is not null && TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"multinode-{TestContext.CurrentContext.Test.MethodName}.log");
            File.WriteAllText(file, _nodes.Logs());
            TestContext.AddTestAttachment(file, "the nodes' console output");
            TestContext.Out.WriteLine("Nodes' output: " + file);
        }
    }

    private static SupportClientOptions Options(int maxRetries = 8)
    {
        var options = new SupportClientOptions { AllowInsecureLoopback = true, AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(60) };
        options.Retry.MaxRetries = maxRetries;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        options.CircuitBreaker.Enabled = false;
        options.Chat.ReconnectBaseDelay = TimeSpan.FromMilliseconds(10);
        options.Chat.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        options.Chat.IdleTimeout = TimeSpan.FromSeconds(5);
        return options;
    }

    private async Task<string> TokenAsync(string userId, CancellationToken cancellationToken)
    {
        using var backend = new SupportClient(_nodes.Address(0), new ApiKeyCredential(SupportDeskNodes.ApiKey), Options());
        return (await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = userId, Locale = "en-us" }, cancellationToken)).Token;
    }

    [Test]
    public async Task Chat_across_nodes_through_cuts_and_a_killed_node_arrives_exactly_once_in_order_on_both_sides(CancellationToken cancellationToken)
    {
        const int Messages = 500;
        const int InFlight = 8;
        var random = new Random(20261215);
        var cutters = _nodes.Addresses.Select(a => new CuttingProxy(a, _ =>
        {
            lock (random)
            {
                return (random.Next(50, 3_000), random.Next(100, 10_000));
            }
        })).ToList();
        try
        {
            await using var balancer = new BalancingProxy([.. cutters.Select(c => c.Address)], seed: 15);
            var token = await TokenAsync("chaos-chat", cancellationToken);
            using var customer = new SupportClient(balancer.Address, new UserTokenCredential(token), Options(maxRetries: 10));
            var stopwatch = Stopwatch.StartNew();
            await using var chat = await customer.Chat.StartChatAsync(new StartChatRequest { Topic = "I want to talk to an agent" }, cancellationToken);

            // The agent talks to one node directly, never the one the customer's first connection went to; that node is
            // the one killed mid-run, so the agent's session has to come back to it after its restart.
            var customerFirstNode = balancer.UpstreamOf(0);
            var agentNode = (customerFirstNode + 1) % Nodes;
            using var agent = new SupportClient(_nodes.Address(agentNode), new AgentKeyCredential(SupportDeskNodes.AgentKey), Options());
            await agent.AgentChats.AcceptChatAsync(chat.ChatId, cancellationToken);
            await using var agentSide = await agent.AgentChats.ConnectChatAsync(chat.ChatId, cancellationToken: cancellationToken);
            var customerReconnects = 0;
            var agentReconnects = 0;
            chat.StateChanged += (_, e) => Interlocked.Add(ref customerReconnects, e.Current == ChatSessionState.Reconnecting ? 1 : 0);
            agentSide.StateChanged += (_, e) => Interlocked.Add(ref agentReconnects, e.Current == ChatSessionState.Reconnecting ? 1 : 0);

            var customerTexts = Enumerable.Range(1, Messages).Select(i => $"customer {i:D4}").ToList();
            var agentTexts = Enumerable.Range(1, Messages).Select(i => $"agent {i:D4}").ToList();
            var customerView = new List<ChatEvent>();
            var agentView = new List<ChatEvent>();
            var customerReading = ReadUntilAllAsync(chat, customerView, Messages, cancellationToken);
            var agentReading = ReadUntilAllAsync(agentSide, agentView, Messages, cancellationToken);

            // Kill the agent's node once the agent has sent 40% of its messages; start it again on the same port.
            var agentSent = 0;
            var customerAcked = 0;
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var chaosLog = new StringBuilder();
            var chaos = Task.Run(async () =>
            {
                await killNow.Task.WaitAsync(cancellationToken);
                chaosLog.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"killed node {agentNode} (the agent's) at {stopwatch.Elapsed.TotalSeconds:F1} s (agent sent {Volatile.Read(ref agentSent)}, customer acked {Volatile.Read(ref customerAcked)})");
                await _nodes.KillAsync(agentNode);
                var down = Stopwatch.StartNew();
                await _nodes.RestartAsync(agentNode);
                chaosLog.Append(System.Globalization.CultureInfo.InvariantCulture,
                    $", back after {down.Elapsed.TotalSeconds:F1} s (agent sent {Volatile.Read(ref agentSent)}, customer acked {Volatile.Read(ref customerAcked)})");
                return Volatile.Read(ref agentSent);
            }, cancellationToken);

            var receipts = new ConcurrentBag<ChatSendReceipt>();
            using var progress = new Timer(_ => TestContext.Progress.WriteLine(
                $"multi-node chat {stopwatch.Elapsed.TotalSeconds:F0}s: customer saw {customerView.Count}, agent saw {agentView.Count}, acked {receipts.Count}, agent sent {Volatile.Read(ref agentSent)}, cuts {cutters.Sum(c => c.Cuts)}, connections {string.Join('/', balancer.PerUpstream)}"),
                null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
            var agentSending = Task.Run(async () =>
            {
                foreach (var text in agentTexts)
                {
                    await agentSide.SendMessageAsync(text, cancellationToken);
                    if (Interlocked.Increment(ref agentSent) == Messages * 2 / 5)
                    {
                        killNow.TrySetResult();
                    }
                }
            }, cancellationToken);

            using (var gate = new SemaphoreSlim(InFlight))
            {
                await Task.WhenAll(customerTexts.Select(async text =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        receipts.Add(await chat.SendMessageAsync(text, cancellationToken));
                        Interlocked.Increment(ref customerAcked);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }

            await agentSending;
            var agentSentWhenBack = await chaos;
            await Task.WhenAll(customerReading, agentReading);
            stopwatch.Stop();

            var stored = await StoredMessagesAsync(chat.ChatId, cancellationToken);
            var cuts = cutters.Sum(c => c.Cuts);
            TestContext.Out.WriteLine(
                $"multi-node chat: {Messages} customer + {Messages} agent messages in {stopwatch.Elapsed.TotalSeconds:F1} s; customer first on node {customerFirstNode}, agent on node {agentNode}; {chaosLog}; " +
                $"balancer connections per node {string.Join('/', balancer.PerUpstream)}; {cuts} cuts ({cutters.Sum(c => c.CutsTowardServer)} toward server, {cutters.Sum(c => c.CutsTowardClient)} toward client); " +
                $"customer reconnected {customerReconnects} times, agent {agentReconnects} times; customer saw {customerView.Count} events, agent {agentView.Count}, last seq {stored[^1].Seq}");

            var customerMessages = Conversation(customerView);
            var agentMessages = Conversation(agentView);
            var bySeq = receipts.ToDictionary(r => r.Seq, r => r.Text);
            Assert.Multiple(() =>
            {
                Assert.That(Seqs(customerView), Is.EqualTo(Enumerable.Range((int)Seqs(customerView)[0], Seqs(customerView).Count).Select(i => (long)i)), "customer: every seq once, in order, no gap");
                Assert.That(Seqs(agentView), Is.EqualTo(Enumerable.Range((int)Seqs(agentView)[0], Seqs(agentView).Count).Select(i => (long)i)), "agent: every seq once, in order, no gap");
                Assert.That(stored.Where(m => m.Role == AuthorRole.Customer).Select(m => m.Text), Is.EquivalentTo(customerTexts), "stored: every customer message once despite resends");
                Assert.That(stored.Where(m => m.Role == AuthorRole.Agent).Select(m => m.Text), Is.EqualTo(agentTexts), "stored: every agent message once, in order");
                Assert.That(customerMessages, Is.EqualTo(stored), "the customer saw exactly the stored conversation: same seqs, same texts, same order");
                Assert.That(agentMessages, Is.EqualTo(stored), "the agent saw exactly the stored conversation: same seqs, same texts, same order");
                Assert.That(receipts.Select(r => r.Seq).Distinct().Count(), Is.EqualTo(Messages), "one seq per customer send");
                Assert.That(stored.Where(m => m.Role == AuthorRole.Customer).Select(m => bySeq.GetValueOrDefault(m.Seq)), Is.EqualTo(stored.Where(m => m.Role == AuthorRole.Customer).Select(m => m.Text)),
                    "each receipt's seq is the seq the message was stored with");
                Assert.That(agentSentWhenBack, Is.LessThan(Messages), "the killed node came back while the agent still had messages to send through it");
                Assert.That(agentReconnects, Is.GreaterThanOrEqualTo(1), "the agent's session lost its node and came back to it");
                Assert.That(customerReconnects, Is.GreaterThan(10), "the customer's session was cut and reconnected, each time to a random node");
                Assert.That(cuts, Is.GreaterThan(30), "the proxies really did cut connections");
                Assert.That(balancer.PerUpstream, Has.All.GreaterThan(0), "the customer's connections were spread over every node");
                Assert.That(_nodes.ServerErrors, Is.Empty, "no node answered a 5xx other than 503");
            });
        }
        finally
        {
            foreach (var cutter in cutters)
            {
                await cutter.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Ticket_creation_through_faults_spread_over_the_nodes_is_never_duplicated_nor_lost(CancellationToken cancellationToken)
    {
        const int Creates = 600;
        var token = await TokenAsync("chaos-tickets", cancellationToken);
        var random = new Random(20261216);
        ProxyFault[] bad = [ProxyFault.ResetBeforeForwarding, ProxyFault.ResetAfterServerAnswered, ProxyFault.ResetAfterServerAnswered, ProxyFault.Answer503,
            ProxyFault.Answer429, ProxyFault.TruncateResponse, ProxyFault.OneByteSegments];
        var proxies = _nodes.Addresses.Select(a => new FaultProxy(a, _ =>
        {
            lock (random)
            {
                // About a third of connections misbehave; stalls are rarer because each costs an attempt timeout.
                var roll = random.NextDouble();
                return roll < 0.66 ? ProxyFault.None : roll < 0.68 ? ProxyFault.Stall : bad[random.Next(bad.Length)];
            }
        })).ToList();
        try
        {
            await using var balancer = new BalancingProxy([.. proxies.Select(p => p.Address)], seed: 16);

            // One connection per request, so every attempt (and every retry) is balanced to a node of its own and the
            // per-connection faults hit every kind of call.
            using var transport = new HttpClient(new CloseEveryConnection { InnerHandler = new SocketsHttpHandler() });
            using var client = new SupportClient(transport, balancer.Address, new UserTokenCredential(token), Options(maxRetries: 8));
            var acknowledged = new ConcurrentDictionary<string, string>();
            var gaveUp = 0;
            var unexpected = new ConcurrentBag<Exception>();
            var stopwatch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, Creates), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var subject = $"chaos-{i:D4}";
                try
                {
                    var ticket = await client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = subject, Body = "b", Category = TicketCategory.Other }, cancellationToken: ct);
                    acknowledged[subject] = ticket.Id;
                    var read = await client.Tickets.GetTicketAsync(ticket.Id, ct);
                    if (read.Subject != subject)
                    {
                        unexpected.Add(new InvalidOperationException($"{ticket.Id} read back as '{read.Subject}', not '{subject}'"));
                    }
                }
                catch (SupportApiException e) when (e.IsTransient)
                {
                    Interlocked.Increment(ref gaveUp);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    unexpected.Add(e);
                }
            });
            stopwatch.Stop();

            var stored = await UserTicketsAsync(token, cancellationToken);
            var bySubject = stored.GroupBy(t => t.Subject).ToDictionary(g => g.Key, g => g.Select(t => t.Id).ToList());
            var faults = proxies.SelectMany(p => p.FaultCounts).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
            TestContext.Out.WriteLine(
                $"idempotency chaos over {Nodes} nodes: {Creates} creates (+ a read each) in {stopwatch.Elapsed.TotalSeconds:F1} s, acknowledged {acknowledged.Count}, gave up {gaveUp}, stored {stored.Count}; " +
                $"connections per node {string.Join('/', balancer.PerUpstream)}; faults: {string.Join(", ", faults.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}"))}");

            Assert.Multiple(() =>
            {
                Assert.That(unexpected, Is.Empty, string.Join("\n", unexpected.Take(3)));
                Assert.That(bySubject.Values.Where(ids => ids.Count > 1), Is.Empty, "no create was duplicated");
                Assert.That(acknowledged.Where(a => !bySubject.TryGetValue(a.Key, out var ids) || ids.Single() != a.Value).Select(a => a.Key), Is.Empty,
                    "every acknowledged ticket is stored once, with the acknowledged id");
                Assert.That(bySubject.Keys.Where(s => !s.StartsWith("chaos-", StringComparison.Ordinal) || int.Parse(s[6..], System.Globalization.CultureInfo.InvariantCulture) >= Creates),
                    Is.Empty, "no ticket that was never asked for");
                Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(Creates * 9 / 10), "retries recover almost every call");
                Assert.That(faults.Where(f => f.Key != ProxyFault.None).Sum(f => f.Value), Is.GreaterThan(Creates / 5), "faults were really injected");
                Assert.That(faults.GetValueOrDefault(ProxyFault.ResetAfterServerAnswered), Is.GreaterThan(20), "commits whose answer was lost, retried on another node");
                Assert.That(balancer.PerUpstream, Has.All.GreaterThan(Creates / 10), "calls were spread over every node");
                Assert.That(_nodes.ServerErrors, Is.Empty, "no node answered a 5xx other than 503");
            });
        }
        finally
        {
            foreach (var proxy in proxies)
            {
                await proxy.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task The_same_idempotency_key_sent_to_two_nodes_at_the_same_instant_makes_one_ticket(CancellationToken cancellationToken)
    {
        const int Rounds = 20;
        var token = await TokenAsync("same-key", cancellationToken);
        var clients = _nodes.Addresses.Select(a =>
        {
            var http = new HttpClient { BaseAddress = a, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }).ToList();
        try
        {
            // Open a connection to every node first, so both requests of a round leave at once rather than after a connect.
            foreach (var http in clients)
            {
                using var warm = await http.GetAsync("v1/tickets?limit=1", cancellationToken);
                Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            var created = new Dictionary<string, string>();
            var inFlight = 0;
            var overlapped = 0;
            for (var round = 0; round < Rounds; round++)
            {
                var subject = $"same-key-{round:D2}";
                var key = $"same-key-{round:D2}-{Guid.NewGuid():N}";
                var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new CreateTicketRequest { Subject = subject, Body = "b", Category = TicketCategory.Other }, SupportJsonContext.Default.CreateTicketRequest));
                var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var pair = new[] { clients[round % Nodes], clients[(round + 1) % Nodes] };
                var sends = pair.Select(http => Task.Run(async () =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "v1/tickets") { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    request.Headers.Add("Idempotency-Key", key);
                    await go.Task;
                    var sent = Stopwatch.GetTimestamp();
                    using var response = await http.SendAsync(request, cancellationToken);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    return new Answer((int)response.StatusCode, text, response.Headers.Contains("Idempotent-Replayed"), sent, Stopwatch.GetTimestamp());
                }, cancellationToken)).ToList();
                go.SetResult();
                var answers = await Task.WhenAll(sends);

                var created201 = answers.Where(a => a.Status == 201).ToList();
                var ids = created201.Select(a => JsonSerializer.Deserialize(a.Body, SupportJsonContext.Default.Ticket)!.Id).Distinct().ToList();
                var others = answers.Where(a => a.Status != 201).ToList();
                Assert.That(ids, Has.Count.EqualTo(1), $"round {round}: one ticket id among the 201 answers: {string.Join(" | ", answers)}");
                Assert.That(created201.Count(a => !a.Replayed), Is.EqualTo(1), $"round {round}: the work ran once, any other 201 is a replay: {string.Join(" | ", answers)}");
                Assert.That(others.Where(a => a.Status != 409 || !a.Body.Contains(ErrorCodes.IdempotencyKeyInFlight, StringComparison.Ordinal)), Is.Empty,
                    $"round {round}: the other answer is the same ticket or 409 {ErrorCodes.IdempotencyKeyInFlight}");
                created[subject] = ids[0];
                inFlight += others.Count;
                overlapped += answers.Max(a => a.Sent) < answers.Min(a => a.Answered) ? 1 : 0;
            }

            var stored = await UserTicketsAsync(token, cancellationToken);
            TestContext.Out.WriteLine($"same key on two nodes, {Rounds} rounds: the two requests were in flight together in {overlapped} rounds; {inFlight} rounds answered 409 in flight, {Rounds - inFlight} replayed the stored answer; {stored.Count} tickets stored");
            Assert.Multiple(() =>
            {
                Assert.That(stored.Select(t => t.Subject), Is.EquivalentTo(created.Keys), "one ticket per round, no more");
                Assert.That(stored.ToDictionary(t => t.Subject, t => t.Id), Is.EquivalentTo(created), "the stored ticket is the one answered");
                Assert.That(_nodes.ServerErrors, Is.Empty, "no node answered a 5xx other than 503");
            });
        }
        finally
        {
            foreach (var http in clients)
            {
                http.Dispose();
            }
        }
    }

    /// <summary>Reads until both sides' <paramref name="each"/> messages were seen.</summary>
    private static Task ReadUntilAllAsync(ChatSession session, List<ChatEvent> into, int each, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        var customer = 0;
        var agent = 0;
        await foreach (var e in session.ReadEventsAsync(cancellationToken))
        {
            lock (into)
            {
                into.Add(e);
            }

            if (e is ChatMessageEvent m)
            {
                customer += m.From.Role == AuthorRole.Customer ? 1 : 0;
                agent += m.From.Role == AuthorRole.Agent ? 1 : 0;
            }

            if (customer >= each && agent >= each)
            {
                return;
            }
        }
    }, cancellationToken);

    private static List<long> Seqs(List<ChatEvent> events) => [.. events.Where(e => e.Seq is not null).Select(e => e.Seq!.Value)];

    /// <summary>The customer's and agent's messages as seen by one side: seq, author role, text.</summary>
    private static List<StoredMessage> Conversation(List<ChatEvent> events) =>
        [.. events.OfType<ChatMessageEvent>().Where(m => m.From.Role == AuthorRole.Customer || m.From.Role == AuthorRole.Agent).Select(m => new StoredMessage(m.Seq!.Value, m.From.Role, m.Text))];

    /// <summary>The customer's and agent's messages as the database holds them, read from a live node.</summary>
    private async Task<List<StoredMessage>> StoredMessagesAsync(string chatId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = _nodes.Address(0) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SupportDeskNodes.AgentKey);
        var stored = new List<StoredMessage>();
        for (long after = 0; ;)
        {
            var json = await http.GetStringAsync($"v1/agent/chats/{chatId}/events?after={after}&wait=0", cancellationToken);
            var batch = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatEventBatch)!;
            stored.AddRange(batch.Events.Where(f => f.Type == ChatEventKind.Message && (f.From?.Role == AuthorRole.Customer || f.From?.Role == AuthorRole.Agent))
                .Select(f => new StoredMessage(f.Seq!.Value, f.From!.Role, f.Text!)));
            if (batch.LastSeq == after)
            {
                return stored;
            }

            after = batch.LastSeq;
        }
    }

    /// <summary>Every ticket of the user's, listed straight from one node without a proxy.</summary>
    private async Task<List<Ticket>> UserTicketsAsync(string token, CancellationToken cancellationToken)
    {
        using var client = new SupportClient(_nodes.Address(0), new UserTokenCredential(token), Options());
        var all = new List<Ticket>();
        await foreach (var ticket in client.Tickets.GetTicketsAsync(pageSize: 100, cancellationToken: cancellationToken))
        {
            all.Add(ticket);
        }

        return all;
    }

    private sealed record StoredMessage(long Seq, AuthorRole Role, string Text);

    /// <summary>One answer of the same-key race: status, body, whether it was a replay, and when it left and came back.</summary>
    private sealed record Answer(int Status, string Body, bool Replayed, long Sent, long Answered);

    private sealed class CloseEveryConnection : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.ConnectionClose = true;
            return base.SendAsync(request, cancellationToken);
        }
    }
}

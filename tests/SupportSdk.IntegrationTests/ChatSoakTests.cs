using System.Diagnostics;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// Chat soak (testing.md "Chat"): thousands of messages both ways while a proxy tears the customer's connections down
/// at random byte counts in both directions. Zero lost, zero duplicated, order kept — asserted on both sides.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(240_000)]
public sealed class ChatSoakTests
{
    private static readonly int CustomerMessages = int.TryParse(Environment.GetEnvironmentVariable("SOAK_CUSTOMER"), out var c) ? c : 3000;
    private static readonly int AgentMessages = CustomerMessages / 3;
    private const int InFlight = 8;

    [Test]
    public async Task Messages_through_random_disconnects_arrive_exactly_once_in_order(CancellationToken cancellationToken)
    {
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            o.ChatFramesPerSecond = 100_000;
            o.ChatFrameBurst = 100_000;
            o.ChatHeartbeatInterval = TimeSpan.FromSeconds(1);
        }, importFaq: false);
        var random = new Random(20261201);
        await using var proxy = new CuttingProxy(server.BaseAddress, _ => (random.Next(100, 6_000), random.Next(200, 20_000)));
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        options.Chat.ReconnectBaseDelay = TimeSpan.FromMilliseconds(10);
        options.Chat.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
        options.Chat.IdleTimeout = TimeSpan.FromSeconds(5);
        options.Retry.MaxRetries = 10;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.CircuitBreaker.Enabled = false;
        var direct = new SupportClientOptions { AllowInsecureLoopback = true };
        using var backend = new SupportClient(server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), direct);
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "soak", DisplayName = "Soak", Locale = "en-us" }, cancellationToken);
        using var customer = new SupportClient(proxy.Address, new UserTokenCredential(token.Token), options);
        using var agent = new SupportClient(server.BaseAddress, new AgentKeyCredential(SupportServerHost.AgentKey), direct);

        var stopwatch = Stopwatch.StartNew();
        await using var chat = await customer.Chat.StartChatAsync(new StartChatRequest { Topic = "I want to talk to an agent" }, cancellationToken);
        await agent.AgentChats.AcceptChatAsync(chat.ChatId, cancellationToken);
        await using var agentSide = await agent.AgentChats.ConnectChatAsync(chat.ChatId, cancellationToken: cancellationToken);

        var received = new List<ChatEvent>();
        var customerTexts = Enumerable.Range(1, CustomerMessages).Select(i => $"customer {i:D5}").ToList();
        var agentTexts = Enumerable.Range(1, AgentMessages).Select(i => $"agent {i:D5}").ToList();
        var reading = Task.Run(async () =>
        {
            var seenCustomer = 0;
            var seenAgent = 0;
            await foreach (var e in chat.ReadEventsAsync(cancellationToken))
            {
                received.Add(e);
                if (e is ChatMessageEvent m)
                {
                    seenCustomer += m.From.Role == AuthorRole.Customer ? 1 : 0;
                    seenAgent += m.From.Role == AuthorRole.Agent ? 1 : 0;
                }

                if (seenCustomer >= CustomerMessages && seenAgent >= AgentMessages)
                {
                    return;
                }
            }
        }, cancellationToken);

        var receipts = new List<ChatSendReceipt>();
        using var progress = new Timer(_ => TestContext.Progress.WriteLine(
            $"soak {stopwatch.Elapsed.TotalSeconds:F0}s: received {received.Count}, receipts {receipts.Count}, state {chat.State}, connections {proxy.Connections}, cuts {proxy.Cuts}, lastSeq {chat.LastSeq}"),
            null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        var agentSending = Task.Run(async () =>
        {
            foreach (var text in agentTexts)
            {
                await agentSide.SendMessageAsync(text, cancellationToken);
            }
        }, cancellationToken);

        using (var gate = new SemaphoreSlim(InFlight))
        {
            var sends = customerTexts.Select(async text =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    return await chat.SendMessageAsync(text, cancellationToken);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            receipts.AddRange(await Task.WhenAll(sends));
        }

        await agentSending;
        await reading;
        stopwatch.Stop();

        var seqs = received.Where(e => e.Seq is not null).Select(e => e.Seq!.Value).ToList();
        var messages = received.OfType<ChatMessageEvent>().ToList();
        var stored = new List<ChatFrame>();
        using (var http = server.Agent())
        {
            for (long after = 0; ;)
            {
                var json = await http.GetStringAsync($"v1/agent/chats/{chat.ChatId}/events?after={after}&wait=0", cancellationToken);
                var batch = System.Text.Json.JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatEventBatch)!;
                stored.AddRange(batch.Events.Where(f => f.Type == ChatEventKind.Message));
                if (batch.LastSeq == after)
                {
                    break;
                }

                after = batch.LastSeq;
            }
        }

        var bySeq = receipts.ToDictionary(r => r.Seq, r => r.Text);
        TestContext.Out.WriteLine(
            $"soak: {CustomerMessages} customer + {AgentMessages} agent messages in {stopwatch.Elapsed.TotalSeconds:F1} s over {proxy.Connections} connections, " +
            $"{proxy.Cuts} cuts ({proxy.CutsTowardServer} toward server, {proxy.CutsTowardClient} toward client); {received.Count} events, last seq {seqs[^1]}");

        Assert.Multiple(() =>
        {
            Assert.That(seqs, Is.EqualTo(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i)), "every seq once, in order, no gap");
            Assert.That(messages.Where(m => m.From.Role == AuthorRole.Customer).Select(m => m.Text), Is.EquivalentTo(customerTexts), "customer messages: all, once");
            Assert.That(messages.Where(m => m.From.Role == AuthorRole.Customer).Select(m => bySeq.GetValueOrDefault(m.Seq!.Value)), Is.EqualTo(messages.Where(m => m.From.Role == AuthorRole.Customer).Select(m => m.Text)),
                "each receipt's seq is the seq the message was delivered with");
            Assert.That(messages.Where(m => m.From.Role == AuthorRole.Agent).Select(m => m.Text), Is.EqualTo(agentTexts), "agent messages: all, once, in order");
            Assert.That(receipts.Select(r => r.Seq).Distinct().Count(), Is.EqualTo(CustomerMessages), "one seq per send");
            Assert.That(stored.Count(f => f.From?.Role == AuthorRole.Customer), Is.EqualTo(CustomerMessages), "stored once each despite resends");
            Assert.That(stored.Count(f => f.From?.Role == AuthorRole.Agent), Is.EqualTo(AgentMessages));
            Assert.That(proxy.Cuts, Is.GreaterThan(100), "the proxy really did tear connections down");
            Assert.That(proxy.CutsTowardServer, Is.GreaterThan(10));
            Assert.That(proxy.CutsTowardClient, Is.GreaterThan(10));
        });
    }
}

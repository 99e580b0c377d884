using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// An application that sends in a burst, faster than the server's frame limit, through connections a proxy keeps
/// cutting: the SDK paces itself and, when the server refuses a send for its rate, resends it and the ones after it
/// in order after the advised delay. Every send completes; every message is stored once, in the order it was sent.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(180_000)]
public sealed class ChatPacingTests
{
    private const int Messages = 500;

    private sealed class PacingLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<int> Paced { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 54)
            {
                Paced.Enqueue(eventId.Id);
            }
        }

        public void Dispose()
        {
        }
    }

    [Test]
    public async Task Unpaced_sends_both_ways_through_cut_connections_all_arrive_once_in_order(CancellationToken cancellationToken)
    {
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            o.ChatFramesPerSecond = 200;
            o.ChatFrameBurst = 10;
            o.ChatHeartbeatInterval = TimeSpan.FromSeconds(1);
        }, importFaq: false);
        var random = new Random(20261206);
        await using var customerProxy = new CuttingProxy(server.BaseAddress, _ => (random.Next(2_000, 20_000), random.Next(2_000, 40_000)));
        await using var agentProxy = new CuttingProxy(server.BaseAddress, _ => (random.Next(2_000, 20_000), random.Next(2_000, 40_000)));
        var log = new PacingLog();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        SupportClientOptions Options()
        {
            var options = new SupportClientOptions { AllowInsecureLoopback = true, LoggerFactory = logging };
            options.Chat.ReconnectBaseDelay = TimeSpan.FromMilliseconds(10);
            options.Chat.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
            options.Chat.IdleTimeout = TimeSpan.FromSeconds(5);
            options.Retry.MaxRetries = 10;
            options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            options.CircuitBreaker.Enabled = false;
            return options;
        }

        using var backend = new SupportClient(server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), new SupportClientOptions { AllowInsecureLoopback = true });
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "pacing", DisplayName = "Pacing", Locale = "en-us" }, cancellationToken);
        using var customer = new SupportClient(customerProxy.Address, new UserTokenCredential(token.Token), Options());
        using var agent = new SupportClient(agentProxy.Address, new AgentKeyCredential(SupportServerHost.AgentKey), Options());

        await using var chat = await customer.Chat.StartChatAsync(new StartChatRequest { Topic = "I want to talk to an agent" }, cancellationToken);
        await agent.AgentChats.AcceptChatAsync(chat.ChatId, cancellationToken);
        await using var agentSide = await agent.AgentChats.ConnectChatAsync(chat.ChatId, cancellationToken: cancellationToken);

        // No await between sends: the whole burst is handed to the SDK at once, on both sides.
        var customerTexts = Enumerable.Range(1, Messages).Select(i => $"customer {i:D4}").ToList();
        var agentTexts = Enumerable.Range(1, Messages).Select(i => $"agent {i:D4}").ToList();
        var customerSends = customerTexts.Select(t => chat.SendMessageAsync(t, cancellationToken)).ToList();
        var agentSends = agentTexts.Select(t => agentSide.SendMessageAsync(t, cancellationToken)).ToList();
        using (new Timer(_ => TestContext.Progress.WriteLine(
            $"pacing: customer {customerSends.Count(t => t.IsCompleted)}/{Messages} ({chat.State}), agent {agentSends.Count(t => t.IsCompleted)}/{Messages} ({agentSide.State}), " +
            $"refusals {log.Paced.Count}, connections {customerProxy.Connections}+{agentProxy.Connections}"), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)))
        {
            await Task.WhenAll(customerSends.Concat(agentSends));
        }

        var receipts = await Task.WhenAll(customerSends.Concat(agentSends));

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

        TestContext.Out.WriteLine($"pacing: {receipts.Length} sends, {log.Paced.Count} rate refusals waited out, " +
            $"{customerProxy.Connections + agentProxy.Connections} connections, {customerProxy.Cuts + agentProxy.Cuts} cuts");
        Assert.Multiple(() =>
        {
            Assert.That(receipts.Select(r => r.Seq).Distinct().Count(), Is.EqualTo(2 * Messages), "every send completed with its own seq");
            Assert.That(stored.Where(f => f.From?.Role == AuthorRole.Customer).Select(f => f.Text), Is.EqualTo(customerTexts), "customer: all, once, in order");
            Assert.That(stored.Where(f => f.From?.Role == AuthorRole.Agent).Select(f => f.Text), Is.EqualTo(agentTexts), "agent: all, once, in order");
            Assert.That(log.Paced, Is.Not.Empty, "the server refused sends for its rate, so the test exercised the resend path");
            Assert.That(customerProxy.Cuts + agentProxy.Cuts, Is.GreaterThan(5), "the proxies really did cut connections");
        });
    }
}

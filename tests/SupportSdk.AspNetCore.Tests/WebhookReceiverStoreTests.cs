using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace SupportSdk.AspNetCore.Tests;

/// <summary><c>MapSupportWebhooks</c> with a dedupe store the host supplies (as a database-backed one would be).</summary>
[TestFixture]
public sealed class WebhookReceiverStoreTests
{
    private readonly ConcurrentQueue<WebhookEvent> _handled = new();

    private Task Record(WebhookEvent e, CancellationToken cancellationToken)
    {
        _handled.Enqueue(e);
        return Task.CompletedTask;
    }

    [SetUp]
    public void Clear() => _handled.Clear();

    [Test]
    public async Task An_event_handled_after_the_sender_gave_up_waiting_is_remembered()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new SignallingStore();
        await using var host = await ReceiverHost.StartAsync(async (e, ct) =>
        {
            entered.TrySetResult();

            // The handler finishes its work only after the receiver saw the sender leave: the effect happened all the same.
            var left = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ct.Register(() => left.TrySetResult()))
            {
                await left.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            }

            await Record(e, CancellationToken.None);
        }, services: s => s.AddSingleton<IWebhookDeduplicationStore>(store));
        var body = Events.TicketCreated("evt_1");

        using (var timeout = new CancellationTokenSource())
        {
            using var request = host.SignedRequest(body, "evt_1");
            var send = host.Client.SendAsync(request, timeout.Token);
            await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await timeout.CancelAsync(); // the sender's 10 s timeout
            Assert.That(async () => await send, Throws.InstanceOf<OperationCanceledException>());
        }

        await store.Marked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var retry = await host.PostAsync(body, "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_handled, Has.Count.EqualTo(1));
            Assert.That(store.Calls, Is.EqualTo(new[] { "claim evt_1", "handled evt_1", "claim evt_1" }));
        });
    }

    [Test]
    public async Task Two_receivers_sharing_the_hosts_store_handle_an_event_once()
    {
        var shared = new SignallingStore();
        await using var a = await ReceiverHost.StartAsync(Record, services: s => s.AddSingleton<IWebhookDeduplicationStore>(shared));
        await using var b = await ReceiverHost.StartAsync(Record, services: s => s.AddSingleton<IWebhookDeduplicationStore>(shared));
        var body = Events.TicketCreated("evt_1");

        using var onA = await a.PostAsync(body, "evt_1");
        using var onB = await b.PostAsync(body, "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(onA.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_handled, Has.Count.EqualTo(1));
            Assert.That(shared.Calls, Is.EqualTo(new[] { "claim evt_1", "handled evt_1", "claim evt_1" }));
        });
    }

    [Test]
    public async Task A_store_that_fails_is_answered_503_so_the_sender_retries()
    {
        var store = new SignallingStore { FailClaims = true };
        await using var host = await ReceiverHost.StartAsync(Record, services: s => s.AddSingleton<IWebhookDeduplicationStore>(store));

        using var response = await host.PostAsync(Events.TicketCreated("evt_1"), "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(_handled, Is.Empty);
        });
    }

    /// <summary>A store the host supplies (as a database-backed one would be), recording calls and signalling the first mark.</summary>
    private sealed class SignallingStore : IWebhookDeduplicationStore
    {
        private readonly HashSet<string> _handled = [];
        private readonly HashSet<string> _claimed = [];

        public bool FailClaims { get; init; }

        public ConcurrentQueue<string> Calls { get; } = new();

        public TaskCompletionSource Marked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<WebhookEventClaim> TryClaimAsync(string eventId, CancellationToken cancellationToken)
        {
            Calls.Enqueue("claim " + eventId);
            if (FailClaims)
            {
                throw new TimeoutException("database unavailable");
            }

            lock (_handled)
            {
                return Task.FromResult(_handled.Contains(eventId) ? WebhookEventClaim.AlreadyHandled : _claimed.Add(eventId) ? WebhookEventClaim.Claimed : WebhookEventClaim.InProgress);
            }
        }

        public Task MarkHandledAsync(string eventId, CancellationToken cancellationToken)
        {
            Calls.Enqueue("handled " + eventId);
            lock (_handled)
            {
                _claimed.Remove(eventId);
                _handled.Add(eventId);
            }

            Marked.TrySetResult();
            return Task.CompletedTask;
        }

        public Task ReleaseAsync(string eventId, CancellationToken cancellationToken)
        {
            Calls.Enqueue("released " + eventId);
            lock (_handled)
            {
                _claimed.Remove(eventId);
            }

            return Task.CompletedTask;
        }
    }
}

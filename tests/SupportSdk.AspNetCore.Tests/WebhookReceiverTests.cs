using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupportSdk.AspNetCore.Tests;

/// <summary><c>MapSupportWebhooks</c> on a real Kestrel host, receiving POSTs signed as the Support API signs them.</summary>
[TestFixture]
public sealed class WebhookReceiverTests
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
    public async Task A_signed_event_is_handled_once_and_answered_2xx()
    {
        await using var host = await ReceiverHost.StartAsync(Record);

        using var response = await host.PostAsync(Events.TicketCreated("evt_1"), "evt_1");

        var e = _handled.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(e.Id, Is.EqualTo("evt_1"));
            Assert.That(e.Type, Is.EqualTo(WebhookEventTypes.TicketCreated));
            Assert.That(e.TryGetTicket(out var ticket) ? ticket.Customer.UserId : null, Is.EqualTo("u_42"));
        });
    }

    [Test]
    public async Task A_retried_or_replayed_event_is_answered_2xx_without_being_handled_again()
    {
        await using var host = await ReceiverHost.StartAsync(Record);
        var body = Events.TicketCreated("evt_1");
        using var first = host.SignedRequest(body, "evt_1");
        using var replay = host.SignedRequest(body, "evt_1"); // the very same bytes and headers, captured and sent again

        using var original = await host.Client.SendAsync(first);
        host.Time.Advance(TimeSpan.FromSeconds(5));
        using var retry = await host.PostAsync(body, "evt_1"); // the sender's retry: same id, new timestamp and signature
        using var replayed = await host.Client.SendAsync(replay);
        using var other = await host.PostAsync(Events.TicketCreated("evt_2"), "evt_2");

        Assert.Multiple(() =>
        {
            Assert.That(new[] { original.StatusCode, retry.StatusCode, replayed.StatusCode, other.StatusCode }, Is.All.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_handled.Select(e => e.Id), Is.EqualTo(new[] { "evt_1", "evt_2" }));
        });
    }

    [TestCase("wrong secret")]
    [TestCase("tampered body")]
    [TestCase("tampered id")]
    [TestCase("stale")]
    [TestCase("from the future")]
    [TestCase("no signature")]
    [TestCase("no headers")]
    [TestCase("signature twice")]
    public async Task A_request_that_fails_verification_is_answered_401_with_nothing_that_helps_a_forger(string how)
    {
        await using var host = await ReceiverHost.StartAsync(Record);
        var body = Events.TicketCreated("evt_1");
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        using var request = how switch
        {
            "wrong secret" => host.SignedRequest(body, "evt_1", null, WebhookSignature.NewSecret()),
            "stale" => host.SignedRequest(body, "evt_1", now - 301),
            "from the future" => host.SignedRequest(body, "evt_1", now + 301),
            _ => host.SignedRequest(body, "evt_1"),
        };
        switch (how)
        {
            case "tampered body":
                request.Content = new StringContent(body.Replace("u_42", "u_43", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
                break;
            case "tampered id":
                request.Headers.Remove(WebhookSignature.IdHeader);
                request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, "evt_2");
                break;
            case "no signature":
                request.Headers.Remove(WebhookSignature.SignatureHeader);
                break;
            case "no headers":
                request.Headers.Clear();
                break;
            case "signature twice":
                request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
                break;
        }

        using var response = await host.Client.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(answer, Is.Empty, "no reason, no hint");
            Assert.That(response.Headers.WwwAuthenticate, Is.Empty);
            Assert.That(_handled, Is.Empty);
            Assert.That(host.Logs.Any(l => l.Contains("A Support webhook request was refused", StringComparison.Ordinal)), Is.True, "the operator's log says it was refused, and why");
        });
    }

    [Test]
    public async Task A_handler_that_throws_gets_a_non_2xx_answer_and_the_retry_is_handled()
    {
        var attempts = 0;
        await using var host = await ReceiverHost.StartAsync((e, ct) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new InvalidOperationException("CRM is down");
            }

            return Record(e, ct);
        });
        var body = Events.TicketCreated("evt_1");

        using var failed = await host.PostAsync(body, "evt_1");
        host.Time.Advance(TimeSpan.FromSeconds(5));
        using var retried = await host.PostAsync(body, "evt_1");
        host.Time.Advance(TimeSpan.FromMinutes(5));
        using var again = await host.PostAsync(body, "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(attempts, Is.EqualTo(2), "called for the failure and the retry, not for the third delivery");
            Assert.That(_handled.Select(e => e.Id), Is.EqualTo(new[] { "evt_1" }));
            Assert.That(host.Logs.Any(l => l.Contains("evt_1", StringComparison.Ordinal) && l.Contains("CRM is down", StringComparison.Ordinal)), Is.True, "the handler's failure is logged");
        });
    }

    [Test]
    public async Task The_same_event_arriving_while_it_is_being_handled_is_refused_until_the_first_finishes()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await ReceiverHost.StartAsync(async (e, ct) =>
        {
            entered.TrySetResult();
            await gate.Task.WaitAsync(ct);
            await Record(e, ct);
        });
        var body = Events.TicketCreated("evt_1");

        var first = host.PostAsync(body, "evt_1");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var concurrent = await host.PostAsync(body, "evt_1");
        gate.SetResult();
        using var firstAnswer = await first;
        using var after = await host.PostAsync(body, "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(concurrent.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "not 2xx: the sender tries again later");
            Assert.That(firstAnswer.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_handled, Has.Count.EqualTo(1));
        });
    }

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
    public async Task A_body_over_the_limit_is_answered_413_and_not_handled()
    {
        await using var host = await ReceiverHost.StartAsync(Record, o => o.MaxBodyBytes = 2048);
        var big = Events.TicketCreated("evt_1").Replace("Deposit missing", new string('x', 4096), StringComparison.Ordinal);

        using var response = await host.PostAsync(big, "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(_handled, Is.Empty);
        });
    }

    [Test]
    public async Task A_correctly_signed_body_that_is_not_an_event_is_answered_400()
    {
        await using var host = await ReceiverHost.StartAsync(Record);

        using var response = await host.PostAsync("""{"test": 2432232314}""", "evt_1");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(_handled, Is.Empty);
        });
    }

    [Test]
    public async Task During_a_rotation_both_secrets_are_accepted()
    {
        var next = WebhookSignature.NewSecret();
        await using var host = await ReceiverHost.StartAsync(Record, o => o.Secrets.Add(next));

        using var both = await host.PostAsync(Events.TicketCreated("evt_1"), "evt_1", null, ReceiverHost.Secret, next);
        using var newOnly = await host.PostAsync(Events.TicketCreated("evt_2"), "evt_2", null, next);

        Assert.Multiple(() =>
        {
            Assert.That(both.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(newOnly.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(_handled, Has.Count.EqualTo(2));
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

    [Test]
    public async Task A_handler_class_is_resolved_from_the_requests_services()
    {
        var seen = new ConcurrentQueue<string>();
        await using var host = await ReceiverHost.StartAsync(app => app.MapSupportWebhooks<ScopedHandler>(ReceiverHost.Path),
            services: s => s.AddSingleton(seen).AddScoped<ScopedHandler>());

        using var forged = await host.PostAsync(Events.TicketCreated("evt_0"), "evt_0", null, WebhookSignature.NewSecret());
        using var first = await host.PostAsync(Events.TicketCreated("evt_1"), "evt_1");
        using var second = await host.PostAsync(Events.TicketCreated("evt_2"), "evt_2");

        Assert.Multiple(() =>
        {
            Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(new[] { first.StatusCode, second.StatusCode }, Is.All.EqualTo(HttpStatusCode.NoContent));
            Assert.That(seen.Select(s => s.Split(' ')[0]), Is.EqualTo(new[] { "evt_1", "evt_2" }));
            Assert.That(seen.Select(s => s.Split(' ')[1]).Distinct().Count(), Is.EqualTo(2), "a handler per request, none made for the forged one");
        });
    }

    [Test]
    public async Task The_logs_never_hold_the_secret_or_the_body()
    {
        await using var host = await ReceiverHost.StartAsync((_, _) => throw new InvalidOperationException("handler failed"));
        var body = Events.TicketCreated("evt_1").Replace("Deposit missing", "abandon ability able about", StringComparison.Ordinal);

        using var forged = await host.PostAsync(body, "evt_1", null, WebhookSignature.NewSecret());
        using var failed = await host.PostAsync(body, "evt_1");
        using var malformed = await host.PostAsync("{\"abandon ability\":", "evt_2");

        var logs = string.Join("\n", host.Logs);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { forged.StatusCode, failed.StatusCode, malformed.StatusCode },
                Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.InternalServerError, HttpStatusCode.BadRequest }));
            Assert.That(logs, Does.Contain("SignatureMismatch").And.Contain("MalformedPayload").And.Contain("handler failed"));
            Assert.That(logs, Does.Not.Contain(ReceiverHost.Secret["whsec_".Length..]).And.Not.Contain("abandon"));
        });
    }

    [Test]
    public void A_host_without_a_valid_secret_does_not_start_and_does_not_echo_it()
    {
        var missing = Assert.ThrowsAsync<OptionsValidationException>(() => ReceiverHost.StartAsync(Record, o => o.Secrets.Clear()));
        var malformed = Assert.ThrowsAsync<OptionsValidationException>(() => ReceiverHost.StartAsync(Record, o => o.Secrets.Add("whsec_sup3r secret!")));

        Assert.Multiple(() =>
        {
            Assert.That(missing!.Message, Does.Contain("Secrets"));
            Assert.That(malformed!.Message, Does.Contain("Secrets[1]").And.Not.Contain("sup3r"));
        });
    }

    [Test]
    public void Mapping_without_AddSupportWebhooks_says_what_to_call()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => ReceiverHost.StartAsync(app => app.MapSupportWebhooks(ReceiverHost.Path, Record), addWebhooks: false));

        Assert.That(error!.Message, Does.Contain("AddSupportWebhooks"));
    }

    public sealed class ScopedHandler(ConcurrentQueue<string> seen) : ISupportWebhookHandler
    {
        private readonly Guid _instance = Guid.NewGuid();

        public Task HandleAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            seen.Enqueue(webhookEvent.Id + " " + _instance);
            return Task.CompletedTask;
        }
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

using System.Collections.Concurrent;
using System.Net;

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
}

using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace SupportSdk.AspNetCore.Tests;

/// <summary>How a host sets up <c>MapSupportWebhooks</c>: handler classes, options checked at start, logs without secrets.</summary>
[TestFixture]
public sealed class WebhookReceiverHostingTests
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
}

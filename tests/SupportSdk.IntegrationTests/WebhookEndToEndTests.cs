using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// The whole webhook path with the shipped parts only: the exchange registers an endpoint with the SDK's
/// <c>client.Webhooks</c>, the server sends signed events from its outbox, and an ASP.NET Core host receives them
/// with <c>MapSupportWebhooks</c> from SupportSdk.AspNetCore — including the attempts made before the receiver was up.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WebhookEndToEndTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task Events_registered_with_the_sdk_reach_a_MapSupportWebhooks_handler_once(CancellationToken cancellationToken)
    {
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            o.Webhooks.AllowPrivateTargets = true;
            for (var i = 0; i < 40; i++)
            {
                o.Webhooks.RetryDelays.Add(TimeSpan.FromMilliseconds(100));
            }
        }, importFaq: false);
        var direct = new SupportClientOptions { AllowInsecureLoopback = true };
        using var backend = new SupportClient(server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), direct);
        using var agent = new SupportClient(server.BaseAddress, new AgentKeyCredential(SupportServerHost.AgentKey), direct);

        // Registered first: the receiver starts only once it knows the secret, so attempts made before then find nobody
        // and are retried (how many depends on timing, so it is not asserted).
        var port = FreePort();
        var hook = await backend.Webhooks.CreateWebhookAsync(new CreateWebhookRequest
        {
            Url = $"http://127.0.0.1:{port}/hooks/support",
            Events = [WebhookEventTypes.TicketCreated, WebhookEventTypes.TicketMessageAdded], // a ping reaches the endpoint whatever it subscribes to
        }, cancellationToken: cancellationToken);
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "hooks-e2e", DisplayName = "Hooks", Locale = "en-us" }, cancellationToken);
        using var customer = new SupportClient(server.BaseAddress, new UserTokenCredential(token.Token), direct);
        var ticket = await customer.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "Withdrawal pending", Body = "Since noon", Category = TicketCategory.Withdrawal },
            cancellationToken: cancellationToken);
        await agent.AgentTickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "It is in review; about 30 minutes." }, cancellationToken: cancellationToken);

        var handled = Channel.CreateUnbounded<WebhookEvent>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSupportWebhooks(o => o.Secrets.Add(hook.Secret!));
        await using var receiver = builder.Build();
        receiver.MapSupportWebhooks("/hooks/support", (WebhookEvent e, CancellationToken ct) =>
        {
            handled.Writer.TryWrite(e);
            return Task.CompletedTask;
        });
        await receiver.StartAsync(cancellationToken);

        var first = await handled.Reader.ReadAsync(cancellationToken);
        var second = await handled.Reader.ReadAsync(cancellationToken);
        var byType = new[] { first, second }.ToDictionary(e => e.Type);
        Assert.Multiple(() =>
        {
            Assert.That(byType.Keys, Is.EquivalentTo(new[] { WebhookEventTypes.TicketCreated, WebhookEventTypes.TicketMessageAdded }));
            Assert.That(byType[WebhookEventTypes.TicketCreated].TryGetTicket(out var created) && created!.Id == ticket.Id, Is.True);
            Assert.That(byType[WebhookEventTypes.TicketMessageAdded].TryGetMessage(out var message) && message!.From.Role == AuthorRole.Agent, Is.True);
            Assert.That(byType[WebhookEventTypes.TicketMessageAdded].Sequence, Is.EqualTo(2));
        });

        // A redelivery is the same event: delivered again, handled once.
        var deliveries = new List<WebhookDelivery>();
        await foreach (var d in backend.Webhooks.GetDeliveriesAsync(hook.Id, cancellationToken: cancellationToken))
        {
            deliveries.Add(d);
        }

        var created = deliveries.Single(d => d.EventType == WebhookEventTypes.TicketCreated);
        await backend.Webhooks.RedeliverEventAsync(hook.Id, created.Id, cancellationToken);
        await backend.Webhooks.PingWebhookAsync(hook.Id, cancellationToken);
        var next = await handled.Reader.ReadAsync(cancellationToken);
        var redelivered = await WaitForDeliveredAsync(backend, hook.Id, created.Id, cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(next.Type, Is.EqualTo(WebhookEventTypes.Ping), "the redelivered event was not handled a second time; the ping was");
            Assert.That(redelivered.Attempts, Is.GreaterThan(created.Attempts), "but it was sent again and answered 2xx");
        });
    }

    private static async Task<WebhookDelivery> WaitForDeliveredAsync(SupportClient backend, string hookId, string deliveryId, CancellationToken cancellationToken)
    {
        while (true)
        {
            await foreach (var d in backend.Webhooks.GetDeliveriesAsync(hookId, cancellationToken: cancellationToken))
            {
                if (d.Id == deliveryId && d.Status == "delivered" && d.Attempts > 1 && d.DeliveredAt is not null)
                {
                    return d;
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Webhooks;

/// <summary>
/// The outbox on PostgreSQL: an event committed with its ticket survives the node that made it (delivered by the
/// next node once the receiver is back), and two nodes sending from one outbox never send an event twice.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WebhookOutboxTests
{
    private string _connectionString = null!;

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        var cluster = await PostgresClusterForTests.GetAsync();
        var database = "hooks_" + Guid.NewGuid().ToString("N");
        await using var admin = new NpgsqlConnection(cluster.ConnectionString());
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database};", admin);
        await create.ExecuteNonQueryAsync();
        _connectionString = cluster.ConnectionString(database);
    }

    private Task<SupportServerHost> StartNodeAsync() => SupportServerHost.StartAsync(o =>
    {
        o.Webhooks.AllowPrivateTargets = true;
        o.Webhooks.AttemptTimeout = TimeSpan.FromSeconds(2);
        for (var i = 0; i < 40; i++)
        {
            o.Webhooks.RetryDelays.Add(TimeSpan.FromMilliseconds(250));
        }
    }, importFaq: false, store: s => s.UsePostgreSql(_connectionString));

    [Test]
    [CancelAfter(60_000)]
    public async Task An_event_committed_while_the_receiver_is_down_is_delivered_by_the_next_node_after_the_first_is_gone(CancellationToken cancellationToken)
    {
        var port = FreePort();
        string eventId;
        string ticketId;
        await using (var first = await StartNodeAsync())
        {
            using var created = await first.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"http://127.0.0.1:{{port}}/hook"}"""), cancellationToken);
            var hook = await ReadAsync(created, SupportJsonContext.Default.WebhookEndpoint);
            var user = await first.UserAsync("outbox-survives");
            using var ticket = await user.PostAsync("/v1/tickets", Json("""{"subject":"Deposit missing","body":"Sent 1 BTC","category":"deposit"}"""), cancellationToken);
            ticketId = (await ReadAsync(ticket, SupportJsonContext.Default.Ticket)).Id;

            // Tried and refused (nobody listens), still pending.
            WebhookDelivery delivery;
            do
            {
                delivery = (await ReadAsync(await first.Backend().GetAsync($"/v1/webhooks/{hook.Id}/deliveries", cancellationToken), SupportJsonContext.Default.PageWebhookDelivery)).Items.Single();
            }
            while (delivery.Attempts == 0);

            Assert.That(delivery.Status, Is.EqualTo("pending"));
            eventId = delivery.EventId;
        }

        await using var receiver = await WebhookReceiver.StartAsync(port);
        await using var second = await StartNodeAsync();
        var request = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        Assert.Multiple(() =>
        {
            Assert.That(request.Event.Id, Is.EqualTo(eventId), "the same event, from the outbox");
            Assert.That(request.Event.TicketId, Is.EqualTo(ticketId));
            Assert.That(request.Event.Type, Is.EqualTo(WebhookEventTypes.TicketCreated));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Two_nodes_sending_from_one_outbox_deliver_every_event_once(CancellationToken cancellationToken)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var a = await StartNodeAsync();
        await using var b = await StartNodeAsync();
        using (var created = await a.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["ticket.created"]}"""), cancellationToken))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        const int Tickets = 60;
        var user = await a.UserAsync("outbox-two-nodes");
        var userOnB = b.Client(await a.MintTokenAsync("outbox-two-nodes"));
        var ids = await Task.WhenAll(Enumerable.Range(0, Tickets).Select(async i =>
        {
            using var response = await (i % 2 == 0 ? user : userOnB).PostAsync("/v1/tickets", Json($$"""{"subject":"Ticket {{i}}","body":"body","category":"other"}"""), cancellationToken);
            return (await ReadAsync(response, SupportJsonContext.Default.Ticket)).Id;
        }));

        var received = await receiver.WaitForAsync(Tickets, TimeSpan.FromSeconds(30));
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.Event.TicketId).Order(), Is.EqualTo(ids.Order()), "every ticket's event arrived");
            Assert.That(received.Select(r => r.Event.Id).Distinct().Count(), Is.EqualTo(received.Count), "and none twice");
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

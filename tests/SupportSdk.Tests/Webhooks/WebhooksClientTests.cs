using System.Net;
using System.Text;
using System.Text.Json;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests.Webhooks;

/// <summary>The typed client for <c>/v1/webhooks</c>: each call's method, path, body and headers as the transport saw them.</summary>
[TestFixture]
public sealed class WebhooksClientTests
{
    private const string EndpointJson = """{"id":"wh_1","url":"https://hooks.exchange.example/support","events":["ticket.created"],"description":"crm","enabled":true,"disabledReason":null,"secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw","createdAt":"2026-11-01T00:00:00Z"}""";
    private const string DeliveryJson = """{"id":"whd_1","eventId":"evt_1","eventType":"webhook.ping","status":"pending","attempts":0,"lastStatusCode":null,"lastResponse":null,"lastDurationMs":null,"createdAt":"2026-11-01T00:00:00Z","nextAttemptAt":"2026-11-01T00:00:00Z","deliveredAt":null}""";

    private static string Page(string item, string? next) => $$"""{"items":[{{item}}],"nextCursor":{{(next is null ? "null" : "\"" + next + "\"")}}}""";

    private static JsonElement Json(byte[] body) => JsonDocument.Parse(body).RootElement;

    [Test]
    public async Task Create_posts_the_request_with_an_idempotency_key_and_returns_the_secret()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, EndpointJson);
        using var client = Create(handler, new RecordingTimeProvider());

        var endpoint = await client.Webhooks.CreateWebhookAsync(new CreateWebhookRequest
        {
            Url = "https://hooks.exchange.example/support",
            Events = [WebhookEventTypes.TicketCreated],
            Description = "crm",
        });

        var request = handler.Requests.Single();
        var body = Json(request.Body);
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.PathAndQuery, Is.EqualTo("/v1/webhooks"));
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer " + ApiKey));
            Assert.That(Guid.TryParse(request.Headers["Idempotency-Key"], out _), Is.True);
            Assert.That(body.GetProperty("url").GetString(), Is.EqualTo("https://hooks.exchange.example/support"));
            Assert.That(body.GetProperty("events")[0].GetString(), Is.EqualTo("ticket.created"));
            Assert.That(body.GetProperty("description").GetString(), Is.EqualTo("crm"));
            Assert.That(endpoint.Id, Is.EqualTo("wh_1"));
            Assert.That(endpoint.Secret, Is.EqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
            Assert.That(endpoint.Events, Is.EqualTo(new[] { "ticket.created" }));
        });
    }

    [Test]
    public async Task A_create_retried_after_a_503_sends_the_same_key_and_body_and_a_callers_key_is_used_as_given()
    {
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler()
            .ThenThrow(new HttpRequestException("reset after the server committed"))
            .Then(HttpStatusCode.ServiceUnavailable)
            .Then(HttpStatusCode.Created, EndpointJson)
            .Then(HttpStatusCode.OK, EndpointJson);
        using var client = Create(handler, time);

        await time.RunAsync(() => client.Webhooks.CreateWebhookAsync(new CreateWebhookRequest { Url = "https://hooks.exchange.example/a" }));
        await client.Webhooks.RotateWebhookSecretAsync("wh_1", idempotencyKey: "rotate-2026-11");

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Has.Count.EqualTo(4));
            Assert.That(handler.Requests.Take(3).Select(r => r.Headers["Idempotency-Key"]).Distinct().Count(), Is.EqualTo(1));
            Assert.That(handler.Requests.Take(3).Select(r => Convert.ToBase64String(r.Body)).Distinct().Count(), Is.EqualTo(1));
            Assert.That(handler.Requests[3].Headers["Idempotency-Key"], Is.EqualTo("rotate-2026-11"));
        });
    }

    [Test]
    public async Task Get_update_delete_rotate_ping_and_redeliver_use_their_routes()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK, EndpointJson)
            .Then(HttpStatusCode.OK, EndpointJson)
            .Then((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)))
            .Then(HttpStatusCode.OK, EndpointJson)
            .Then(HttpStatusCode.Accepted, DeliveryJson)
            .Then(HttpStatusCode.Accepted, DeliveryJson);
        using var client = Create(handler, new RecordingTimeProvider());

        await client.Webhooks.GetWebhookAsync("wh 1/x");
        await client.Webhooks.UpdateWebhookAsync("wh_1", new UpdateWebhookRequest { Enabled = false });
        await client.Webhooks.DeleteWebhookAsync("wh_1");
        var rotated = await client.Webhooks.RotateWebhookSecretAsync("wh_1");
        var ping = await client.Webhooks.PingWebhookAsync("wh_1");
        var redelivery = await client.Webhooks.RedeliverEventAsync("wh_1", "whd_1");

        var calls = handler.Requests.Select(r => $"{r.Method} {r.PathAndQuery}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(calls, Is.EqualTo(new[]
            {
                "GET /v1/webhooks/wh%201%2Fx",
                "PATCH /v1/webhooks/wh_1",
                "DELETE /v1/webhooks/wh_1",
                "POST /v1/webhooks/wh_1/rotate-secret",
                "POST /v1/webhooks/wh_1/ping",
                "POST /v1/webhooks/wh_1/deliveries/whd_1/redeliver",
            }));
            Assert.That(Encoding.UTF8.GetString(handler.Requests[1].Body), Does.Contain("\"enabled\":false").And.Contain("\"url\":null"), "what is null stays as it is");
            Assert.That(handler.Requests.Where(r => r.Method == HttpMethod.Post).Select(r => r.Headers.ContainsKey("Idempotency-Key")), Is.All.True, "every POST carries a key");
            Assert.That(handler.Requests.Where(r => r.Method != HttpMethod.Post).Select(r => r.Headers.ContainsKey("Idempotency-Key")), Is.All.False);
            Assert.That(rotated.Secret, Is.Not.Null);
            Assert.That(ping.EventType, Is.EqualTo(WebhookEventTypes.Ping));
            Assert.That(redelivery.Id, Is.EqualTo("whd_1"));
        });
    }

    [Test]
    public async Task Endpoints_and_deliveries_are_paged_lazily_by_cursor()
    {
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.OK, Page(EndpointJson, "c2"))
            .Then(HttpStatusCode.OK, Page(EndpointJson.Replace("wh_1", "wh_2", StringComparison.Ordinal), null))
            .Then(HttpStatusCode.OK, Page(DeliveryJson, null));
        using var client = Create(handler, new RecordingTimeProvider());

        var pageable = client.Webhooks.GetWebhooksAsync(pageSize: 1);
        var fetchedBeforeEnumerating = handler.Requests.Count;
        var ids = new List<string>();
        await foreach (var endpoint in pageable)
        {
            ids.Add(endpoint.Id);
        }

        var deliveries = new List<WebhookDelivery>();
        await foreach (var delivery in client.Webhooks.GetDeliveriesAsync("wh_2", pageSize: 50))
        {
            deliveries.Add(delivery);
        }

        Assert.Multiple(() =>
        {
            Assert.That(fetchedBeforeEnumerating, Is.Zero);
            Assert.That(ids, Is.EqualTo(new[] { "wh_1", "wh_2" }));
            Assert.That(handler.Requests.Select(r => r.PathAndQuery), Is.EqualTo(new[]
            {
                "/v1/webhooks?limit=1", "/v1/webhooks?limit=1&cursor=c2", "/v1/webhooks/wh_2/deliveries?limit=50",
            }));
            Assert.That(deliveries.Single().Status, Is.EqualTo("pending"));
        });
    }

    [Test]
    public void A_missing_webhook_surfaces_as_a_typed_error_with_its_code()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.NotFound, ScriptedHandler.Problem(HttpStatusCode.NotFound, ErrorCodes.WebhookNotFound));
        using var client = Create(handler, new RecordingTimeProvider());

        var error = Assert.ThrowsAsync<SupportApiException>(() => client.Webhooks.DeleteWebhookAsync("wh_gone"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Status, Is.EqualTo(404));
            Assert.That(error.ErrorCode, Is.EqualTo(ErrorCodes.WebhookNotFound));
            Assert.That(handler.Requests, Has.Count.EqualTo(1), "a 404 is not retried");
        });
    }
}

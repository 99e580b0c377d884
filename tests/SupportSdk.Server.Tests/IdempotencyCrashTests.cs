using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.Sqlite;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

/// <summary>
/// A server that dies after a write's work and before the Idempotency-Key scope records it: the store here never
/// completes or releases a key on the scope's call, as a process killed at that moment would not. A retry after the
/// in-flight takeover time (2 minutes) must be answered from the record the work wrote with itself, not run again.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class IdempotencyCrashTests
{
    private SupportServerHost _server = null!;
    private FakeTimeProvider _time = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        _server = await SupportServerHost.StartAsync(o => o.UserTokenLifetime = TimeSpan.FromHours(24), time: _time, importFaq: false,
            store: b => b.Services.Replace(ServiceDescriptor.Singleton<IIdempotencyStore>(sp => new DiesBeforeTheScopeRecords(sp.GetRequiredService<SqliteSupportStore>()))));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    /// <summary>Sends the request, then again with the same key after the takeover time; both answers.</summary>
    private async Task<(string First, HttpResponseMessage Retry)> SendTwiceAsync(HttpClient client, string path, string? json, string key)
    {
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = json is null ? null : Json(json) };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }

        using var first = await client.SendAsync(Request());
        Assert.That(first.IsSuccessStatusCode, Is.True, await first.Content.ReadAsStringAsync());
        var body = await first.Content.ReadAsStringAsync();
        _time.Advance(TimeSpan.FromMinutes(3));
        return (body, await client.SendAsync(Request()));
    }

    private static async Task AssertReplayedAsync(string first, HttpResponseMessage retry)
    {
        Assert.That(retry.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true", Is.True,
            $"the retry was run again ({(int)retry.StatusCode})");
        Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(first), "the retry gets the first answer, byte for byte");
    }

    private static async Task<int> CountMessagesAsync(HttpClient client, string ticketId) =>
        (await ReadAsync(await client.GetAsync($"/v1/tickets/{ticketId}/messages"), SupportJsonContext.Default.PageTicketMessage)).Items.Count;

    [Test]
    public async Task A_customer_reply_is_stored_once()
    {
        var user = await _server.UserAsync("crash-reply");
        var ticket = await CreateTicketAsync(user);
        var (first, retry) = await SendTwiceAsync(user, $"/v1/tickets/{ticket.Id}/messages", """{"body":"Any news?"}""", "reply-1");
        await AssertReplayedAsync(first, retry);
        Assert.That(await CountMessagesAsync(user, ticket.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task An_agent_reply_is_stored_once()
    {
        var user = await _server.UserAsync("crash-agent-reply");
        var ticket = await CreateTicketAsync(user);
        var (first, retry) = await SendTwiceAsync(_server.Agent(), $"/v1/agent/tickets/{ticket.Id}/messages", """{"body":"We are on it."}""", "agent-reply-1");
        await AssertReplayedAsync(first, retry);
        Assert.That(await CountMessagesAsync(user, ticket.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task An_escalation_raises_the_tier_once()
    {
        var user = await _server.UserAsync("crash-escalate");
        var ticket = await CreateTicketAsync(user);
        var (first, retry) = await SendTwiceAsync(user, $"/v1/tickets/{ticket.Id}/escalate", """{"reason":"Still nothing"}""", "escalate-1");
        await AssertReplayedAsync(first, retry);
        var now = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);
        Assert.That(now.Tier, Is.EqualTo(2));
    }

    [Test]
    public async Task An_impersonator_report_is_filed_once()
    {
        var user = await _server.UserAsync("crash-report");
        var (first, retry) = await SendTwiceAsync(user, "/v1/channels/reports", """{"input":"https://examp1e-exchange.com/crash-once","where":"sms"}""", "report-1");
        await AssertReplayedAsync(first, retry);
        var reports = await ReadAsync(await _server.Agent().GetAsync("/v1/agent/channel-reports?limit=100"), SupportJsonContext.Default.PageChannelReport);
        Assert.That(reports.Items.Count(r => r.Input.Contains("crash-once", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task A_webhook_endpoint_is_created_once_and_a_rotation_keeps_the_secret_the_receiver_holds()
    {
        var backend = _server.Backend();
        var (created, createRetry) = await SendTwiceAsync(backend, "/v1/webhooks", """{"url":"https://hooks.example.com/crash","events":["ticket.created"]}""", "hook-1");
        await AssertReplayedAsync(created, createRetry);
        var hooks = await ReadAsync(await backend.GetAsync("/v1/webhooks?limit=100"), SupportJsonContext.Default.PageWebhookEndpoint);
        Assert.That(hooks.Items.Count(h => h.Url == "https://hooks.example.com/crash"), Is.EqualTo(1));

        var id = hooks.Items.Single(h => h.Url == "https://hooks.example.com/crash").Id;
        var (rotated, rotateRetry) = await SendTwiceAsync(backend, $"/v1/webhooks/{id}/rotate-secret", null, "rotate-1");
        await AssertReplayedAsync(rotated, rotateRetry);
        var store = _server.Services.GetRequiredService<IWebhookStore>();
        var stored = await store.GetWebhookAsync(id, CancellationToken.None);
        var original = System.Text.Json.JsonDocument.Parse(created).RootElement.GetProperty("secret").GetString();
        Assert.That(stored!.PreviousSecret, Is.EqualTo(original), "the secret the receiver holds still verifies during the grace period");
    }

    /// <summary>The store as a server killed right after the work would leave it: the scope's completion and release never land.</summary>
    private sealed class DiesBeforeTheScopeRecords(IIdempotencyStore inner) : IIdempotencyStore
    {
        public Task<IdempotencyStart> BeginIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken) =>
            inner.BeginIdempotentRequestAsync(request, cancellationToken);

        public Task<IdempotencyStart> PeekIdempotentRequestAsync(IdempotencyRequest request, CancellationToken cancellationToken) =>
            inner.PeekIdempotentRequestAsync(request, cancellationToken);

        public Task CompleteIdempotentRequestAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReleaseIdempotentRequestAsync(string scope, string key, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int> PurgeIdempotencyAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken) =>
            inner.PurgeIdempotencyAsync(createdBefore, cancellationToken);
    }
}

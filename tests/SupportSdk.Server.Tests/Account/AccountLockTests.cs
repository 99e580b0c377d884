using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Tests.Webhooks;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Account;

/// <summary><c>POST /v1/account/lock</c> over a real server: the exchange's hook called once per request (a retry with
/// the same key replays), an urgent security ticket opened once and reused while open, the webhook, both languages, a
/// seed phrase in the reason dropped while the lock goes ahead, and a failing hook answered 503 with nothing opened.</summary>
[TestFixture]
[NonParallelizable]
public sealed class AccountLockTests
{
    private const string Phrase = "attack race runway announce fiscal life smoke demand extend sound twenty always";

    private sealed class RecordingGuard : IAccountGuard
    {
        public ConcurrentQueue<(string UserId, string Reason)> Calls { get; } = new();

        public bool Fail { get; set; }

        public Task LockAsync(string userId, string reason, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("the exchange's lock service is down");
            }

            Calls.Enqueue((userId, reason));
            return Task.CompletedTask;
        }
    }

    private sealed class ScopedGuard : IAccountGuard
    {
        public static int Instances;

        public ScopedGuard() => Interlocked.Increment(ref Instances);

        public Task LockAsync(string userId, string reason, CancellationToken cancellationToken) =>
            userId == "lock-timeout" ? Task.FromException(new TaskCanceledException("the exchange's HTTP call timed out")) : Task.CompletedTask;
    }

    [Test]
    public async Task A_scoped_hook_gets_a_scope_per_request_and_its_own_timeout_is_a_503_not_a_500()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false, store: s => s.Services.AddScoped<IAccountGuard, ScopedGuard>());
        var before = ScopedGuard.Instances;
        using var user = await server.UserAsync("lock-scoped");
        using var first = await LockAsync(user, null);
        using var second = await LockAsync(user, null);
        using var slow = await server.UserAsync("lock-timeout");
        using var timedOut = await LockAsync(slow, null);
        Assert.Multiple(() =>
        {
            Assert.That((first.StatusCode, second.StatusCode), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.OK)));
            Assert.That(ScopedGuard.Instances - before, Is.EqualTo(3), "one hook per request, each in its own scope");
        });
        await AssertProblemAsync(timedOut, HttpStatusCode.ServiceUnavailable, "account_lock_unavailable");
    }

    private static async Task<HttpResponseMessage> LockAsync(HttpClient user, string? body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/account/lock") { Content = body is null ? null : Json(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await user.SendAsync(request);
    }

    [Test]
    public async Task A_lock_calls_the_exchange_once_per_request_and_opens_one_urgent_security_ticket_in_the_customers_language()
    {
        var guard = new RecordingGuard();
        await using var server = await SupportServerHost.StartAsync(o => o.Webhooks.AllowPrivateTargets = true, importFaq: false,
            store: s => s.Services.AddSingleton<IAccountGuard>(guard));
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var hook = await server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["account.lock_requested"]}""")))
        {
            Assert.That(hook.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var user = await server.UserAsync("lock-en");
        using var first = await LockAsync(user, """{"reason":"I got hacked, someone is withdrawing my coins"}""", "lock-1");
        using var replay = await LockAsync(user, """{"reason":"I got hacked, someone is withdrawing my coins"}""", "lock-1");
        using var again = await LockAsync(user, null);
        var created = await ReadAsync(first, SupportJsonContext.Default.AccountLockResult);
        var reused = await ReadAsync(again, SupportJsonContext.Default.AccountLockResult);
        var tickets = (await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items;
        var events = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));

        using var zhUser = await server.UserAsync("lock-zh", "zh-cn");
        using var zh = await LockAsync(zhUser, """{"reason":"账号被黑了"}""");
        var chinese = await ReadAsync(zh, SupportJsonContext.Default.AccountLockResult);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.Headers.Contains("Idempotent-Replayed"), Is.True, "the same request retried is answered from its record");
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "asked again: the open ticket");
            Assert.That(guard.Calls.Where(c => c.UserId == "lock-en").Select(c => c.Reason),
                Is.EqualTo(new[] { "I got hacked, someone is withdrawing my coins", string.Empty }), "the hook: once per request, never for the replay");
            Assert.That(created.Locked, Is.True);
            Assert.That((created.Ticket.Priority, created.Ticket.Category, created.Ticket.Subject), Is.EqualTo((TicketPriority.Urgent, TicketCategory.Security, "Account lock requested")));
            Assert.That(created.Ticket.Tags, Is.Null, "the customer's view has no tags");
            Assert.That(reused.Ticket.Id, Is.EqualTo(created.Ticket.Id));
            Assert.That(tickets, Has.Count.EqualTo(1), "one ticket however often it is asked");
            Assert.That(events.Select(e => e.Event.Type).Distinct(), Is.EqualTo(new[] { WebhookEventTypes.AccountLockRequested }));
            Assert.That(events[0].Text, Does.Contain("\"userId\":\"lock-en\"").And.Contain(created.Ticket.Id).And.Not.Contain("withdrawing"), "ids, not the words");
            Assert.That(chinese.Ticket.Subject, Is.EqualTo("申请冻结账户"));
        });
    }

    [Test]
    public async Task Lock_requests_at_the_same_moment_open_one_ticket_and_all_answer_with_it()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        for (var round = 0; round < 3; round++)
        {
            using var user = await server.UserAsync("lock-race-" + round);
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => LockAsync(user, null, $"race-{round}-{i}")));
            var answers = await Task.WhenAll(responses.Select(r => ReadAsync(r, SupportJsonContext.Default.AccountLockResult)));
            var tickets = (await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items;
            Assert.Multiple(() =>
            {
                Assert.That(tickets, Has.Count.EqualTo(1), "one security ticket for eight requests at once");
                Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), "one opened it, the others were added to it");
                Assert.That(answers.Select(a => a.Ticket.Id).Distinct(), Is.EqualTo(tickets.Select(t => t.Id)));
            });
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Test]
    public async Task A_lock_ticket_whose_tag_an_agent_removed_is_still_found_and_never_blocks_the_next_lock()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        using var user = await server.UserAsync("lock-untagged");
        using var agent = server.Agent();
        async Task<(HttpStatusCode Status, string TicketId)> LockOnceAsync()
        {
            using var response = await LockAsync(user, null);
            return (response.StatusCode, (await ReadAsync(response, SupportJsonContext.Default.AccountLockResult)).Ticket.Id);
        }

        async Task PatchAsync(string id, string body)
        {
            using var patch = await agent.PatchAsync("/v1/agent/tickets/" + id, Json(body));
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var first = await LockOnceAsync();
        await PatchAsync(first.TicketId, """{"status":"resolved"}""");
        var second = await LockOnceAsync();
        await PatchAsync(second.TicketId, """{"tags":["vip"]}"""); // the lock tag gone, the ticket still open
        var whileOpen = await LockOnceAsync();
        await PatchAsync(second.TicketId, """{"status":"resolved"}""");
        var afterBoth = await LockOnceAsync();
        var tickets = (await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items;

        Assert.Multiple(() =>
        {
            Assert.That((first.Status, second.Status), Is.EqualTo((HttpStatusCode.Created, HttpStatusCode.Created)));
            Assert.That(second.TicketId, Is.Not.EqualTo(first.TicketId), "the first was resolved: a new one");
            Assert.That(whileOpen, Is.EqualTo((HttpStatusCode.OK, second.TicketId)), "the open one, untagged, is added to");
            Assert.That(afterBoth.Status, Is.EqualTo(HttpStatusCode.Created), "both resolved: a new one, not a 503 for a day");
            Assert.That(tickets.Select(t => t.Id), Is.EquivalentTo(new[] { first.TicketId, second.TicketId, afterBoth.TicketId }));
        });
    }

    [Test]
    public async Task A_seed_phrase_in_the_reason_is_dropped_and_the_lock_still_goes_ahead()
    {
        var guard = new RecordingGuard();
        await using var server = await SupportServerHost.StartAsync(importFaq: false, store: s => s.Services.AddSingleton<IAccountGuard>(guard));
        using var user = await server.UserAsync("lock-phrase");
        using var response = await LockAsync(user, $$"""{"reason":"they asked for my words: {{Phrase}}"}""");
        var result = await ReadAsync(response, SupportJsonContext.Default.AccountLockResult);
        var messages = await user.GetStringAsync($"/v1/tickets/{result.Ticket.Id}/messages");
        var agentView = await server.Agent().GetFromJsonAsync($"/v1/agent/tickets/{result.Ticket.Id}", SupportJsonContext.Default.Ticket);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(guard.Calls.Single().Reason, Does.Not.Contain("fiscal life smoke"));
            Assert.That(messages, Does.Not.Contain("fiscal life smoke"));
            Assert.That(agentView!.Tags, Is.EqualTo(new[] { "account-lock" }), "the team sees why it was opened");
        });
    }

    [Test]
    public async Task A_failing_hook_answers_503_and_opens_nothing_and_without_a_hook_the_webhook_asks_the_exchange()
    {
        var guard = new RecordingGuard { Fail = true };
        await using var server = await SupportServerHost.StartAsync(importFaq: false, store: s => s.Services.AddSingleton<IAccountGuard>(guard));
        using var user = await server.UserAsync("lock-down");
        using var down = await LockAsync(user, """{"reason":"hacked"}""");
        var problem = await AssertProblemAsync(down, HttpStatusCode.ServiceUnavailable, ErrorCodes.AccountLockUnavailable);
        Assert.That(down.Headers.RetryAfter, Is.Not.Null);
        Assert.That(problem.Detail, Does.Not.Contain("lock service is down"), "the hook's error stays in the server");
        Assert.That((await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items, Is.Empty);

        await using var plain = await SupportServerHost.StartAsync(importFaq: false);
        using var other = await plain.UserAsync("lock-webhook");
        using var requested = await LockAsync(other, "{}");
        Assert.That((await ReadAsync(requested, SupportJsonContext.Default.AccountLockResult)).Locked, Is.False, "no hook: asked by the webhook");
        using var tooLong = await LockAsync(other, $$"""{"reason":"{{new string('x', 2001)}}"}""");
        await AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        using var agent = await plain.Agent().PostAsync("/v1/account/lock", Json("{}"));
        Assert.That(agent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only the account's own user");
    }
}

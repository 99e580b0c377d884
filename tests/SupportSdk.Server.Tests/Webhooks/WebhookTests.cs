using System.Net;
using Microsoft.Extensions.DependencyInjection;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Webhooks;

/// <summary>
/// Webhooks end to end: a real server and a real receiver on loopback. Registration and its refusals, signed events
/// for ticket changes in order, retries on the configured schedule (Retry-After honoured), 410 disabling, secret
/// rotation, ping and redelivery, and a blocked secret reported without its content.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class WebhookTests
{
    private static readonly string[] Words = "attack race runway announce fiscal life smoke demand extend sound twenty always".Split(' ');

    private static Task<SupportServerHost> StartAsync(bool allowPrivate = true, params TimeSpan[] delays) => SupportServerHost.StartAsync(o =>
    {
        o.Webhooks.AllowPrivateTargets = allowPrivate;
        foreach (var delay in delays.Length > 0 ? delays : [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(50)])
        {
            o.Webhooks.RetryDelays.Add(delay);
        }
    }, importFaq: false);

    private static async Task<WebhookEndpoint> RegisterAsync(SupportServerHost server, string url, string? events = null)
    {
        using var response = await server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"{{url}}","events":{{events ?? "[]"}},"description":"tests"}"""));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await ReadAsync(response, SupportJsonContext.Default.WebhookEndpoint);
    }

    private static async Task<Ticket> CreateTicketAsync(HttpClient user, string subject = "Deposit missing", string body = "Sent 0.5 ETH two hours ago")
    {
        using var response = await user.PostAsync("/v1/tickets", Json($$"""{"subject":"{{subject}}","body":"{{body}}","category":"deposit"}"""));
        return await ReadAsync(response, SupportJsonContext.Default.Ticket);
    }

    [Test]
    public async Task A_stalled_receiver_does_not_hold_up_another_endpoints_events()
    {
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            o.Webhooks.AllowPrivateTargets = true;
            o.Webhooks.AttemptTimeout = TimeSpan.FromMinutes(1);
        }, importFaq: false);
        await using var stalled = await WebhookReceiver.StartAsync();
        await using var healthy = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stalled.Gate = release.Task;
        await RegisterAsync(server, stalled.Url, """["ticket.created"]""");
        await RegisterAsync(server, healthy.Url, """["ticket.created"]""");
        var user = await server.UserAsync("hook-stall");
        const int Tickets = 3 * 32; // more than one claim's worth for each endpoint, the stalled one's claimed first
        for (var i = 0; i < Tickets; i++)
        {
            await CreateTicketAsync(user, "Deposit missing " + i);
        }

        try
        {
            await healthy.WaitForAsync(Tickets, TimeSpan.FromSeconds(30));
            Assert.Multiple(() =>
            {
                Assert.That(stalled.Answered, Is.Zero, "the stalled receiver answered nothing meanwhile");
                Assert.That(stalled.Requests, Has.Count.LessThanOrEqualTo(global::SupportSdk.Server.Webhooks.WebhookDispatcher.MaxInFlightPerEndpoint), "the stalled endpoint holds a bounded share of the attempts");
            });
        }
        finally
        {
            release.SetResult();
        }

        await stalled.WaitForAsync(Tickets, TimeSpan.FromSeconds(30));
        Assert.That(stalled.Requests.Select(r => r.Event.Id).Distinct().Count(), Is.EqualTo(Tickets), "once it answers, the stalled endpoint gets every event");
    }

    [Test]
    public async Task Ticket_events_arrive_signed_in_order_with_a_stable_id_and_per_ticket_sequence()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await RegisterAsync(server, receiver.Url);
        var user = await server.UserAsync("hook-order");
        var ticket = await CreateTicketAsync(user);
        using (var reply = await server.Agent().PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Which network did you use?"}""")))
        {
            Assert.That(reply.IsSuccessStatusCode, Is.True, await reply.Content.ReadAsStringAsync());
        }

        // created, then the reply's message_added, status_changed (to pending_customer) and assigned (to the agent who
        // answered); sent concurrently, so they may arrive in any order: the sequence is how the receiver orders them.
        var received = await receiver.WaitForAsync(4);
        var events = received.Select(r => r.Event).Where(e => e.TicketId == ticket.Id).OrderBy(e => e.Sequence).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { WebhookEventTypes.TicketCreated, WebhookEventTypes.TicketMessageAdded, WebhookEventTypes.TicketStatusChanged, WebhookEventTypes.TicketAssigned }));
            Assert.That(received.All(r => r.SignedBy(hook.Secret!)), Is.True, "every request carries a Standard Webhooks signature by the endpoint's secret");
            Assert.That(received.All(r => r.Headers[WebhookSignature.IdHeader] == r.Event.Id), Is.True, "webhook-id is the event id");
            Assert.That(events[0].Type, Is.EqualTo(WebhookEventTypes.TicketCreated));
            Assert.That(events[0].Data.GetProperty("id").GetString(), Is.EqualTo(ticket.Id), "a snapshot of the ticket");
            Assert.That(events.Select(e => e.Sequence), Is.EqualTo(Enumerable.Range(1, events.Count).Select(i => (long)i)), "per-ticket sequence without gaps");
            Assert.That(events.Select(e => e.Type), Does.Contain(WebhookEventTypes.TicketMessageAdded));
            Assert.That(received.All(r => r.Text.Contains("\"occurredAt\":", StringComparison.Ordinal)), Is.True);
        });
    }

    [Test]
    public async Task A_failing_receiver_is_retried_with_the_same_event_id_and_retry_after_is_honoured()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n switch { 0 => (500, null), 1 => (429, 1), _ => (200, null) };
        var hook = await RegisterAsync(server, receiver.Url, """["ticket.created"]""");
        await CreateTicketAsync(await server.UserAsync("hook-retry"));

        var received = await receiver.WaitForAsync(3);
        Page<WebhookDelivery> deliveries;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        do
        {
            // The receiver has answered; the server records the outcome right after.
            deliveries = await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{hook.Id}/deliveries"), SupportJsonContext.Default.PageWebhookDelivery);
        }
        while (deliveries.Items.Single().Status == "pending" && DateTime.UtcNow < deadline);

        var stamps = received.Select(r => long.Parse(r.Headers[WebhookSignature.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(r => r.Event.Id).Distinct().Count(), Is.EqualTo(1), "one event, three attempts, one id");
            Assert.That(received.Select(r => r.AnsweredStatus), Is.EqualTo(new[] { 500, 429, 200 }));
            Assert.That(stamps[2] - stamps[1], Is.GreaterThanOrEqualTo(1), "waited the 429's Retry-After (1 s), not the 50 ms schedule");
            Assert.That(deliveries.Items.Single().Status, Is.EqualTo("delivered"));
            Assert.That(deliveries.Items.Single().Attempts, Is.EqualTo(3));
            Assert.That(deliveries.Items.Single().LastStatusCode, Is.EqualTo(200));
            Assert.That(deliveries.Items.Single().LastResponse, Is.EqualTo("answer 2"), "the first KB of the last answer");
        });
    }

    [Test]
    public async Task A_delivery_gives_up_after_the_schedule_and_410_disables_the_endpoint()
    {
        await using var server = await StartAsync();
        await using var failing = await WebhookReceiver.StartAsync();
        failing.Answer = _ => (500, null);
        await using var gone = await WebhookReceiver.StartAsync();
        gone.Answer = _ => (410, null);
        var failingHook = await RegisterAsync(server, failing.Url);
        var goneHook = await RegisterAsync(server, gone.Url);
        await CreateTicketAsync(await server.UserAsync("hook-give-up"));

        await failing.WaitForAsync(4); // the first attempt and the schedule's three retries
        await gone.WaitForAsync(1);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        WebhookDelivery last;
        do
        {
            last = (await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{failingHook.Id}/deliveries"), SupportJsonContext.Default.PageWebhookDelivery)).Items.Single();
        }
        while (last.Status == "pending" && DateTime.UtcNow < deadline);

        var disabled = await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{goneHook.Id}"), SupportJsonContext.Default.WebhookEndpoint);
        await CreateTicketAsync(await server.UserAsync("hook-after-gone"));
        await failing.WaitForAsync(5);
        Assert.Multiple(() =>
        {
            Assert.That((last.Status, last.Attempts, last.NextAttemptAt), Is.EqualTo(("failed", 4, (DateTimeOffset?)null)));
            Assert.That(disabled.Enabled, Is.False);
            Assert.That(disabled.DisabledReason, Does.Contain("410"));
            Assert.That(gone.Requests, Has.Count.EqualTo(1), "a disabled endpoint gets nothing more");
        });
    }

    [Test]
    public async Task During_a_rotation_both_secrets_sign_and_the_new_one_is_shown_once()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await RegisterAsync(server, receiver.Url);
        using var rotate = await server.Backend().PostAsync($"/v1/webhooks/{hook.Id}/rotate-secret", null);
        var rotated = await ReadAsync(rotate, SupportJsonContext.Default.WebhookEndpoint);
        var shown = await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{hook.Id}"), SupportJsonContext.Default.WebhookEndpoint);
        await CreateTicketAsync(await server.UserAsync("hook-rotate"));
        var request = (await receiver.WaitForAsync(1))[0];
        Assert.Multiple(() =>
        {
            Assert.That(rotated.Secret, Does.StartWith("whsec_").And.Not.EqualTo(hook.Secret));
            Assert.That(shown.Secret, Is.Null, "never shown again");
            Assert.That(request.Headers[WebhookSignature.SignatureHeader].Split(' '), Has.Length.EqualTo(2));
            Assert.That(request.SignedBy(hook.Secret!), Is.True, "the old secret still verifies during the grace period");
            Assert.That(request.SignedBy(rotated.Secret!), Is.True);
            Assert.That(request.SignedBy(WebhookSignature.NewSecret()), Is.False);
        });
    }

    [Test]
    public async Task Ping_and_redeliver_send_to_that_endpoint_again()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await RegisterAsync(server, receiver.Url);
        using var ping = await server.Backend().PostAsync($"/v1/webhooks/{hook.Id}/ping", null);
        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var delivery = await ReadAsync(ping, SupportJsonContext.Default.WebhookDelivery);
        var first = (await receiver.WaitForAsync(1))[0];
        using var again = await server.Backend().PostAsync($"/v1/webhooks/{hook.Id}/deliveries/{delivery.Id}/redeliver", null);
        var second = (await receiver.WaitForAsync(2))[1];
        Assert.Multiple(() =>
        {
            Assert.That(first.Event.Type, Is.EqualTo(WebhookEventTypes.Ping));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(second.Event.Id, Is.EqualTo(first.Event.Id), "a redelivery is the same event: the receiver dedupes it");
        });
    }

    [Test]
    public async Task A_blocked_seed_phrase_is_reported_by_kind_never_by_content()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await RegisterAsync(server, receiver.Url, """["secret.blocked"]""");
        var user = await server.UserAsync("hook-secret");
        using var refused = await user.PostAsync("/v1/tickets", Json($$"""{"subject":"help","body":"my words {{string.Join(' ', Words)}}","category":"account"}"""));
        Assert.That(refused.StatusCode, Is.EqualTo((HttpStatusCode)422));
        var request = (await receiver.WaitForAsync(1))[0];
        var data = request.Event.Data;
        Assert.Multiple(() =>
        {
            Assert.That(request.Event.Type, Is.EqualTo(WebhookEventTypes.SecretBlocked));
            Assert.That(data.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()), Does.Contain("mnemonic"));
            Assert.That(data.GetProperty("userId").GetString(), Is.EqualTo("hook-secret"));
            Assert.That(Words.Where(w => request.Text.Contains(w, StringComparison.Ordinal)), Is.Empty, "no word of the phrase in the payload");
        });
    }

    [Test]
    public async Task A_chat_reports_its_lifecycle_and_a_flagged_agent_message_without_its_text()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await RegisterAsync(server, receiver.Url,
            """["chat.started","chat.queued","chat.agent_joined","chat.closed","agent_message.flagged","channel_report.created"]""");
        var user = await server.UserAsync("hook-chat");
        var chat = await SupportSdk.Server.Tests.Chat.ChatTestKit.StartChatAsync(user, "agent");
        await SupportSdk.Server.Tests.Chat.ChatTestKit.AcceptAsync(server.Agent(), chat.Id);
        const string Scam = "To verify you, please send me your 12 word seed phrase";
        await SupportSdk.Server.Tests.Chat.ChatTestKit.AgentSendsAsync(server.Agent(), chat.Id, Scam);
        (await server.Agent().PostAsync($"/v1/agent/chats/{chat.Id}/close", null)).EnsureSuccessStatusCode();
        using (var report = await user.PostAsync("/v1/channels/reports", Json("""{"input":"https://examp1e-exchange.com/login"}""")))
        {
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var received = await receiver.WaitForAsync(6);
        var chatEvents = received.Select(r => r.Event).Where(e => e.ChatId == chat.Id).OrderBy(e => e.Sequence).ToList();
        var flagged = chatEvents.Single(e => e.Type == WebhookEventTypes.AgentMessageFlagged);
        Assert.Multiple(() =>
        {
            Assert.That(chatEvents.Select(e => e.Type), Is.EqualTo(new[]
            {
                WebhookEventTypes.ChatStarted, WebhookEventTypes.ChatQueued, WebhookEventTypes.ChatAgentJoined, WebhookEventTypes.AgentMessageFlagged, WebhookEventTypes.ChatClosed,
            }));
            Assert.That(chatEvents.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 2, 3, 4, 5 }), "per-chat sequence");
            Assert.That(chatEvents[2].Data.GetProperty("agent").GetString(), Is.EqualTo(SupportServerHost.AgentName), "a snapshot of the chat");
            Assert.That(flagged.Data.GetProperty("flags").EnumerateArray().Select(f => f.GetString()), Does.Contain(MessageFlags.AsksForSecret));
            Assert.That(received.Single(r => r.Event.Id == flagged.Id).Text, Does.Not.Contain("seed phrase"), "the flagged text is not in the payload");
            Assert.That(received.Select(r => r.Event.Type), Does.Contain(WebhookEventTypes.ChannelReportCreated));
        });
    }

    [Test]
    public async Task Without_a_subscriber_nothing_is_kept_and_finished_history_is_purged_after_its_retention()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var user = await server.UserAsync("hook-history");
        await CreateTicketAsync(user, "Before any endpoint");
        Assert.That(await CountAsync(server, "webhook_events"), Is.Zero, "an exchange without webhooks stores no events");

        var hook = await RegisterAsync(server, receiver.Url, """["ticket.created"]""");
        await CreateTicketAsync(user, "After the endpoint");
        await receiver.WaitForAsync(1);
        var store = server.Services.GetRequiredService<SupportSdk.Server.Storage.IWebhookStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await store.ListDeliveriesAsync(hook.Id, null, 10, CancellationToken.None)).Single().Status != "delivered" && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.That(await store.PurgeWebhookHistoryAsync(DateTimeOffset.UtcNow - TimeSpan.FromDays(1), CancellationToken.None), Is.Zero, "younger than the cut: kept");
        Assert.That(await store.PurgeWebhookHistoryAsync(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1), CancellationToken.None), Is.EqualTo(1));
        Assert.Multiple(async () =>
        {
            Assert.That(await store.ListDeliveriesAsync(hook.Id, null, 10, CancellationToken.None), Is.Empty);
            Assert.That(await CountAsync(server, "webhook_events"), Is.Zero, "its event went with its last delivery");
        });
    }

    [Test]
    public async Task A_delivery_of_an_endpoint_deleted_while_its_event_was_committed_is_purged_not_kept_forever()
    {
        await using var server = await StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => (500, null); // stays pending, retried
        var hook = await RegisterAsync(server, receiver.Url, """["ticket.created"]""");
        await CreateTicketAsync(await server.UserAsync("hook-orphan"));
        await receiver.WaitForAsync(1);
        // The endpoint's row gone under a delivery already written: what a delete landing between an append's read of
        // the endpoints and its commit leaves.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM webhooks WHERE id = $id;";
            delete.Parameters.AddWithValue("$id", hook.Id);
            Assert.That(await delete.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var store = server.Services.GetRequiredService<SupportSdk.Server.Storage.IWebhookStore>();
        var purged = await store.PurgeWebhookHistoryAsync(DateTimeOffset.UtcNow - TimeSpan.FromDays(1), CancellationToken.None);
        var deliveries = await CountAsync(server, "webhook_deliveries");
        await store.PurgeWebhookHistoryAsync(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(purged, Is.EqualTo(1), "pending, young, but its endpoint is gone");
            Assert.That(deliveries, Is.Zero);
            Assert.That(await CountAsync(server, "webhook_events"), Is.Zero, "the event goes after its retention, like any without a delivery");
        });
    }

    private static async Task<long> CountAsync(SupportServerHost server, string table)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={server.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Test]
    public async Task A_redirect_is_not_followed()
    {
        await using var server = await StartAsync();
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync();
        redirecting.Answer = _ => (307, null);
        redirecting.RedirectTo = target.Url;
        var hook = await RegisterAsync(server, redirecting.Url, """["ticket.created"]""");
        await CreateTicketAsync(await server.UserAsync("hook-redirect"));
        await redirecting.WaitForAsync(2);
        var delivery = (await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{hook.Id}/deliveries"), SupportJsonContext.Default.PageWebhookDelivery)).Items.Single();
        Assert.Multiple(() =>
        {
            Assert.That(target.Requests, Is.Empty, "the event never went where the redirect pointed");
            Assert.That(delivery.LastStatusCode, Is.EqualTo(307));
            Assert.That(delivery.Status, Is.Not.EqualTo("delivered"));
        });
    }

    [Test]
    public async Task An_endpoint_failing_for_longer_than_the_limit_is_disabled_and_says_why()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            o.Webhooks.AllowPrivateTargets = true;
            o.Webhooks.DisableAfterFailingFor = TimeSpan.FromHours(1);
            for (var i = 0; i < 10; i++)
            {
                o.Webhooks.RetryDelays.Add(TimeSpan.FromMinutes(10));
            }
        }, time: clock, importFaq: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => (500, null);
        var hook = await RegisterAsync(server, receiver.Url, """["ticket.created"]""");
        await CreateTicketAsync(await server.UserAsync("hook-failing-days"));
        await receiver.WaitForAsync(1);
        for (var attempt = 2; attempt <= 7; attempt++)
        {
            // Each retry is due ten minutes later on the server's clock; the dispatcher's poll picks it up.
            await WaitUntilAsync(async () => (await DeliveryAsync(server, hook.Id)).Attempts == attempt - 1);
            clock.Advance(TimeSpan.FromMinutes(11));
            await receiver.WaitForAsync(attempt);
        }

        WebhookEndpoint endpoint = null!;
        await WaitUntilAsync(async () => !(endpoint = await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{hook.Id}"), SupportJsonContext.Default.WebhookEndpoint)).Enabled);
        Assert.Multiple(() =>
        {
            Assert.That(endpoint.DisabledReason, Does.StartWith("No successful delivery since 2026-12-01 08:00"));
            Assert.That(receiver.Requests, Has.Count.EqualTo(7), "the seventh attempt, 66 minutes after the first failure, disabled it");
        });
    }

    private static async Task<WebhookDelivery> DeliveryAsync(SupportServerHost server, string hookId) =>
        (await ReadAsync(await server.Backend().GetAsync($"/v1/webhooks/{hookId}/deliveries"), SupportJsonContext.Default.PageWebhookDelivery)).Items.Single();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the condition did not hold in time");
        }
    }

    [TestCase("""{"url":"http://example.com/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "plain http")]
    [TestCase("""{"url":"https://127.0.0.1/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "loopback literal")]
    [TestCase("""{"url":"https://10.1.2.3/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "private literal")]
    [TestCase("""{"url":"https://[::1]/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "IPv6 loopback")]
    [TestCase("""{"url":"https://[::ffff:192.168.1.1]/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "IPv4-mapped private")]
    [TestCase("""{"url":"https://169.254.169.254/latest/meta-data"}""", ErrorCodes.WebhookUrlInvalid, TestName = "cloud metadata")]
    [TestCase("""{"url":"https://localhost/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "localhost")]
    [TestCase("""{"url":"https://user:pw@example.com/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "credentials in the URL")]
    [TestCase("""{"url":"/hook"}""", ErrorCodes.WebhookUrlInvalid, TestName = "relative")]
    [TestCase("""{"url":"https://example.com/hook","events":["ticket.deleted"]}""", ErrorCodes.WebhookEventUnknown, TestName = "unknown event")]
    [TestCase("""{"url":"https://example.com/hook","events":["Ticket.Created"]}""", ErrorCodes.WebhookEventUnknown, TestName = "event in another case")]
    public async Task Bad_registrations_are_refused_with_their_own_code(string body, string code)
    {
        await using var server = await StartAsync(allowPrivate: false);
        await AssertProblemAsync(await server.Backend().PostAsync("/v1/webhooks", Json(body)), HttpStatusCode.BadRequest, code);
    }

    [Test]
    public async Task A_long_description_the_21st_endpoint_and_an_unknown_id_are_refused()
    {
        await using var server = await StartAsync(allowPrivate: false);
        await AssertProblemAsync(await server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"https://example.com/h","description":"{{new string('d', 501)}}"}""")),
            HttpStatusCode.BadRequest, ErrorCodes.WebhookDescriptionTooLong);
        for (var i = 0; i < 20; i++)
        {
            using var ok = await server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"https://example.com/h{{i}}"}"""));
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await AssertProblemAsync(await server.Backend().PostAsync("/v1/webhooks", Json("""{"url":"https://example.com/h21"}""")), HttpStatusCode.Conflict, ErrorCodes.WebhookLimitReached);
        await AssertProblemAsync(await server.Backend().GetAsync("/v1/webhooks/wh_00000000000000000000000000"), HttpStatusCode.NotFound, ErrorCodes.WebhookNotFound);
        var listed = await ReadAsync(await server.Backend().GetAsync("/v1/webhooks?limit=100"), SupportJsonContext.Default.PageWebhookEndpoint);
        Assert.That(listed.Items.Select(w => w.Secret), Has.All.Null, "a list never shows a secret");
    }

    [Test]
    public async Task A_name_that_resolves_to_loopback_is_refused_when_connecting()
    {
        var refused = Assert.ThrowsAsync<HttpRequestException>(async () =>
            await SupportSdk.Server.Webhooks.WebhookTargets.ConnectAsync(new DnsEndPoint("localhost", 80), allowPrivate: false, CancellationToken.None));
        Assert.That(refused!.Message, Does.Contain("private or loopback"));
        foreach (var address in new[] { "127.0.0.2", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.1.1", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1" })
        {
            Assert.That(SupportSdk.Server.Webhooks.WebhookTargets.IsPrivate(IPAddress.Parse(address)), Is.True, address);
        }

        foreach (var address in new[] { "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111" })
        {
            Assert.That(SupportSdk.Server.Webhooks.WebhookTargets.IsPrivate(IPAddress.Parse(address)), Is.False, address);
        }
    }
}

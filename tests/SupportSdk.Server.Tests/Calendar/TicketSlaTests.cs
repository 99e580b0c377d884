using System.Net;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Tests.Webhooks;
using SupportSdk.Server.Tickets;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Calendar;

/// <summary>
/// Every ticket's service-level clock on a fake clock, with office hours (Monday–Friday 09:00–18:00 UTC): the first
/// reply, the next reply after a customer message, the resolution paused while the ticket waits on the customer,
/// and a breach marked by the sweep with a <c>ticket.sla_breached</c> webhook.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TicketSlaTests
{
    private static readonly DateTimeOffset MondayTen = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);

    private static void OfficeHours(SupportServerOptions o)
    {
        o.SupportOpensAtHour = 9;
        o.SupportClosesAtHour = 18;
        o.SupportDays.Remove(DayOfWeek.Saturday);
        o.SupportDays.Remove(DayOfWeek.Sunday);
        o.UserTokenLifetime = TimeSpan.FromHours(24);
        o.Sla.SweepInterval = TimeSpan.FromMinutes(1);
        o.Webhooks.AllowPrivateTargets = true;
    }

    private static Ticket Ticket(TicketStatus status, DateTimeOffset created, TicketSla? sla = null, string priority = "normal") => new()
    {
        Id = "tkt_sla",
        Subject = "s",
        Status = status,
        Priority = new TicketPriority(priority),
        Category = TicketCategory.Deposit,
        Locale = "en-us",
        Tier = 1,
        Customer = new TicketCustomer { UserId = "u", DisplayName = "U" },
        MessageCount = 1,
        Version = 1,
        CreatedAt = created,
        UpdatedAt = created,
        Sla = sla,
    };

    private static TicketMessage From(AuthorRole role) => new() { Id = "msg_sla", Seq = 2, From = new Author { Role = role, Name = "x" }, Body = "b" };

    [Test]
    public void The_clock_runs_in_business_hours_pauses_on_the_customer_and_remembers_a_late_reply()
    {
        var options = new SupportServerOptions();
        OfficeHours(options);
        var clock = new TicketSlaClock(Options.Create(options));
        var fridayFive = new DateTimeOffset(2026, 11, 6, 17, 0, 0, TimeSpan.Zero);
        var opened = Ticket(TicketStatus.Open, fridayFive);
        var start = clock.Start(opened);

        var repliedLate = clock.Next(Ticket(TicketStatus.Open, fridayFive, start), Ticket(TicketStatus.PendingCustomer, fridayFive, start), From(AuthorRole.Agent),
            new DateTimeOffset(2026, 11, 9, 13, 0, 0, TimeSpan.Zero))!;
        var waiting = Ticket(TicketStatus.Open, fridayFive, start);
        var answered = clock.Next(waiting, Ticket(TicketStatus.PendingCustomer, fridayFive, start), From(AuthorRole.Agent), new DateTimeOffset(2026, 11, 9, 11, 0, 0, TimeSpan.Zero))!;
        var back = clock.Next(Ticket(TicketStatus.PendingCustomer, fridayFive, answered), Ticket(TicketStatus.PendingAgent, fridayFive, answered), From(AuthorRole.Customer),
            new DateTimeOffset(2026, 11, 10, 11, 0, 0, TimeSpan.Zero))!;
        var resolved = clock.Next(Ticket(TicketStatus.PendingAgent, fridayFive, back), Ticket(TicketStatus.Resolved, fridayFive, back), null,
            new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero))!;

        Assert.Multiple(() =>
        {
            Assert.That((start.Target, start.DueAt), Is.EqualTo((TicketSlaClock.FirstReply, (DateTimeOffset?)new DateTimeOffset(2026, 11, 9, 12, 0, 0, TimeSpan.Zero))),
                "240 business minutes: Friday's last hour, then Monday 09:00–12:00");
            Assert.That(start.Policy, Is.EqualTo("standard"));
            Assert.That(answered.Breached, Is.False, "answered Monday 11:00, before 12:00");
            Assert.That((answered.Target, answered.DueAt, answered.PausedSince), Is.EqualTo(((string?)null, (DateTimeOffset?)null, (DateTimeOffset?)new DateTimeOffset(2026, 11, 9, 11, 0, 0, TimeSpan.Zero))),
                "waiting on the customer: nothing runs");
            Assert.That(back.PausedSeconds, Is.EqualTo(9 * 3600), "paused Monday 11:00–18:00 and Tuesday 09:00–11:00");
            Assert.That(back.Target, Is.EqualTo(TicketSlaClock.NextReply));
            Assert.That(back.DueAt, Is.EqualTo(new DateTimeOffset(2026, 11, 11, 10, 0, 0, TimeSpan.Zero)), "480 business minutes from Tuesday 11:00: 7 h Tuesday, 1 h Wednesday");
            Assert.That((resolved.Target, resolved.DueAt, resolved.Breached), Is.EqualTo(((string?)null, (DateTimeOffset?)null, false)), "resolved in time: nothing runs");
            Assert.That(repliedLate.Breached, Is.True, "a first reply at 13:00 after a 12:00 due time");
            Assert.That(clock.Next(Ticket(TicketStatus.Open, fridayFive), Ticket(TicketStatus.PendingCustomer, fridayFive), From(AuthorRole.Agent), fridayFive), Is.Null,
                "a ticket stored before SLAs existed gets no clock, rather than a false breach from a history it does not know");
        });
    }

    [Test]
    public async Task Tickets_carry_their_clock_and_a_missed_target_is_swept_into_a_breach_and_a_webhook()
    {
        var time = new FakeTimeProvider(MondayTen);
        await using var server = await SupportServerHost.StartAsync(OfficeHours, time: time, importFaq: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var hook = await server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["ticket.sla_breached"]}""")))
        {
            Assert.That(hook.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var user = await server.UserAsync("sla-user");
        var ticket = await CreateTicketAsync(user);
        var agent = server.Agent();
        time.SetUtcNow(MondayTen.AddHours(1));
        (await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Which network?"}"""))).EnsureSuccessStatusCode();
        var paused = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);
        time.SetUtcNow(MondayTen.AddHours(2));
        (await user.PostAsync($"/v1/tickets/{ticket.Id}/messages", Json("""{"body":"Ethereum."}"""))).EnsureSuccessStatusCode();
        var waiting = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);

        // Past the next-reply due time (Tuesday 11:00: 6 h on Monday from 12:00, 2 h on Tuesday): the sweep marks it.
        time.SetUtcNow(new DateTimeOffset(2026, 11, 3, 11, 1, 0, TimeSpan.Zero));
        time.Advance(TimeSpan.FromMinutes(1));
        var swept = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(15));
        var breached = await ReadAsync(await agent.GetAsync($"/v1/agent/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);

        Assert.Multiple(() =>
        {
            Assert.That(ticket.Sla!.Target, Is.EqualTo("first_reply"));
            Assert.That(ticket.Sla.DueAt, Is.EqualTo(MondayTen.AddHours(4)), "240 business minutes, all on Monday");
            Assert.That(ticket.Sla.Policy, Is.EqualTo("standard"));
            Assert.That((paused.Sla!.Target, paused.Sla.FirstReplyAt, paused.Sla.PausedSince), Is.EqualTo(((string?)null, (DateTimeOffset?)MondayTen.AddHours(1), (DateTimeOffset?)MondayTen.AddHours(1))),
                "replied and waiting on the customer: nothing runs");
            Assert.That((waiting.Sla!.Target, waiting.Sla.DueAt), Is.EqualTo(("next_reply", (DateTimeOffset?)new DateTimeOffset(2026, 11, 3, 11, 0, 0, TimeSpan.Zero))));
            Assert.That(waiting.Sla.Breached, Is.False);
            Assert.That(breached.Sla!.Breached, Is.True);
            Assert.That(breached.Version, Is.EqualTo(waiting.Version + 1), "the breach is a change of the ticket");
            Assert.That(swept[0].Event.Type, Is.EqualTo(WebhookEventTypes.TicketSlaBreached));
            Assert.That(swept[0].Event.TicketId, Is.EqualTo(ticket.Id));
            Assert.That(swept[0].Event.Data.GetProperty("sla").GetProperty("breached").GetBoolean(), Is.True);
        });
    }

    private static async Task<HttpClient> UserWithTierAsync(SupportServerHost server, string userId, string? tier)
    {
        using var response = await server.Backend().PostAsync("/v1/user-tokens",
            Json(new UserTokenRequest { UserId = userId, DisplayName = userId, Tier = tier }, SupportJsonContext.Default.UserTokenRequest));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return server.Client((await ReadAsync(response, SupportJsonContext.Default.UserToken)).Token);
    }

    [Test]
    public async Task Policies_by_customer_tier_and_category_set_the_targets_in_their_order()
    {
        var time = new FakeTimeProvider(MondayTen);
        await using var server = await SupportServerHost.StartAsync(o =>
        {
            OfficeHours(o);
            var vip = new SlaPolicyOptions { Name = "vip", AroundTheClock = true };
            vip.CustomerTiers.Add("vip");
            vip.FirstReplyTargetMinutes["normal"] = 30;
            var security = new SlaPolicyOptions { Name = "security" };
            security.Categories.Add("security");
            security.FirstReplyTargetMinutes["normal"] = 60;
            security.ResolutionTargetHours["normal"] = 4;
            o.Sla.Policies.Add(vip);
            o.Sla.Policies.Add(security);
        }, time: time, importFaq: false);
        using var vipUser = await UserWithTierAsync(server, "sla-vip", "vip");
        using var plainUser = await UserWithTierAsync(server, "sla-plain", null);
        var securityTicket = new CreateTicketRequest { Subject = "Strange login", Body = "Someone logged in from abroad.", Category = TicketCategory.Security };
        var vipDeposit = await CreateTicketAsync(vipUser);
        var vipSecurity = await CreateTicketAsync(vipUser, securityTicket);
        var plainSecurity = await CreateTicketAsync(plainUser, securityTicket);
        var plainDeposit = await CreateTicketAsync(plainUser);

        // Answered, then the customer writes: the policy's resolution target and the default's next-reply target both run.
        time.SetUtcNow(MondayTen.AddMinutes(10));
        (await server.Agent().PostAsync($"/v1/agent/tickets/{plainSecurity.Id}/messages", Json("""{"body":"Please change your password now."}"""))).EnsureSuccessStatusCode();
        (await plainUser.PostAsync($"/v1/tickets/{plainSecurity.Id}/messages", Json("""{"body":"Done."}"""))).EnsureSuccessStatusCode();
        var followUp = await ReadAsync(await plainUser.GetAsync($"/v1/tickets/{plainSecurity.Id}"), SupportJsonContext.Default.Ticket);

        // A chat the VIP turns into a ticket gets the VIP's policy too.
        var chat = await Chat.ChatTestKit.StartChatAsync(vipUser, "agent");
        using var converted = await vipUser.PostAsync($"/v1/chats/{chat.Id}/ticket", null);
        var fromChat = await ReadAsync(converted, SupportJsonContext.Default.Ticket);

        // The VIP policy runs around the clock: on a Saturday its 30 minutes are real minutes; the default waits for Monday.
        var saturday = new DateTimeOffset(2026, 11, 7, 12, 0, 0, TimeSpan.Zero);
        time.SetUtcNow(saturday);
        using var weekendVip = await UserWithTierAsync(server, "sla-vip-weekend", "vip");
        using var weekendPlain = await UserWithTierAsync(server, "sla-plain-weekend", null);
        var vipWeekend = await CreateTicketAsync(weekendVip);
        var plainWeekend = await CreateTicketAsync(weekendPlain);

        using var badTier = await server.Backend().PostAsync("/v1/user-tokens", Json("""{"userId":"x","displayName":"X","tier":"VIP!"}"""));
        Assert.Multiple(async () =>
        {
            Assert.That((vipDeposit.Sla!.Policy, vipDeposit.Sla.DueAt), Is.EqualTo(("vip", (DateTimeOffset?)MondayTen.AddMinutes(30))));
            Assert.That(vipSecurity.Sla!.Policy, Is.EqualTo("vip"), "the first policy that matches");
            Assert.That((plainSecurity.Sla!.Policy, plainSecurity.Sla.DueAt), Is.EqualTo(("security", (DateTimeOffset?)MondayTen.AddMinutes(60))));
            Assert.That((plainDeposit.Sla!.Policy, plainDeposit.Sla.DueAt), Is.EqualTo(("standard", (DateTimeOffset?)MondayTen.AddMinutes(240))));
            Assert.That((followUp.Sla!.Policy, followUp.Sla.Target, followUp.Sla.DueAt),
                Is.EqualTo(("security", "resolution", (DateTimeOffset?)MondayTen.AddHours(4))),
                "kept its policy: its 4-hour resolution is due before the default's next reply (Tuesday 09:10)");
            Assert.That(fromChat.Sla!.Policy, Is.EqualTo("vip"), "a chat turned into a ticket");
            Assert.That(vipWeekend.Sla!.DueAt, Is.EqualTo(saturday.AddMinutes(30)), "the VIP schedule is 24/7");
            Assert.That(plainWeekend.Sla!.DueAt, Is.EqualTo(new DateTimeOffset(2026, 11, 9, 13, 0, 0, TimeSpan.Zero)), "the default counts from Monday 09:00");
            await AssertProblemAsync(badTier, HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        });
    }

    [Test]
    public async Task A_target_due_soon_is_warned_once_before_it_is_breached()
    {
        var time = new FakeTimeProvider(MondayTen);
        await using var server = await SupportServerHost.StartAsync(OfficeHours, time: time, importFaq: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        using (var hook = await server.Backend().PostAsync("/v1/webhooks", Json($$"""{"url":"{{receiver.Url}}","events":["ticket.sla_warning","ticket.sla_breached"]}""")))
        {
            Assert.That(hook.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var user = await server.UserAsync("sla-warned");
        var ticket = await CreateTicketAsync(user); // first reply due 14:00
        time.SetUtcNow(MondayTen.AddMinutes(200)); // 13:20: 40 minutes left, no warning yet
        time.Advance(TimeSpan.FromMinutes(1));
        time.SetUtcNow(MondayTen.AddMinutes(215)); // 13:35: within 30 minutes
        time.Advance(TimeSpan.FromMinutes(1));
        var warned = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(15));
        var afterWarning = await ReadAsync(await server.Agent().GetAsync($"/v1/agent/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);
        time.Advance(TimeSpan.FromMinutes(5)); // more sweeps before the due time: no second warning
        time.SetUtcNow(MondayTen.AddMinutes(241));
        time.Advance(TimeSpan.FromMinutes(1));
        var both = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(15));
        await Task.Delay(300);

        Assert.Multiple(() =>
        {
            Assert.That(warned[0].Event.Type, Is.EqualTo(WebhookEventTypes.TicketSlaWarning));
            Assert.That((afterWarning.Sla!.Warned, afterWarning.Sla.Breached, afterWarning.Sla.Target), Is.EqualTo((true, false, "first_reply")));
            Assert.That(both.Select(e => e.Event.Type), Is.EqualTo(new[] { WebhookEventTypes.TicketSlaWarning, WebhookEventTypes.TicketSlaBreached }), "one warning, then the breach");
            Assert.That(receiver.Requests, Has.Count.EqualTo(2), "nothing more");
        });
    }

    [Test]
    public async Task The_agent_queue_sorted_by_due_lists_running_targets_soonest_first_page_by_page()
    {
        var time = new FakeTimeProvider(MondayTen);
        await using var server = await SupportServerHost.StartAsync(OfficeHours, time: time, importFaq: false);
        var user = await server.UserAsync("sla-queue");
        var created = new Dictionary<string, string>();
        foreach (var priority in new[] { "normal", "urgent", "low", "high" })
        {
            var ticket = await CreateTicketAsync(user, new CreateTicketRequest
            {
                Subject = "Due order " + priority,
                Body = "When will someone answer?",
                Category = TicketCategory.Deposit,
                Priority = new TicketPriority(priority),
            });
            created[priority] = ticket.Id;
        }

        // The low one waits on the customer: nothing runs, so it is not in the due queue.
        (await server.Agent().PostAsync($"/v1/agent/tickets/{created["low"]}/messages", Json("""{"body":"Please send a screenshot."}"""))).EnsureSuccessStatusCode();
        var order = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 10; pages++)
        {
            var page = await ReadAsync(await server.Agent().GetAsync("/v1/agent/tickets?sort=due&limit=1" + (cursor is null ? string.Empty : "&cursor=" + cursor)),
                SupportJsonContext.Default.PageTicket);
            order.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        using var bad = await server.Agent().GetAsync("/v1/agent/tickets?sort=oldest");
        Assert.Multiple(async () =>
        {
            Assert.That(order, Is.EqualTo(new[] { created["urgent"], created["high"], created["normal"] }), "15, 60 and 240 business minutes");
            await AssertProblemAsync(bad, HttpStatusCode.BadRequest, ErrorCodes.InvalidQuery);
        });
    }
}

using System.Net;
using System.Net.Http.Headers;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class TicketLifecycleTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static readonly TransactionInfo Trc20Deposit = new()
    {
        Asset = "USDT",
        Network = "TRC20",
        TxId = new string('a', 64),
        Amount = 1234567.000000000000000001m, // 25 significant digits: a double would round it
        Direction = TransactionDirection.Deposit,
    };

    [Test]
    public async Task Create_returns_201_with_location_etag_and_the_stored_ticket()
    {
        var user = await _server.UserAsync("alice-create", "zh-CN");
        using var response = await user.PostAsync("/v1/tickets", Json(NewTicket(transaction: Trc20Deposit), SupportJsonContext.Default.CreateTicketRequest));
        var created = await ReadAsync(response, SupportJsonContext.Default.Ticket);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/v1/tickets/" + created.Id));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(created.Id, Does.StartWith("tkt_"));
            Assert.That(created.Status, Is.EqualTo(TicketStatus.Open));
            Assert.That(created.Priority, Is.EqualTo(TicketPriority.Normal));
            Assert.That(created.Locale, Is.EqualTo("zh-cn"), "the token's locale is the default");
            Assert.That(created.Tier, Is.EqualTo(1));
            Assert.That(created.MessageCount, Is.EqualTo(1));
            Assert.That(created.Transaction!.Amount, Is.EqualTo(Trc20Deposit.Amount));
            Assert.That(created.Customer.UserId, Is.EqualTo("alice-create"));
        });

        var fetched = await ReadAsync(await user.GetAsync(response.Headers.Location), SupportJsonContext.Default.Ticket);
        Assert.Multiple(() =>
        {
            Assert.That(fetched.Subject, Is.EqualTo(created.Subject));
            Assert.That(fetched.CreatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That(fetched.Transaction!.TxId, Is.EqualTo(Trc20Deposit.TxId));
            Assert.That(fetched.Transaction.Amount, Is.EqualTo(Trc20Deposit.Amount), "stored and read back exactly");
        });
    }

    [Test]
    public async Task List_pages_newest_first_with_cursors_and_filters_by_status()
    {
        var user = await _server.UserAsync("paging-user");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreateTicketAsync(user, NewTicket($"Ticket {i}"))).Id);
        }

        await user.PostAsync($"/v1/tickets/{ids[0]}/close", null);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/v1/tickets?limit=2" + (cursor is null ? string.Empty : "&cursor=" + cursor);
            var page = await ReadAsync(await user.GetAsync(url), SupportJsonContext.Default.PageTicket);
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(page.Items.Select(t => t.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.That(seen, Is.EqualTo(Enumerable.Reverse(ids).ToList()), "every ticket once, newest first");
        var closed = await ReadAsync(await user.GetAsync("/v1/tickets?status=closed"), SupportJsonContext.Default.PageTicket);
        Assert.That(closed.Items.Select(t => t.Id), Is.EqualTo(new[] { ids[0] }));
    }

    [Test]
    public async Task Replies_are_numbered_and_move_the_status_between_customer_and_agent()
    {
        var user = await _server.UserAsync("reply-user");
        var ticket = await CreateTicketAsync(user);
        var agent = _server.Agent();

        var agentReply = await ReadAsync(await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Please share the deposit address."}""")),
            SupportJsonContext.Default.TicketMessage);
        var afterAgent = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);
        var customerReply = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/messages", Json("""{"body":"It is TXYZ..."}""")),
            SupportJsonContext.Default.TicketMessage);
        var afterCustomer = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);
        var history = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}/messages?limit=2"), SupportJsonContext.Default.PageTicketMessage);
        var rest = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}/messages?limit=2&cursor={history.NextCursor}"), SupportJsonContext.Default.PageTicketMessage);

        Assert.Multiple(() =>
        {
            Assert.That(agentReply.Seq, Is.EqualTo(2));
            Assert.That(agentReply.From.Role, Is.EqualTo(AuthorRole.Agent));
            Assert.That(agentReply.From.Name, Is.EqualTo(SupportServerHost.AgentName));
            Assert.That(afterAgent.Status, Is.EqualTo(TicketStatus.PendingCustomer));
            Assert.That(afterAgent.Assignee, Is.EqualTo(SupportServerHost.AgentName), "the first agent to answer takes the ticket");
            Assert.That(customerReply.Seq, Is.EqualTo(3));
            Assert.That(afterCustomer.Status, Is.EqualTo(TicketStatus.PendingAgent));
            Assert.That(afterCustomer.MessageCount, Is.EqualTo(3));
            Assert.That(history.Items.Select(m => m.Seq), Is.EqualTo(new long[] { 1, 2 }));
            Assert.That(rest.Items.Select(m => m.Seq), Is.EqualTo(new long[] { 3 }));
            Assert.That(rest.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task Patch_needs_if_match_and_refuses_a_stale_etag()
    {
        var user = await _server.UserAsync("patch-user");
        var ticket = await CreateTicketAsync(user);

        using var noIfMatch = await user.PatchAsync($"/v1/tickets/{ticket.Id}", Json("""{"priority":"high"}"""));
        await AssertProblemAsync(noIfMatch, HttpStatusCode.PreconditionRequired, ErrorCodes.PreconditionRequired);

        var ok = new HttpRequestMessage(HttpMethod.Patch, $"/v1/tickets/{ticket.Id}") { Content = Json("""{"priority":"high"}""") };
        ok.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var updated = await user.SendAsync(ok);
        var afterUpdate = await ReadAsync(updated, SupportJsonContext.Default.Ticket);

        var stale = new HttpRequestMessage(HttpMethod.Patch, $"/v1/tickets/{ticket.Id}") { Content = Json("""{"priority":"low"}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var staleResponse = await user.SendAsync(stale);
        await AssertProblemAsync(staleResponse, HttpStatusCode.PreconditionFailed, ErrorCodes.PreconditionFailed);

        Assert.Multiple(() =>
        {
            Assert.That(afterUpdate.Priority, Is.EqualTo(TicketPriority.High));
            Assert.That(afterUpdate.Version, Is.EqualTo(2));
            Assert.That(updated.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        });
        var final = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}"), SupportJsonContext.Default.Ticket);
        Assert.That(final.Priority, Is.EqualTo(TicketPriority.High), "the stale write changed nothing");
    }

    [Test]
    public async Task Customer_may_not_set_agent_statuses()
    {
        var user = await _server.UserAsync("status-user");
        var ticket = await CreateTicketAsync(user);
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/tickets/{ticket.Id}") { Content = Json("""{"status":"escalated"}""") };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        await AssertProblemAsync(await user.SendAsync(request), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
    }

    [Test]
    public async Task Escalation_raises_the_tier_and_the_reason_is_the_customers_message()
    {
        var user = await _server.UserAsync("escalate-user");
        var ticket = await CreateTicketAsync(user);
        var once = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/escalate", Json("""{"reason":"Funds missing for 3 days"}""")), SupportJsonContext.Default.Ticket);
        var twice = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/escalate", null), SupportJsonContext.Default.Ticket);
        var thrice = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/escalate", null), SupportJsonContext.Default.Ticket);
        var messages = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage);

        Assert.Multiple(() =>
        {
            Assert.That(once.Status, Is.EqualTo(TicketStatus.Escalated));
            Assert.That(new[] { once.Tier, twice.Tier, thrice.Tier }, Is.EqualTo(new[] { 2, 3, 3 }), "capped at tier 3");
            Assert.That(messages.Items[1].From.Role, Is.EqualTo(AuthorRole.Customer), "the reason is the customer's words");
            Assert.That(messages.Items[1].Body, Is.EqualTo("Funds missing for 3 days"));
            Assert.That(messages.Items[2].From.Role, Is.EqualTo(AuthorRole.System), "without a reason, the server notes it in its own words");
            Assert.That(messages.Items[2].Body, Does.Contain("tier 3"));
        });
    }

    [Test]
    public async Task Rating_only_after_resolution_and_only_once()
    {
        var user = await _server.UserAsync("rating-user");
        var ticket = await CreateTicketAsync(user);
        await AssertProblemAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/rating", Json("""{"score":5}""")),
            HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);

        var resolve = new HttpRequestMessage(HttpMethod.Patch, $"/v1/agent/tickets/{ticket.Id}") { Content = Json("""{"status":"resolved"}""") };
        resolve.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SupportServerHost.AgentKey);
        (await _server.Anonymous().SendAsync(resolve)).EnsureSuccessStatusCode();

        await AssertProblemAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/rating", Json("""{"score":6}""")),
            HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        var rated = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/rating", Json("""{"score":4,"comment":"Quick answer"}""")), SupportJsonContext.Default.Ticket);
        await AssertProblemAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/rating", Json("""{"score":1}""")),
            HttpStatusCode.Conflict, ErrorCodes.AlreadyRated);

        Assert.Multiple(() =>
        {
            Assert.That(rated.Rating!.Score, Is.EqualTo(4));
            Assert.That(rated.Rating.Comment, Is.EqualTo("Quick answer"));
        });
    }

    [Test]
    public async Task A_closed_ticket_takes_no_more_replies_and_close_is_repeatable()
    {
        var user = await _server.UserAsync("close-user");
        var ticket = await CreateTicketAsync(user);
        var closed = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/close", null), SupportJsonContext.Default.Ticket);
        var again = await ReadAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/close", null), SupportJsonContext.Default.Ticket);
        await AssertProblemAsync(await user.PostAsync($"/v1/tickets/{ticket.Id}/messages", Json("""{"body":"hello?"}""")),
            HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
        await AssertProblemAsync(await _server.Agent().PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"hello?"}""")),
            HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);

        Assert.Multiple(() =>
        {
            Assert.That(closed.Status, Is.EqualTo(TicketStatus.Closed));
            Assert.That(again.Version, Is.EqualTo(closed.Version), "closing a closed ticket changes nothing");
        });
    }

    [Test]
    public async Task Agent_queue_filters_and_triage_updates()
    {
        var user = await _server.UserAsync("triage-user");
        var ticket = await CreateTicketAsync(user, NewTicket("Account hacked"));
        var agent = _server.Agent();
        var patch = await ReadAsync(await agent.PatchAsync($"/v1/agent/tickets/{ticket.Id}",
            Json("""{"priority":"urgent","tier":2,"assignee":"Bob","status":"escalated"}""")), SupportJsonContext.Default.Ticket);
        var queue = await ReadAsync(await agent.GetAsync("/v1/agent/tickets?priority=urgent&tier=2&assignee=Bob"), SupportJsonContext.Default.PageTicket);
        var unassigned = await ReadAsync(await agent.PatchAsync($"/v1/agent/tickets/{ticket.Id}", Json("""{"assignee":""}""")), SupportJsonContext.Default.Ticket);

        Assert.Multiple(() =>
        {
            Assert.That(patch.Priority, Is.EqualTo(TicketPriority.Urgent));
            Assert.That(patch.Tier, Is.EqualTo(2));
            Assert.That(patch.Assignee, Is.EqualTo("Bob"));
            Assert.That(queue.Items.Select(t => t.Id), Does.Contain(ticket.Id));
            Assert.That(queue.Items.All(t => t.Priority == TicketPriority.Urgent && t.Tier == 2), Is.True);
            Assert.That(unassigned.Assignee, Is.Null);
        });
    }

    [Test]
    public async Task Transaction_ids_are_checked_against_their_network()
    {
        var user = await _server.UserAsync("tx-user");
        var evmWithoutPrefix = NewTicket(transaction: new TransactionInfo { Asset = "USDT", Network = "ERC20", TxId = new string('b', 64), Amount = 5, Direction = TransactionDirection.Deposit });
        var negative = NewTicket(transaction: new TransactionInfo { Asset = "BTC", Network = "BTC", TxId = new string('c', 64), Amount = -1, Direction = TransactionDirection.Withdrawal });
        var evmOk = NewTicket(transaction: new TransactionInfo { Asset = "ETH", Network = "ETH", TxId = "0x" + new string('d', 64), Amount = 0.01m, Direction = TransactionDirection.Withdrawal });

        var p1 = await AssertProblemAsync(await user.PostAsync("/v1/tickets", Json(evmWithoutPrefix, SupportJsonContext.Default.CreateTicketRequest)), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        var p2 = await AssertProblemAsync(await user.PostAsync("/v1/tickets", Json(negative, SupportJsonContext.Default.CreateTicketRequest)), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        var ok = await CreateTicketAsync(user, evmOk);

        Assert.Multiple(() =>
        {
            Assert.That(p1.Errors!.Keys, Does.Contain("transaction.txId"));
            Assert.That(p2.Errors!.Keys, Does.Contain("transaction.amount"));
            Assert.That(ok.Transaction!.Network, Is.EqualTo("ETH"));
        });
    }
}

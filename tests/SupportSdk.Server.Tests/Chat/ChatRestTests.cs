using System.Net;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>The chat lifecycle over REST: start, send (idempotent), accept, reply with flags, read, transfer, close, ticket, transcript.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatRestTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task A_chat_starts_with_the_bot_and_its_greeting_as_seq_1()
    {
        var user = await _server.UserAsync("rest-start");
        using var response = await user.PostAsync("/v1/chats", Json("{}"));
        var chat = await ReadAsync(response, ChatJsonContext.Default.ChatThread);
        var events = await DurableAsync(user, chat.Id);
        var listed = await ReadAsync(await user.GetAsync("/v1/chats"), ChatJsonContext.Default.PageChatThread);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/v1/chats/" + chat.Id));
            Assert.That(chat.Id, Does.StartWith("cht_"));
            Assert.That(chat.Status, Is.EqualTo(ChatStatus.Bot));
            Assert.That(chat.Locale, Is.EqualTo("en-us"));
            Assert.That(chat.QueuePosition, Is.Null);
            Assert.That(chat.LastSeq, Is.EqualTo(1));
            Assert.That(events.Select(e => (e.Seq, e.Type, e.From?.Role)), Is.EqualTo(new[] { ((long?)1, ChatEventKind.Message, (AuthorRole?)AuthorRole.Bot) }));
            Assert.That(listed.Items.Select(c => c.Id), Is.EqualTo(new[] { chat.Id }));
        });
    }

    [Test]
    public async Task A_topic_that_asks_for_a_person_queues_the_chat_with_position_and_wait()
    {
        var user = await _server.UserAsync("rest-queue");
        var chat = await StartChatAsync(user, "I want to talk to a human");
        var events = await DurableAsync(user, chat.Id);
        Assert.Multiple(() =>
        {
            Assert.That(chat.Status, Is.EqualTo(ChatStatus.Queued));
            Assert.That(chat.QueuePosition, Is.GreaterThanOrEqualTo(1));
            Assert.That(chat.EstimatedWaitSeconds, Is.EqualTo(chat.QueuePosition * 180), "position × 180 s ÷ max(1, agents online = 0)");
            Assert.That(events[0].Type, Is.EqualTo(ChatEventKind.Handoff));
            Assert.That(events[0].Reason, Is.EqualTo("requested"));
        });
    }

    [Test]
    public async Task A_resend_after_the_chat_closed_gets_the_original_message_and_a_new_send_is_refused()
    {
        var user = await _server.UserAsync("rest-idem-closed");
        var chat = await StartChatAsync(user, "talk to an agent please");
        using var first = await PostMessageAsync(user, "/v1/chats", chat.Id, "m-1", "My deposit has not arrived");
        var original = await ReadAsync(first, ChatJsonContext.Default.ChatFrame);
        (await user.PostAsync($"/v1/chats/{chat.Id}/close", null)).EnsureSuccessStatusCode();
        using var resend = await PostMessageAsync(user, "/v1/chats", chat.Id, "m-1", "My deposit has not arrived");
        using var late = await PostMessageAsync(user, "/v1/chats", chat.Id, "m-2", "Are you there?");
        var again = await ReadAsync(resend, ChatJsonContext.Default.ChatFrame);
        await AssertProblemAsync(late, HttpStatusCode.Conflict, ErrorCodes.ChatClosed);
        Assert.Multiple(() =>
        {
            Assert.That(resend.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((again.Seq, again.Id), Is.EqualTo((original.Seq, original.Id)));
        });
    }

    [Test]
    public async Task Sending_is_idempotent_by_client_message_id()
    {
        var user = await _server.UserAsync("rest-idem");
        var chat = await StartChatAsync(user, "talk to an agent please");
        using var first = await PostMessageAsync(user, "/v1/chats", chat.Id, "m-1", "My withdrawal is stuck");
        using var again = await PostMessageAsync(user, "/v1/chats", chat.Id, "m-1", "My withdrawal is stuck");
        using var other = await PostMessageAsync(user, "/v1/chats", chat.Id, "m-1", "Something else entirely");
        var a = await ReadAsync(first, ChatJsonContext.Default.ChatFrame);
        var b = await ReadAsync(again, ChatJsonContext.Default.ChatFrame);
        await AssertProblemAsync(other, HttpStatusCode.Conflict, ErrorCodes.ClientMessageIdReused);
        var messages = await MessagesAsync(user, $"/v1/chats/{chat.Id}/messages");
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((b.Seq, b.Id, b.Text), Is.EqualTo((a.Seq, a.Id, a.Text)));
            Assert.That(a.From!.Role, Is.EqualTo(AuthorRole.Customer));
            Assert.That(a.Flags, Is.Empty);
            Assert.That(messages.Count(m => m.ClientMessageId == "m-1"), Is.EqualTo(1), "stored once");
        });
    }

    [Test]
    public async Task Agents_accept_reply_with_scam_flags_transfer_and_close()
    {
        var user = await _server.UserAsync("rest-agent");
        var agent = _server.Agent();
        var chat = await StartChatAsync(user, "agent");
        var accepted = await AcceptAsync(agent, chat.Id);
        var again = await AcceptAsync(agent, chat.Id);
        var safe = await AgentSendsAsync(agent, chat.Id, "Hi, I am looking into your withdrawal now.");
        var scam = await AgentSendsAsync(agent, chat.Id, "To verify your wallet, please send me your 12-word seed phrase.");
        using (var read = await user.PostAsync($"/v1/chats/{chat.Id}/read", Json($$"""{"upToSeq":{{scam.Seq}}}""")))
        {
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var transfer = await agent.PostAsync($"/v1/agent/chats/{chat.Id}/transfer", Json("""{"reason":"needs the withdrawals team"}"""));
        var transferred = await ReadAsync(transfer, ChatJsonContext.Default.ChatThread);
        var queue = await ReadAsync(await agent.GetAsync("/v1/agent/chats?state=queued"), ChatJsonContext.Default.PageChatThread);
        await AcceptAsync(agent, chat.Id);
        var closed = await ReadAsync(await user.PostAsync($"/v1/chats/{chat.Id}/close", null), ChatJsonContext.Default.ChatThread);
        using var late = await PostMessageAsync(user, "/v1/chats", chat.Id, "late", "hello?");
        await AssertProblemAsync(late, HttpStatusCode.Conflict, ErrorCodes.ChatClosed);
        using var lateAccept = await agent.PostAsync($"/v1/agent/chats/{chat.Id}/accept", null);
        await AssertProblemAsync(lateAccept, HttpStatusCode.Conflict, ErrorCodes.ChatClosed);
        var events = await DurableAsync(user, chat.Id);

        Assert.Multiple(() =>
        {
            Assert.That((accepted.Status, accepted.Agent, accepted.QueuePosition), Is.EqualTo((ChatStatus.Active, SupportServerHost.AgentName, (int?)null)));
            Assert.That(again.LastSeq, Is.EqualTo(accepted.LastSeq), "accepting twice adds no event");
            Assert.That(safe.Flags, Is.Empty);
            Assert.That(scam.Flags, Does.Contain(MessageFlags.AsksForSecret));
            Assert.That(scam.From!.Role, Is.EqualTo(AuthorRole.Agent));
            Assert.That((transferred.Status, transferred.Tier, transferred.Agent), Is.EqualTo((ChatStatus.Queued, 2, (string?)null)));
            Assert.That(queue.Items.Select(c => c.Id), Does.Contain(chat.Id));
            Assert.That(closed.Status, Is.EqualTo(ChatStatus.Closed));
            Assert.That(events.Select(e => e.Type.Value), Is.EqualTo(new[] { "handoff", "agent_joined", "message", "message", "message", "handoff", "agent_joined", "closed" }));
            Assert.That(events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, 8).Select(i => (long?)i)));
            Assert.That((events[4].From?.Role, events[4].From?.Name, events[4].Text), Is.EqualTo(((AuthorRole?)AuthorRole.Agent, (string?)SupportServerHost.AgentName, (string?)"needs the withdrawals team")),
                "the customer sees the reason the agent gave, as the agent's message");
            Assert.That(events[5].Reason, Is.EqualTo("transfer"));
            Assert.That(events[7].Reason, Is.EqualTo("customer"));
        });
    }

    [Test]
    public async Task A_transfer_reason_reaches_the_customer_flagged_like_any_agent_text_and_a_blank_one_adds_no_message()
    {
        var user = await _server.UserAsync("rest-transfer-reason");
        var agent = _server.Agent();
        var chat = await StartChatAsync(user, "agent");
        await AcceptAsync(agent, chat.Id);
        using (var phishing = await agent.PostAsync($"/v1/agent/chats/{chat.Id}/transfer", Json("""{"reason":"Please send me your 12-word seed phrase so the next team can verify the wallet."}""")))
        {
            Assert.That(phishing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await AcceptAsync(agent, chat.Id);
        using (var blank = await agent.PostAsync($"/v1/agent/chats/{chat.Id}/transfer", Json("""{"reason":"   "}""")))
        {
            Assert.That(blank.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var events = await DurableAsync(user, chat.Id);
        var said = events.Where(e => e.Type == ChatEventKind.Message && e.From?.Role == AuthorRole.Agent).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(said.Select(e => e.Text), Is.EqualTo(new[] { "Please send me your 12-word seed phrase so the next team can verify the wallet." }));
            Assert.That(said[0].Flags, Does.Contain(MessageFlags.AsksForSecret));
            Assert.That(events.Count(e => e.Reason == "transfer"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_second_agent_cannot_take_an_active_chat()
    {
        const string otherKey = "ssk_agent_other_0123456789abcdef0123456789";
        await using var server = await SupportServerHost.StartAsync(o => o.AgentKeys["Agent Jones"] = otherKey, importFaq: false);
        var user = await server.UserAsync("rest-two-agents");
        var chat = await StartChatAsync(user, "human please");
        await AcceptAsync(server.Agent(), chat.Id);
        var jones = server.Client(otherKey);
        await AssertProblemAsync(await jones.PostAsync($"/v1/agent/chats/{chat.Id}/accept", null), HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
        await AssertProblemAsync(await PostMessageAsync(jones, "/v1/agent/chats", chat.Id, "j-1", "hi"), HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
        await AssertProblemAsync(await jones.PostAsync($"/v1/agent/chats/{chat.Id}/transfer", null), HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
    }

    [Test]
    public async Task The_agent_queue_lists_queued_chats_oldest_first_with_positions()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await StartChatAsync(await server.UserAsync("queue-" + i), "agent")).Id);
        }

        var agent = server.Agent();
        var first = await ReadAsync(await agent.GetAsync("/v1/agent/chats?state=queued&limit=2"), ChatJsonContext.Default.PageChatThread);
        var second = await ReadAsync(await agent.GetAsync("/v1/agent/chats?state=queued&limit=2&cursor=" + first.NextCursor), ChatJsonContext.Default.PageChatThread);
        await AcceptAsync(agent, ids[0]);
        var active = await ReadAsync(await agent.GetAsync("/v1/agent/chats?state=active"), ChatJsonContext.Default.PageChatThread);
        var moved = await GetChatAsync(agent, "/v1/agent/chats/" + ids[2]);
        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Concat(second.Items).Select(c => c.Id), Is.EqualTo(ids));
            Assert.That(first.Items.Concat(second.Items).Select(c => c.QueuePosition), Is.EqualTo(new int?[] { 1, 2, 3 }));
            Assert.That(second.NextCursor, Is.Null);
            Assert.That(active.Items.Select(c => c.Id), Is.EqualTo(new[] { ids[0] }));
            Assert.That(moved.QueuePosition, Is.EqualTo(2), "the queue moved up when the first chat was taken");
        });
    }

    [Test]
    public async Task Messages_page_after_a_seq_and_hold_message_frames_only()
    {
        var user = await _server.UserAsync("rest-pages");
        var chat = await StartChatAsync(user, "agent");
        for (var i = 0; i < 5; i++)
        {
            await CustomerSendsAsync(user, chat.Id, "message " + i);
        }

        var page1 = await ReadAsync(await user.GetAsync($"/v1/chats/{chat.Id}/messages?limit=2"), ChatJsonContext.Default.PageChatFrame);
        var page2 = await ReadAsync(await user.GetAsync($"/v1/chats/{chat.Id}/messages?limit=10&cursor={page1.NextCursor}"), ChatJsonContext.Default.PageChatFrame);
        var after = await MessagesAsync(user, $"/v1/chats/{chat.Id}/messages?after=4");
        Assert.Multiple(() =>
        {
            Assert.That(page1.Items.Concat(page2.Items).Select(m => m.Text), Is.EqualTo(Enumerable.Range(0, 5).Select(i => "message " + i)));
            Assert.That(page1.Items.Concat(page2.Items).All(m => m.Type == ChatEventKind.Message), Is.True, "the handoff (seq 1) is not a message");
            Assert.That(after.Select(m => m.Seq), Is.EqualTo(new long?[] { 5, 6 }));
        });
    }

    [Test]
    public async Task A_secret_in_a_customer_message_is_refused_with_422_and_not_stored()
    {
        var user = await _server.UserAsync("rest-secret");
        var chat = await StartChatAsync(user, "agent");
        const string phrase = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
        using var response = await PostMessageAsync(user, "/v1/chats", chat.Id, "secret-1", "my seed phrase is " + phrase);
        var problem = await AssertProblemAsync(response, (HttpStatusCode)422, ErrorCodes.SensitiveDataBlocked);
        var all = await ReadAsync(await user.GetAsync($"/v1/chats/{chat.Id}/transcript?format=json"), ChatJsonContext.Default.ChatEventBatch);
        var text = await (await user.GetAsync($"/v1/chats/{chat.Id}/transcript")).Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Findings!.Select(f => f.Kind), Does.Contain("mnemonic"));
            Assert.That(all.Events.Count(e => e.Type == ChatEventKind.Message), Is.Zero);
            Assert.That(text, Does.Not.Contain("abandon"));
        });
    }

    [Test]
    public async Task Turning_a_chat_into_a_ticket_carries_the_transcript_once()
    {
        var user = await _server.UserAsync("rest-ticket", "zh-cn");
        var chat = await StartChatAsync(user, "人工客服");
        await CustomerSendsAsync(user, chat.Id, "我的 USDT 提现三个小时了还没到账");
        using var first = await user.PostAsync($"/v1/chats/{chat.Id}/ticket", null);
        var ticket = await ReadAsync(first, SupportJsonContext.Default.Ticket);
        using var second = await user.PostAsync($"/v1/chats/{chat.Id}/ticket", null);
        var same = await ReadAsync(second, SupportJsonContext.Default.Ticket);
        var messages = await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage);
        var after = await GetChatAsync(user, "/v1/chats/" + chat.Id);
        var other = await _server.UserAsync("rest-ticket-other");
        await AssertProblemAsync(await other.PostAsync($"/v1/chats/{chat.Id}/ticket", null), HttpStatusCode.NotFound, ErrorCodes.ChatNotFound);
        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(same.Id, Is.EqualTo(ticket.Id));
            Assert.That(ticket.Category, Is.EqualTo(TicketCategory.Other));
            Assert.That(ticket.Locale, Is.EqualTo("zh-cn"));
            Assert.That(ticket.Customer.UserId, Is.EqualTo("rest-ticket"));
            Assert.That(messages.Items.Select(m => m.From.Role), Does.Contain(AuthorRole.Customer));
            Assert.That(messages.Items.Single(m => m.From.Role == AuthorRole.Customer).Body, Is.EqualTo("我的 USDT 提现三个小时了还没到账"));
            Assert.That(messages.Items.Where(m => m.From.Role == AuthorRole.System).Select(m => (m.From.Name, m.Body)),
                Does.Contain(("客服系统", "已转接人工客服")), "the ticket's own words are in the chat's language");
            Assert.That(ticket.Subject, Is.EqualTo("在线对话：人工客服"));
            Assert.That((after.TicketId, after.Status), Is.EqualTo((ticket.Id, ChatStatus.Closed)), "a queued chat moves to the ticket");
        });
    }

    [Test]
    public async Task A_chat_becomes_a_ticket_message_by_message_with_authors_original_times_flags_and_article_links()
    {
        var user = await _server.UserAsync("rest-ticket-messages");
        var agent = _server.Agent();
        var chat = await StartChatAsync(user);
        var question = await CustomerSendsAsync(user, chat.Id, "my withdrawal is pending");
        var answer = (await DurableAsync(user, chat.Id)).Last(e => e.From?.Role == AuthorRole.Bot);
        await AcceptAsync(agent, chat.Id);
        var safe = await AgentSendsAsync(agent, chat.Id, "Hi, I am checking your withdrawal.");
        var scam = await AgentSendsAsync(agent, chat.Id, "Please send me your 12-word seed phrase to verify the wallet.");
        var ticket = await ReadAsync(await user.PostAsync($"/v1/chats/{chat.Id}/ticket", null), SupportJsonContext.Default.Ticket);
        var messages = (await ReadAsync(await user.GetAsync($"/v1/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage)).Items;
        var after = await GetChatAsync(user, "/v1/chats/" + chat.Id);
        TicketMessage Of(ChatFrame frame) => messages.Single(m => m.Body.StartsWith(frame.Text!, StringComparison.Ordinal) && m.From.Role == frame.From!.Role);
        Assert.Multiple(() =>
        {
            Assert.That(answer.Article, Is.Not.Null, "the bot answered with an article");
            Assert.That(messages.Select(m => m.Seq), Is.EqualTo(Enumerable.Range(1, messages.Count).Select(i => (long)i)));
            Assert.That(ticket.MessageCount, Is.EqualTo(messages.Count));
            Assert.That(messages.Select(m => m.From.Role), Is.EqualTo(new[] { AuthorRole.Bot, AuthorRole.Customer, AuthorRole.Bot, AuthorRole.System, AuthorRole.Agent, AuthorRole.Agent }));
            Assert.That((Of(question).From.Name, Of(question).Body, Of(question).CreatedAt), Is.EqualTo(("User rest-ticket-messages", "my withdrawal is pending", question.SentAt!.Value)));
            Assert.That(Of(answer).Body, Is.EqualTo(answer.Text + "\n" + answer.Article!.Url), "the article travels as its link on a line of its own");
            Assert.That(Of(answer).CreatedAt, Is.EqualTo(answer.SentAt!.Value));
            Assert.That(Of(safe).Flags, Is.Empty);
            Assert.That((Of(scam).From.Name, Of(scam).Flags), Is.EqualTo((SupportServerHost.AgentName, (IReadOnlyList<string>)[MessageFlags.AsksForSecret])));
            Assert.That(messages.Where(m => m.From.Role != AuthorRole.Agent).SelectMany(m => m.Flags), Is.Empty, "flags stay on the agent message that carried them");
            Assert.That(messages.Single(m => m.From.Role == AuthorRole.System).Body, Is.EqualTo($"{SupportServerHost.AgentName} joined the chat"));
            Assert.That(ticket.Subject, Is.EqualTo("Live chat"));
            Assert.That((after.TicketId, after.Status), Is.EqualTo((ticket.Id, ChatStatus.Active)), "an active chat stays open");
        });
    }

    [Test]
    public async Task The_text_transcript_reads_like_a_conversation()
    {
        var user = await _server.UserAsync("rest-transcript");
        var chat = await StartChatAsync(user, "talk to a person");
        await AcceptAsync(_server.Agent(), chat.Id);
        await CustomerSendsAsync(user, chat.Id, "Where is my deposit?");
        await AgentSendsAsync(_server.Agent(), chat.Id, "Checking it now.");
        using var response = await user.GetAsync($"/v1/chats/{chat.Id}/transcript?format=text");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            Assert.That(text, Does.Contain("User rest-transcript (customer): Where is my deposit?"));
            Assert.That(text, Does.Contain($"{SupportServerHost.AgentName} (agent): Checking it now."));
            Assert.That(text, Does.Contain($"— {SupportServerHost.AgentName} joined"));
            Assert.That(text, Does.Contain("handed to the human queue (requested)"));
        });
    }
}

using System.Net;

namespace SupportSdk.IntegrationTests;

/// <summary>The SDK against the real server over loopback sockets: every ticket, attachment and FAQ route.</summary>
[TestFixture]
[NonParallelizable]
public sealed class EndToEndTests
{
    private SupportServerHost _server = null!;
    private SupportClient _backend = null!;
    private SupportClient _agent = null!;
    private static readonly SupportClientOptions Dev = new() { AllowInsecureLoopback = true };

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync();
        _backend = new SupportClient(_server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), Dev);
        _agent = new SupportClient(_server.BaseAddress, new AgentKeyCredential(SupportServerHost.AgentKey), Dev);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _backend.Dispose();
        _agent.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<SupportClient> UserAsync(string userId)
    {
        var token = await _backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "User " + userId, Locale = "zh-cn" });
        return new SupportClient(_server.BaseAddress, new UserTokenCredential(token.Token), Dev);
    }

    [Test]
    public async Task An_agent_works_a_ticket_through_the_sdk_assigned_with_a_note_and_a_stale_reply_refused()
    {
        using var user = await UserAsync("e2e-workspace");
        var profile = await _backend.Agents.UpdateAgentAsync(SupportServerHost.AgentName, new UpdateAgentRequest { Languages = ["zh", "en"], Capacity = 50 });
        var me = await _agent.Agents.SetStatusAsync(AgentStatus.Online);
        try
        {
            var ticket = await user.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "提币审核", Body = "提币还在审核中", Category = TicketCategory.Withdrawal });
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while ((await _agent.AgentTickets.GetTicketAsync(ticket.Id)).Assignee is null && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            var assigned = await _agent.AgentTickets.GetTicketAsync(ticket.Id);
            var note = await _agent.AgentTickets.AddNoteAsync(ticket.Id, "Checked the withdrawal queue: in manual review.");
            var viewers = await _agent.AgentTickets.ReportViewingAsync(ticket.Id, typing: true);
            await user.Tickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "还在等" });
            var stale = Assert.ThrowsAsync<SupportApiException>(() => _agent.AgentTickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "正在处理", SeenSeq = viewers.LastSeq }));
            var team = await _backend.Agents.GetAgentsAsync();
            var messages = new List<TicketMessage>();
            await foreach (var message in _agent.AgentTickets.GetMessagesAsync(ticket.Id))
            {
                messages.Add(message);
            }

            Assert.Multiple(() =>
            {
                Assert.That((profile.Capacity, me.Status), Is.EqualTo((50, AgentStatus.Online)));
                Assert.That(assigned.Assignee, Is.EqualTo(SupportServerHost.AgentName), "assigned automatically");
                Assert.That(note.Author, Is.EqualTo(SupportServerHost.AgentName));
                Assert.That(viewers.LastSeq, Is.EqualTo(1));
                Assert.That(stale!.ErrorCode, Is.EqualTo(ErrorCodes.StaleView));
                Assert.That(stale.Problem!.Messages!.Select(m => m.Body), Is.EqualTo(new[] { "还在等" }), "what the reply missed");
                Assert.That(messages.Select(m => m.Body), Is.EqualTo(new[] { "提币还在审核中", "还在等" }), "the stale reply was not stored");
                Assert.That(team.Single(a => a.Name == SupportServerHost.AgentName).Load, Is.GreaterThanOrEqualTo(1));
            });
        }
        finally
        {
            await _agent.Agents.SetStatusAsync(AgentStatus.Away);
        }
    }

    [Test]
    public async Task A_user_locks_their_account_through_the_sdk_and_a_seed_phrase_in_the_reason_never_leaves_the_device()
    {
        using var user = await UserAsync("e2e-lock");
        var first = await user.Account.LockAccountAsync("有人盗了我的币 attack race runway announce fiscal life smoke demand extend sound twenty always");
        var again = await user.Account.LockAccountAsync("still worried");
        var messages = new List<TicketMessage>();
        await foreach (var message in user.Tickets.GetMessagesAsync(first.Ticket.Id))
        {
            messages.Add(message);
        }

        Assert.Multiple(() =>
        {
            Assert.That(first.Locked, Is.False, "no hook in this server: the exchange is asked by webhook");
            Assert.That((first.Ticket.Category, first.Ticket.Priority, first.Ticket.Subject), Is.EqualTo((TicketCategory.Security, TicketPriority.Urgent, "申请冻结账户")));
            Assert.That(again.Ticket.Id, Is.EqualTo(first.Ticket.Id), "one ticket");
            Assert.That(messages.Select(m => m.Body), Has.None.Contains("fiscal life smoke"), "the phrase was dropped before sending");
            Assert.That(messages[0].From.Role, Is.EqualTo(AuthorRole.System), "the reason was dropped whole, not sent in part");
        });
    }

    [Test]
    public async Task A_user_works_a_ticket_end_to_end()
    {
        using var user = await UserAsync("e2e-alice");
        var upload = await user.Tickets.UploadAttachmentAsync(new MemoryStream("txid screenshot follows"u8.ToArray()), "note.txt");
        var ticket = await user.Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            Subject = "USDT 提现未到账",
            Body = "Sent 3 hours ago",
            Category = TicketCategory.Withdrawal,
            Priority = TicketPriority.High,
            Transaction = new TransactionInfo { Asset = "USDT", Network = "TRC20", TxId = new string('e', 64), Amount = 120.5m, Direction = TransactionDirection.Withdrawal },
            AttachmentIds = [upload.Id],
        });
        var agentReply = await _agent.AgentTickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "We are checking with the network." });
        await user.Tickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = "Thanks" });
        var current = await user.Tickets.GetTicketAsync(ticket.Id);
        var resolved = await user.Tickets.UpdateTicketAsync(current, new UpdateTicketRequest { Status = TicketStatus.Resolved });
        var stale = Assert.ThrowsAsync<SupportApiException>(() => user.Tickets.UpdateTicketAsync(current, new UpdateTicketRequest { Priority = TicketPriority.Low }));
        var rated = await user.Tickets.RateTicketAsync(ticket.Id, new RateTicketRequest { Score = 5, Comment = "fast" });
        var messages = new List<TicketMessage>();
        await foreach (var message in user.Tickets.GetMessagesAsync(ticket.Id, pageSize: 2))
        {
            messages.Add(message);
        }

        var mine = new List<Ticket>();
        await foreach (var t in user.Tickets.GetTicketsAsync())
        {
            mine.Add(t);
        }

        var file = await user.Tickets.DownloadAttachmentAsync(upload.Id);
        var closed = await user.Tickets.CloseTicketAsync(ticket.Id);

        Assert.Multiple(() =>
        {
            Assert.That(ticket.Locale, Is.EqualTo("zh-cn"));
            Assert.That(agentReply.From.Role, Is.EqualTo(AuthorRole.Agent));
            Assert.That(resolved.Status, Is.EqualTo(TicketStatus.Resolved));
            Assert.That(stale!.Status, Is.EqualTo(412));
            Assert.That(stale.ErrorCode, Is.EqualTo(ErrorCodes.PreconditionFailed));
            Assert.That(rated.Rating!.Score, Is.EqualTo(5));
            Assert.That(messages.Select(m => m.Seq), Is.EqualTo(new long[] { 1, 2, 3 }));
            Assert.That(messages[0].Attachments.Single().Id, Is.EqualTo(upload.Id));
            Assert.That(mine.Select(t => t.Id), Is.EqualTo(new[] { ticket.Id }));
            Assert.That(file.Content.ToArray(), Is.EqualTo("txid screenshot follows"u8.ToArray()));
            Assert.That(file.ContentType, Is.EqualTo("text/plain"));
            Assert.That(closed.Status, Is.EqualTo(TicketStatus.Closed));
        });
    }

    [Test]
    public async Task Another_users_ticket_is_not_found_and_errors_are_typed()
    {
        using var alice = await UserAsync("e2e-owner");
        using var mallory = await UserAsync("e2e-mallory");
        var ticket = await alice.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "s", Body = "b", Category = TicketCategory.Account });
        var notFound = Assert.ThrowsAsync<SupportApiException>(() => mallory.Tickets.GetTicketAsync(ticket.Id));
        var invalid = Assert.ThrowsAsync<SupportApiException>(() => alice.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "", Body = "b", Category = new TicketCategory("bogus") }));
        var forbidden = Assert.ThrowsAsync<SupportApiException>(() => alice.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "x", DisplayName = "x" }));
        Assert.Multiple(() =>
        {
            Assert.That(notFound!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(notFound.ErrorCode, Is.EqualTo(ErrorCodes.TicketNotFound));
            Assert.That(notFound.RequestId, Does.StartWith("req_"));
            Assert.That(invalid!.ErrorCode, Is.EqualTo(ErrorCodes.ValidationFailed));
            Assert.That(invalid.Problem!.Errors!.Keys, Is.SupersetOf(new[] { "subject", "category" }));
            Assert.That(forbidden!.ErrorCode, Is.EqualTo(ErrorCodes.Forbidden));
        });
    }

    [Test]
    public async Task The_help_center_is_searchable_in_both_languages()
    {
        using var anonymous = new SupportClient(_server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), Dev);
        var zh = await anonymous.Faq.SearchArticlesAsync("提现", "zh-cn", 3);
        var en = await anonymous.Faq.SearchArticlesAsync("withdrawl pending", "en-us", 3);
        var suggestions = await anonymous.Faq.SuggestArticlesAsync("how to dep", "en-us");
        var article = await anonymous.Faq.GetArticleAsync(zh.Items[0].Id, "zh-cn");
        var sections = await anonymous.Faq.GetSectionsAsync("en-us");
        await anonymous.Faq.SendFeedbackAsync(article.Id, helpful: true, "zh-cn");
        var status = await anonymous.GetStatusAsync();
        Assert.Multiple(() =>
        {
            Assert.That(zh.Items, Is.Not.Empty);
            Assert.That(zh.Items[0].Locale, Is.EqualTo("zh-cn"));
            Assert.That(en.Items[0].Id, Is.EqualTo(1030));
            Assert.That(suggestions.Items, Is.Not.Empty);
            Assert.That(article.Title, Is.EqualTo(zh.Items[0].Title));
            Assert.That(sections.Items, Has.Count.EqualTo(11));
            Assert.That(status.IsOpen, Is.True);
        });
    }
}

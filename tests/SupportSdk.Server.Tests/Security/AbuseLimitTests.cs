using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SupportSdk.Server.Hosting;
using SupportSdk.Server.Tests.Chat;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Security;

/// <summary>No user can starve others or fill the disk: per-user quotas and limits, each proven at its edge.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class AbuseLimitTests
{
    private static readonly IPAddress OtherAddress = IPAddress.Parse("127.0.0.2");
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_customer_has_one_open_live_chat_and_a_second_start_returns_it()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var user = await server.UserAsync("one-chat");
        var first = await ChatTestKit.StartChatAsync(user, "agent");
        using var again = await user.PostAsync("/v1/chats", Json("""{"topic":"something else"}"""));
        var second = await ReadAsync(again, ChatJsonContext.Default.ChatThread);
        (await user.PostAsync($"/v1/chats/{first.Id}/close", null)).EnsureSuccessStatusCode();
        var third = await ChatTestKit.StartChatAsync(user, "agent");
        Assert.Multiple(() =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "not Created: nothing new was made");
            Assert.That(second.Id, Is.EqualTo(first.Id));
            Assert.That(third.Id, Is.Not.EqualTo(first.Id), "once closed, a new chat can start");
        });
    }

    [Test]
    public async Task Concurrent_starts_make_one_chat()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var user = await server.UserAsync("racing-chats");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => user.PostAsync("/v1/chats", Json("""{"topic":"agent"}"""))));
        var ids = await Task.WhenAll(responses.Select(r => ReadAsync(r, ChatJsonContext.Default.ChatThread)));
        Assert.Multiple(() =>
        {
            Assert.That(ids.Select(c => c.Id).Distinct().Count(), Is.EqualTo(1));
            Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Ticket_creation_has_an_hourly_quota_per_user_with_retry_after()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = await SupportServerHost.StartAsync(o => { o.TicketsPerUserPerHour = 3; o.UserTokenLifetime = TimeSpan.FromHours(24); }, time: time, importFaq: false);
        var alice = await server.UserAsync("quota-alice");
        for (var i = 0; i < 3; i++)
        {
            await CreateTicketAsync(alice);
            time.Advance(TimeSpan.FromMinutes(10));
        }

        using var refused = await alice.PostAsync("/v1/tickets", Json(NewTicket(), SupportJsonContext.Default.CreateTicketRequest));
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.TicketQuotaExceeded);
        var bob = await CreateTicketAsync(await server.UserAsync("quota-bob"));
        Assert.Multiple(() =>
        {
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(30)), "the first of the three leaves the hour in 30 minutes");
            Assert.That(bob.Id, Does.StartWith("tkt_"), "another user is not affected");
        });

        time.Advance(TimeSpan.FromMinutes(30));
        Assert.That((await CreateTicketAsync(alice)).Id, Does.StartWith("tkt_"), "after the wait one more is allowed");
    }

    [Test]
    public async Task A_caller_holds_at_most_the_allowed_chat_sockets()
    {
        await using var server = await SupportServerHost.StartAsync(o => o.ChatConnectionsPerCaller = 2, importFaq: false);
        var token = await server.MintTokenAsync("socket-hog");
        var chat = await ChatTestKit.StartChatAsync(server.Client(token), "agent");
        await using var one = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        await using var two = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        var refused = await ChatSocket.RefusedAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        await one.Socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await one.ClosedAsync();
        Assert.That(refused, Is.EqualTo(HttpStatusCode.TooManyRequests));
        await WaitUntilAsync(async () =>
        {
            try
            {
                await using var three = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
                return true;
            }
            catch (System.Net.WebSockets.WebSocketException)
            {
                return false;
            }
        });
    }

    [Test]
    public async Task The_message_rate_is_per_user_across_all_their_sockets()
    {
        await using var server = await SupportServerHost.StartAsync(o => { o.ChatFramesPerSecond = 1; o.ChatFrameBurst = 4; }, importFaq: false);
        var token = await server.MintTokenAsync("two-sockets");
        var chat = await ChatTestKit.StartChatAsync(server.Client(token), "agent");
        await using var a = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        await using var b = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chat.Id}/stream");
        for (var i = 0; i < 4; i++)
        {
            await (i % 2 == 0 ? a : b).SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "m" + i, Text = "hello " + i });
        }

        await a.NextAsync(f => f.Type == ChatEventKind.Ack && f.ClientMessageId == "m2");
        await b.NextAsync(f => f.Type == ChatEventKind.Ack && f.ClientMessageId == "m3");
        await b.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "m4", Text = "one too many" });
        var refused = await b.NextAsync(f => f.Type == ChatEventKind.Error);
        Assert.That((refused.Code, refused.ClientMessageId), Is.EqualTo((ErrorCodes.RateLimited, "m4")), "the burst of 4 was shared by both sockets");
    }

    [Test]
    public async Task Attachment_storage_has_a_quota_per_user()
    {
        await using var server = await SupportServerHost.StartAsync(o => { o.MaxAttachmentBytes = 1024; o.AttachmentQuotaBytes = 1500; }, importFaq: false);
        var alice = await server.UserAsync("attach-quota");
        using var first = await UploadAsync(alice, "a.txt", new string('a', 900));
        using var second = await UploadAsync(alice, "b.txt", new string('b', 900));
        using var bobs = await UploadAsync(await server.UserAsync("attach-other"), "c.txt", new string('c', 900));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await AssertProblemAsync(second, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.AttachmentQuotaExceeded);
        Assert.That(bobs.StatusCode, Is.EqualTo(HttpStatusCode.Created), "another user's quota is their own");
    }

    [Test]
    public async Task Uploads_never_attached_are_swept_after_their_lifetime()
    {
        var time = new FakeTimeProvider(T0);
        await using var server = await SupportServerHost.StartAsync(o => { o.UnattachedUploadLifetime = TimeSpan.FromHours(24); o.UserTokenLifetime = TimeSpan.FromHours(24); }, time: time, importFaq: false);
        var user = await server.UserAsync("sweep-user");
        var orphan = await ReadAsync(await UploadAsync(user, "orphan.txt", "left behind"), SupportJsonContext.Default.AttachmentInfo);
        var kept = await ReadAsync(await UploadAsync(user, "kept.txt", "attached"), SupportJsonContext.Default.AttachmentInfo);
        await CreateTicketAsync(user, new CreateTicketRequest { Subject = "with file", Body = "see file", Category = TicketCategory.Other, AttachmentIds = [kept.Id] });
        var janitor = server.Services.GetServices<IHostedService>().OfType<StoreJanitor>().Single();

        time.Advance(TimeSpan.FromHours(23));
        await janitor.RunOnceAsync(CancellationToken.None);
        Assert.That((await user.GetAsync($"/v1/attachments/{orphan.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "still inside its lifetime");

        time.Advance(TimeSpan.FromHours(2));
        await janitor.RunOnceAsync(CancellationToken.None);
        user = await server.UserAsync("sweep-user");
        Assert.Multiple(async () =>
        {
            Assert.That((await user.GetAsync($"/v1/attachments/{orphan.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await user.GetAsync($"/v1/attachments/{kept.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "an attached file stays");
        });
    }

    [Test]
    public async Task Anonymous_idempotency_keys_are_scoped_per_client_address()
    {
        await using var server = await SupportServerHost.StartAsync();
        var here = server.Anonymous();
        var there = server.ClientFrom(OtherAddress);
        using var mine = await Vote(here, helpful: true, key: "same-key");
        using var theirs = await Vote(there, helpful: false, key: "same-key");
        var article = await ReadAsync(await here.GetAsync("/v1/faq/articles/1002"), SupportJsonContext.Default.FaqArticle);
        Assert.Multiple(() =>
        {
            Assert.That(mine.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(theirs.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "another address's request with the same key is its own, not a mismatch");
            Assert.That(theirs.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That((article.HelpfulCount, article.NotHelpfulCount), Is.EqualTo((1, 1)));
        });

        static Task<HttpResponseMessage> Vote(HttpClient client, bool helpful, string key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/faq/articles/1002/feedback") { Content = Json($$"""{"helpful":{{(helpful ? "true" : "false")}}}""") };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    [Test]
    public async Task An_article_vote_counts_once_per_user_or_address()
    {
        await using var server = await SupportServerHost.StartAsync();
        var user = await server.UserAsync("voter");
        var anonymous = server.Anonymous();
        var elsewhere = server.ClientFrom(OtherAddress);
        foreach (var client in new[] { user, user, user, anonymous, anonymous, elsewhere })
        {
            (await client.PostAsync("/v1/faq/articles/1003/feedback", Json("""{"helpful":true}"""))).EnsureSuccessStatusCode();
        }

        (await user.PostAsync("/v1/faq/articles/1003/feedback", Json("""{"helpful":false}"""))).EnsureSuccessStatusCode();
        var article = await ReadAsync(await anonymous.GetAsync("/v1/faq/articles/1003"), SupportJsonContext.Default.FaqArticle);
        Assert.That((article.HelpfulCount, article.NotHelpfulCount), Is.EqualTo((2, 1)), "3 voters; the user changed their mind");
    }

    [Test]
    public async Task Failed_authentication_is_throttled_per_address_without_locking_out_others()
    {
        await using var server = await SupportServerHost.StartAsync(o => { o.AuthFailureBurst = 3; o.AuthFailureWindow = TimeSpan.FromMinutes(10); }, importFaq: false);
        var token = await server.MintTokenAsync("throttle-victim");
        var guesser = server.ClientFrom(OtherAddress, "ssk_api_guess_000000000000000000000000");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await guesser.GetAsync("/v1/tickets")).StatusCode);
        }

        using var rightGuess = await server.ClientFrom(OtherAddress, token).GetAsync("/v1/tickets");
        using var elsewhere = await server.Client(token).GetAsync("/v1/tickets");
        Assert.Multiple(async () =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }));
            await AssertProblemAsync(rightGuess, HttpStatusCode.TooManyRequests, ErrorCodes.TooManyFailedAuthentications);
            Assert.That(rightGuess.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the same user from another address is not locked out");
        });
    }

    [TestCase("""{"sub":null,"name":null,"exp":4102444800}""")]
    [TestCase("""{"name":"No Subject","exp":4102444800}""")]
    [TestCase("""{"sub":"","name":"Empty","exp":4102444800}""")]
    [TestCase("""{"sub":"someone","exp":4102444800}""")]
    [TestCase("""{"sub":"someone","name":"  ","exp":4102444800}""")]
    public async Task A_token_whose_claims_are_missing_or_null_is_a_401(string claims)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        await using var server = await SupportServerHost.StartAsync(o => o.UserTokenSigningKey = Convert.ToBase64String(key), importFaq: false);
        await CreateTicketAsync(await server.UserAsync("someone"));
        var payload = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims));
        var signature = System.Buffers.Text.Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("sut1." + payload)));
        var forged = server.Client("sut1." + payload + "." + signature);
        await AssertProblemAsync(await forged.GetAsync("/v1/tickets"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        await AssertProblemAsync(await forged.PostAsync("/v1/chats", Json("{}")), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
    }

    [Test]
    public async Task An_agent_cannot_close_a_chat_another_agent_holds()
    {
        await using var server = await SupportServerHost.StartAsync(o => o.AgentKeys["Second Agent"] = "ssk_agent_second_0123456789abcdef0123", importFaq: false);
        var chat = await ChatTestKit.StartChatAsync(await server.UserAsync("held-chat"), "agent");
        await ChatTestKit.AcceptAsync(server.Agent(), chat.Id);
        var other = server.Client("ssk_agent_second_0123456789abcdef0123");
        await AssertProblemAsync(await other.PostAsync($"/v1/agent/chats/{chat.Id}/close", null), HttpStatusCode.Conflict, ErrorCodes.InvalidStateTransition);
        var still = await ChatTestKit.GetChatAsync(server.Agent(), $"/v1/agent/chats/{chat.Id}");
        Assert.That(still.Status, Is.EqualTo(ChatStatus.Active));
        (await server.Agent().PostAsync($"/v1/agent/chats/{chat.Id}/close", null)).EnsureSuccessStatusCode();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string text)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await client.PostAsync("/v1/attachments", form);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + ChatTestKit.Patience;
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the condition never held");
            await Task.Delay(20);
        }
    }
}

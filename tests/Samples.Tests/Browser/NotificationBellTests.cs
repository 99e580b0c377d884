using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupportSdk;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// The bell in the demo's header, end to end: support's agent acts through the API, the embedded server sends the
/// signed webhook to the demo's <c>/hooks/support</c>, the demo makes a notification for the ticket's or chat's
/// customer, and the open page's bell rings without a reload. Opening a notification leads to its ticket or chat and
/// marks it read. Requests to <c>/hooks/support</c> that support did not sign are refused and ring nothing.
/// </summary>
[TestFixture]
public sealed class NotificationBellTests : BrowserTest
{
    private const string SeedPhrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";

    [TestCase("demo-alice", 1280, 900)]
    [TestCase("demo-alice", 390, 844)]
    [TestCase("demo-lilei", 1280, 900)]
    [TestCase("demo-lilei", 390, 844)]
    [CancelAfter(90_000)]
    public async Task An_agent_reply_rings_the_bell_live_and_opening_it_leads_to_the_ticket_and_clears_it(string userId, int width, int height)
    {
        var zh = userId == "demo-lilei";
        var page = await NewPageAsync(width, height);
        await SignInAsync(page, userId);
        await MarkAllReadAsync(page);

        // The user opens a ticket.
        var subject = (zh ? "提现还在审核 " : "Withdrawal still in review ") + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/tickets/new");
        await page.Locator("#Subject").FillAsync(subject);
        await page.Locator("#Body").FillAsync(zh ? "我的提现已经三个小时了。" : "My withdrawal has been pending for three hours.");
        await page.Locator("#submit-ticket").ClickAsync();
        await Expect(page.Locator("#ticket-subject")).ToHaveTextAsync(subject);
        var ticketPath = new Uri(page.Url).AbsolutePath;
        var ticketId = ticketPath.Split('/')[^1];

        // On another page: the user writes again from another device (their own message rings nothing), then support
        // answers through the API, and the bell rings here, live.
        await page.GotoAsync("/");
        using (var user = await SupportAsAsync(userId, zh ? "李雷" : "Alice", zh ? "zh-cn" : "en-us"))
        {
            await user.Tickets.AddMessageAsync(ticketId, new ReplyRequest { Body = zh ? "还没到账。" : "Still nothing." });
        }

        const string AgentText = "We found your withdrawal: it leaves our hot wallet within the hour.";
        using (var agent = Agent())
        {
            await agent.AgentTickets.AddMessageAsync(ticketId, new ReplyRequest { Body = AgentText });
        }

        var count = page.Locator("#bell-count");
        await Expect(count).ToHaveTextAsync("1");
        await Expect(page.Locator("#bell-button")).ToHaveAttributeAsync("aria-label", zh ? "通知：1 条未读" : "Notifications: 1 unread");
        await page.Locator("#bell-button").ClickAsync();
        var unread = page.Locator("#bell-list .bell-item.unread");
        await Expect(unread).ToHaveCountAsync(1);
        await Expect(unread).ToContainTextAsync((zh ? "客服回复了您的工单“" : "Support replied to your ticket “") + subject + "”");
        await Expect(page.Locator("#bell")).Not.ToContainTextAsync(AgentText); // the subject, never the message
        await ExpectInsideWindowAsync(page, width);
        await LayoutChecks.AssertCleanAsync(page, "the open bell");
        await ScreenshotAsync(page, $"{userId}-{width}-bell-rang");

        await unread.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(ticketPath) + "$"));
        await Expect(page.Locator("#messages")).ToContainTextAsync(AgentText);
        await Expect(count).ToBeHiddenAsync();
        await page.Locator("#bell-button").ClickAsync();
        await Expect(page.Locator("#bell-list .bell-item.unread")).ToHaveCountAsync(0);
        await Expect(page.Locator("#bell-list .bell-item").First).ToContainTextAsync(subject);
        await ScreenshotAsync(page, $"{userId}-{width}-bell-read");

        // Support resolves the ticket while the list is open: it rings again, and the list stays open.
        using (var agent = Agent())
        {
            await agent.AgentTickets.UpdateTicketAsync(ticketId, new AgentUpdateTicketRequest { Status = TicketStatus.Resolved });
        }

        await Expect(count).ToHaveTextAsync("1");
        await Expect(page.Locator("#bell-panel")).ToBeVisibleAsync();
        await Expect(unread).ToHaveTextAsync(new Regex(Regex.Escape(zh ? $"您的工单“{subject}”已解决" : $"Your ticket “{subject}” was resolved")));
        await LayoutChecks.AssertCleanAsync(page, "the bell after the ticket was resolved");
        await ScreenshotAsync(page, $"{userId}-{width}-bell-resolved");
    }

    [TestCase("demo-alice", 1280, 900)]
    [TestCase("demo-lilei", 390, 844)]
    [CancelAfter(90_000)]
    public async Task An_agent_joining_the_chat_and_a_blocked_seed_phrase_ring_the_bell_without_the_secret(string userId, int width, int height)
    {
        var zh = userId == "demo-lilei";
        var page = await NewPageAsync(width, height);
        await SignInAsync(page, userId);
        await MarkAllReadAsync(page);

        using var user = await SupportAsAsync(userId, zh ? "李雷" : "Alice", zh ? "zh-cn" : "en-us");
        await using var chat = await user.Chat.StartChatAsync(new StartChatRequest { Locale = zh ? "zh-cn" : "en-us" });
        await chat.SendMessageAsync(zh ? "转人工" : "agent");
        using (var agent = Agent())
        {
            await agent.AgentChats.AcceptChatAsync(chat.ChatId);
        }

        var count = page.Locator("#bell-count");
        await Expect(count).ToHaveTextAsync("1");

        // A client that skips the SDK's own check sends a seed phrase: the server refuses it and tells the exchange.
        using (var http = new HttpClient { BaseAddress = Demo.BaseAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/chats/{chat.ChatId}/messages")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { clientMessageId = "bell-" + Guid.NewGuid().ToString("N")[..8], text = "my words: " + SeedPhrase }),
                    Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await UserTokenAsync(userId, zh));
            using var refused = await http.SendAsync(request);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await refused.Content.ReadAsStringAsync());
        }

        await Expect(count).ToHaveTextAsync("2");
        await page.Locator("#bell-button").ClickAsync();
        var security = page.Locator("#bell-list .bell-item.unread.security");
        await Expect(security).ToContainTextAsync(zh
            ? "我们拦截了一条包含您的助记词的消息。客服绝不会向您索要此类信息。"
            : "We stopped a message that contained your recovery phrase. Support will never ask for it.");
        await Expect(page.Locator("#bell-list .bell-item.unread:not(.security)")).ToContainTextAsync(zh ? "客服已加入您的对话" : "An agent joined your chat");
        await Expect(page.Locator("#bell")).Not.ToContainTextAsync("legal winner");
        await ExpectInsideWindowAsync(page, width);
        await LayoutChecks.AssertCleanAsync(page, "the bell with a security notice");
        await ScreenshotAsync(page, $"{userId}-{width}-bell-chat-and-security");

        // Each leads to the chat. Looking at the chat reads what is about it, but a security notice only when opened.
        await page.Locator("#bell-list .bell-item.unread:not(.security) a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/chat$"));
        await Expect(count).ToHaveTextAsync("1");
        await page.Locator("#bell-button").ClickAsync();
        await security.Locator("a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/chat$"));
        await Expect(count).ToBeHiddenAsync();
        await chat.CloseChatAsync();
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Webhooks_that_support_did_not_sign_are_refused_and_ring_nothing()
    {
        await SignInAsync(Page, "demo-alice");
        await MarkAllReadAsync(Page);
        var run = Guid.NewGuid().ToString("N")[..6];
        var secret = Demo.WebhookSecret;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var http = new HttpClient { BaseAddress = Demo.BaseAddress };

        // Forgeries of an agent's reply to Alice: no signature, another secret, a stale timestamp, a body changed after signing.
        var forged = AgentReply("demo-alice", "Forged " + run, AuthorRole.Agent);
        var (forgedId, forgedBody) = forged;
        Assert.That(await PostAsync(http, forgedId, forgedBody, null, now), Is.EqualTo(HttpStatusCode.Unauthorized), "no signature");
        Assert.That(await PostAsync(http, forgedId, forgedBody, WebhookSignature.NewSecret(), now), Is.EqualTo(HttpStatusCode.Unauthorized), "another secret");
        Assert.That(await PostAsync(http, forgedId, forgedBody, secret, now - 3600), Is.EqualTo(HttpStatusCode.Unauthorized), "an hour old");
        var (_, tampered) = AgentReply("demo-alice", "Tampered " + run, AuthorRole.Agent, forgedId);
        Assert.That(await PostAsync(http, forgedId, tampered, secret, now, signedBody: forgedBody), Is.EqualTo(HttpStatusCode.Unauthorized), "body changed after signing");

        // Signed ones: Alice's own message and one to 李雷 ring nothing for her; support's reply to her rings once, even when sent twice.
        var (ownId, ownBody) = AgentReply("demo-alice", "Own " + run, AuthorRole.Customer);
        Assert.That(await PostAsync(http, ownId, ownBody, secret, now), Is.EqualTo(HttpStatusCode.NoContent), "the customer's own message");
        var (otherId, otherBody) = AgentReply("demo-lilei", "Other " + run, AuthorRole.Agent);
        Assert.That(await PostAsync(http, otherId, otherBody, secret, now), Is.EqualTo(HttpStatusCode.NoContent), "a reply to another user");
        var (genuineId, genuineBody) = AgentReply("demo-alice", "Genuine " + run, AuthorRole.Agent);
        Assert.That(await PostAsync(http, genuineId, genuineBody, secret, now), Is.EqualTo(HttpStatusCode.NoContent), "support's reply");
        Assert.That(await PostAsync(http, genuineId, genuineBody, secret, now), Is.EqualTo(HttpStatusCode.NoContent), "the same event again");

        await Expect(Page.Locator("#bell-count")).ToHaveTextAsync("1");
        await Page.ReloadAsync(); // what the demo holds, not only what the live stream showed
        await Expect(Page.Locator("#bell-count")).ToHaveTextAsync("1");
        await Page.Locator("#bell-button").ClickAsync();
        var bell = Page.Locator("#bell-list");
        await Expect(bell.Locator(".bell-item.unread")).ToHaveCountAsync(1);
        await Expect(bell.Locator(".bell-item.unread")).ToContainTextAsync("Genuine " + run);
        foreach (var absent in new[] { "Forged ", "Tampered ", "Own ", "Other " })
        {
            await Expect(bell).Not.ToContainTextAsync(absent + run);
        }

        await ScreenshotAsync("bell-after-forgeries");
    }

    /// <summary>Opens the bell and marks everything read (earlier tests of the same user rang it), then closes it.</summary>
    private static async Task MarkAllReadAsync(IPage page)
    {
        await page.Locator("#bell-button").ClickAsync();
        await Expect(page.Locator("#bell-panel")).ToBeVisibleAsync();
        if (await page.Locator("#bell-read-all").IsVisibleAsync())
        {
            await page.Locator("#bell-read-all").ClickAsync();
        }

        await Expect(page.Locator("#bell-count")).ToBeHiddenAsync();
        await Expect(page.Locator("#bell-list .bell-item.unread")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator("#bell-panel")).ToBeHiddenAsync();
    }

    private static async Task ExpectInsideWindowAsync(IPage page, int width)
    {
        var panel = (await page.Locator("#bell-panel").BoundingBoxAsync())!;
        Assert.That(panel.X >= 0 && panel.X + panel.Width <= width, Is.True, $"the bell's list ({panel.X}..{panel.X + panel.Width}) fits the {width}px window");
    }

    private static async Task<string> UserTokenAsync(string userId, bool zh)
    {
        using var backend = new SupportClient(Demo.BaseAddress, new ApiKeyCredential(Demo.ApiKey), new SupportClientOptions { AllowInsecureLoopback = true });
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = zh ? "李雷" : "Alice", Locale = zh ? "zh-cn" : "en-us" });
        return token.Token;
    }

    /// <summary>A <c>ticket.message_added</c> event as support would send it: a message by <paramref name="role"/> on a ticket of <paramref name="userId"/>.</summary>
    private static (string Id, byte[] Body) AgentReply(string userId, string subject, AuthorRole role, string? id = null)
    {
        id ??= "evt_bell" + Guid.NewGuid().ToString("N");
        var data = new TicketMessageEventData
        {
            Ticket = new Ticket { Id = "tkt_bell" + Guid.NewGuid().ToString("N")[..18], Subject = subject, Status = TicketStatus.PendingCustomer, Customer = new TicketCustomer { UserId = userId } },
            Message = new TicketMessage { Id = "msg_bell", Seq = 2, From = new Author { Role = role, Name = role == AuthorRole.Agent ? "Mia" : "Alice" }, Body = "Hello" },
        };
        var e = new WebhookEvent
        {
            Id = id,
            Type = WebhookEventTypes.TicketMessageAdded,
            OccurredAt = DateTimeOffset.UtcNow,
            TicketId = data.Ticket.Id,
            Sequence = 2,
            Data = JsonSerializer.SerializeToElement(data, SupportJsonContext.Default.TicketMessageEventData),
        };
        return (id, JsonSerializer.SerializeToUtf8Bytes(e, SupportJsonContext.Default.WebhookEvent));
    }

    /// <summary>POSTs a body to /hooks/support signed with <paramref name="secret"/> (none when null) over <paramref name="signedBody"/> (by default the body itself).</summary>
    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string id, byte[] body, string? secret, long timestamp, byte[]? signedBody = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "hooks/support") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (secret is not null)
        {
            request.Headers.Add(WebhookSignature.IdHeader, id);
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, id, timestamp, signedBody ?? body));
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}

using Microsoft.Playwright;
using SupportSdk;
using static Microsoft.Playwright.Assertions;

namespace Samples.Tests.Browser;

/// <summary>
/// Live chat in the browser: the bot answers with an article, a human is asked for, the test plays the agent through
/// the SDK's agent API (the agent key from the demo's data folder), and the page shows the agent joining, typing,
/// replying, reading, and a red warning on a message that asks for the seed phrase. A pasted seed phrase never leaves.
/// </summary>
[TestFixture]
public sealed class ChatTests : BrowserTest
{
    private const string SeedPhrase = "legal winner thank year wave sausage worth useful legal winner thank yellow";

    [Test]
    [CancelAfter(30_000)]
    public async Task The_bot_answers_a_question_with_a_help_center_article()
    {
        await SignInAsync(Page, "demo-alice");
        await StartChatAsync();
        await Expect(Page.Locator(".message.role-bot").First).ToContainTextAsync("Alice");

        await SendAsync("my withdrawal is pending");
        var answer = Page.Locator(".message.role-bot").Nth(1);
        await Expect(answer.Locator(".article-link")).ToContainTextAsync("Why is my withdrawal pending");
        await Expect(Page.Locator(".quick-reply").First).ToBeVisibleAsync();
        await ScreenshotAsync("bot-answer");

        await answer.Locator(".article-link").ClickAsync();
        await Expect(Page.Locator("#article-title")).ToHaveTextAsync("Why is my withdrawal pending or under review?");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Asking_for_a_human_queues_the_chat_and_the_agents_replies_arrive_with_a_warning_on_a_request_for_the_seed_phrase(CancellationToken cancellationToken)
    {
        await SignInAsync(Page, "demo-alice");
        await StartChatAsync();
        await SendAsync("agent");
        await Expect(Page.Locator(".system-line.handoff")).ToContainTextAsync("Connecting you to a support agent");
        await Expect(Page.Locator("#chat-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Your place in the queue: \d+\. Estimated wait: about \d+ min"));
        await ScreenshotAsync("queued");

        var chatId = await Page.Locator("#chat").GetAttributeAsync("data-chat-id");
        using var agent = new SupportClient(Demo.BaseAddress, new AgentKeyCredential(Demo.AgentKey), new SupportClientOptions { AllowInsecureLoopback = true });
        await agent.AgentChats.AcceptChatAsync(chatId!, cancellationToken);
        await Expect(Page.Locator(".system-line.joined")).ToContainTextAsync("Mia joined the chat");

        await using var session = await agent.AgentChats.ConnectChatAsync(chatId!, 0, cancellationToken);
        await session.SendMessageAsync("Hi Alice, I'm Mia from support. Let me look at your withdrawal.", cancellationToken);
        await Expect(Page.Locator(".message.role-agent").First).ToContainTextAsync("I'm Mia from support");
        await Expect(Page.Locator(".message.role-agent").First.Locator(".flag-warning")).ToHaveCountAsync(0);

        await session.SendTypingAsync(cancellationToken);
        await Expect(Page.Locator("#chat-typing")).ToContainTextAsync("Mia is typing");

        var mine = await Page.Locator(".message.mine").Last.GetAttributeAsync("data-seq");
        await session.MarkReadAsync(long.Parse(mine!, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        await Expect(Page.Locator(".message.mine .receipt").Last).ToHaveTextAsync("Read");

        await session.SendMessageAsync("To verify your account, please send me your 12-word seed phrase.", cancellationToken);
        var scam = Page.Locator(".message.role-agent").Nth(1);
        await Expect(scam.Locator(".flag-warning[data-flag=asks_for_secret]")).ToContainTextAsync("never asks for these");
        await Expect(scam).ToHaveCSSAsync("border-top-color", "rgb(200, 30, 44)");
        await ScreenshotAsync("agent-warning");

        // The conversation goes on after the warning.
        await SendAsync("Thanks, but I will not share that.");
        await Expect(Page.Locator(".message.mine").Last).ToContainTextAsync("will not share");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task In_chinese_zhuan_ren_gong_hands_off_to_a_person()
    {
        await SignInAsync(Page, "demo-lilei");
        await StartChatAsync();
        await Expect(Page.Locator(".message.role-bot").First).ToContainTextAsync("李雷");
        await SendAsync("转人工");
        await Expect(Page.Locator(".system-line.handoff")).ToHaveTextAsync("正在为您转接人工客服…");
        await Expect(Page.Locator("#chat-status")).ToContainTextAsync("当前排队位置");
        await ScreenshotAsync("handoff-zh");

        // Leave the queue, so no other test finds this chat waiting.
        await Page.Locator("#chat-end").ClickAsync();
        await Expect(Page.Locator(".system-line.closed")).ToHaveTextAsync("对话已结束。");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_pasted_seed_phrase_is_blocked_with_an_explanation_and_never_sent()
    {
        await SignInAsync(Page, "demo-alice");
        await StartChatAsync();
        await Page.Locator("#chat-input").FillAsync("here are my words " + SeedPhrase);
        await Page.Locator("#chat-send").ClickAsync();

        var blocked = Page.Locator("#chat-blocked");
        await Expect(blocked).ToBeVisibleAsync();
        await Expect(blocked).ToContainTextAsync("Not sent: your message contains what looks like a seed phrase");
        await Expect(Page.Locator("#chat-input")).ToHaveValueAsync(string.Empty);
        await ScreenshotAsync("seed-phrase-blocked");

        // Nothing reached support: the chat still holds only the bot's greeting (checked through the SDK too).
        await Expect(Page.Locator(".message.mine")).ToHaveCountAsync(0);
        var chatId = await Page.Locator("#chat").GetAttributeAsync("data-chat-id");
        using var agent = new SupportClient(Demo.BaseAddress, new AgentKeyCredential(Demo.AgentKey), new SupportClientOptions { AllowInsecureLoopback = true });
        var chat = await agent.AgentChats.GetChatAsync(chatId!);
        Assert.That(chat.LastSeq, Is.EqualTo(1), "only the greeting is stored");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Turn_into_ticket_opens_a_ticket_with_the_transcript()
    {
        await SignInAsync(Page, "demo-alice");
        await StartChatAsync();
        await SendAsync("my withdrawal is pending");
        await Expect(Page.Locator(".message.role-bot .article-link")).ToBeVisibleAsync();

        await Page.Locator("#chat-to-ticket").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets/tkt_"));
        await Expect(Page.Locator("#messages")).ToContainTextAsync("my withdrawal is pending");
        await ScreenshotAsync("chat-ticket");
    }

    private async Task StartChatAsync()
    {
        await Page.GotoAsync("/chat");

        // A chat left open by an earlier test of the same user is ended first, so each test starts fresh.
        if (await Page.Locator("#chat-end").IsVisibleAsync())
        {
            await Page.Locator("#chat-end").ClickAsync();
        }

        await Page.Locator("#chat-start-button").ClickAsync();
        await Expect(Page.Locator("#chat-composer")).ToBeVisibleAsync();
        await Expect(Page.Locator(".message.role-bot")).ToHaveCountAsync(1);
    }

    private async Task SendAsync(string text)
    {
        var before = await Page.Locator(".message.mine").CountAsync();
        await Page.Locator("#chat-input").FillAsync(text);
        await Page.Locator("#chat-send").ClickAsync();
        await Expect(Page.Locator(".message.mine")).ToHaveCountAsync(before + 1);
    }
}

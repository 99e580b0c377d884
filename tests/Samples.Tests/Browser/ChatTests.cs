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

    [TestCase("demo-alice", "my withdrawal is pending", "agent", "Read the article: ", "Mia joined the chat", "You")]
    [TestCase("demo-lilei", "提现一直在审核中", "转人工", "查看文章：", "Mia 已加入对话", "您")]
    [CancelAfter(60_000)]
    public async Task Turn_into_ticket_keeps_the_conversation_with_authors_times_flags_and_local_article_links(
        string userId, string question, string human, string readArticle, string joined, string you)
    {
        await SignInAsync(Page, userId);
        await StartChatAsync();
        await SendAsync(question);
        await Expect(Page.Locator(".message.role-bot .article-link")).ToBeVisibleAsync();
        await SendAsync(human);
        await Expect(Page.Locator(".system-line.handoff")).ToBeVisibleAsync();
        var chatId = await Page.Locator("#chat").GetAttributeAsync("data-chat-id");
        using (var agent = Agent())
        {
            await agent.AgentChats.AcceptChatAsync(chatId!);
            await using var session = await agent.AgentChats.ConnectChatAsync(chatId!, 0);
            await session.SendMessageAsync("I am checking your withdrawal now.");
            await session.SendMessageAsync("To verify your account, please send me your 12-word seed phrase.");
        }

        await Expect(Page.Locator(".message.role-agent")).ToHaveCountAsync(2);
        await Page.Locator("#chat-to-ticket").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/tickets/tkt_"));

        var messages = Page.Locator("#messages > li");
        await Expect(Page.Locator("#messages .message.mine").First).ToContainTextAsync(question);
        await Expect(Page.Locator("#messages .message.mine .meta").First).ToContainTextAsync(you);
        Assert.That(await messages.CountAsync(), Is.GreaterThanOrEqualTo(7), "greeting, question, answer, handoff request, handoff, joined, two agent messages");
        Assert.That(await Page.Locator("#messages > li time[datetime]").CountAsync(), Is.EqualTo(await messages.CountAsync()), "every message keeps its own time");

        // The warning sits on the agent message that asked for the seed phrase, and only there.
        var flagged = Page.Locator("#messages .message.flagged");
        await Expect(flagged).ToHaveCountAsync(1);
        await Expect(flagged).ToContainTextAsync("seed phrase");
        await Expect(flagged.Locator(".flag-warning[data-flag=asks_for_secret]")).ToBeVisibleAsync();
        await Expect(Page.Locator("#messages .message.role-agent:not(.flagged)")).ToContainTextAsync("checking your withdrawal");
        await Expect(Page.Locator("#messages .system-note").Filter(new() { HasText = joined })).ToHaveCountAsync(1);

        // The bot's article opens on this site, titled in the customer's language; no link leaves for the real help center.
        var article = Page.Locator("#messages .message.role-bot .article-link").First;
        await Expect(article).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/help/articles/\\d+$"));
        await Expect(article).ToContainTextAsync(readArticle);
        await Expect(Page.Locator("#messages")).Not.ToContainTextAsync("help.example-exchange.com");
        await Expect(Page.Locator("#messages")).Not.ToContainTextAsync("Chat transcript");
        if (userId == "demo-lilei")
        {
            await Expect(Page.Locator("#messages")).Not.ToContainTextAsync("System");
            await Expect(Page.Locator("#messages .message.role-bot .meta").First).ToContainTextAsync("智能客服（机器人）");
        }

        await ScreenshotAsync("chat-ticket");
        await article.ClickAsync();
        await Expect(Page.Locator("#article-title")).ToBeVisibleAsync();
    }

    [TestCase("demo-alice", "agent", "Our withdrawals team can check the blockchain record for you.", "passed to a specialist team", "Your place in the queue")]
    [TestCase("demo-lilei", "转人工", "提现团队可以为您查询链上记录。", "已转交专门团队处理", "当前排队位置")]
    [CancelAfter(60_000)]
    public async Task The_reason_an_agent_gives_for_a_transfer_reaches_the_customer_with_the_new_queue_position(
        string userId, string human, string reason, string transferred, string queue)
    {
        await SignInAsync(Page, userId);
        await StartChatAsync();
        await SendAsync(human);
        var chatId = await Page.Locator("#chat").GetAttributeAsync("data-chat-id");
        using var agent = Agent();
        await agent.AgentChats.AcceptChatAsync(chatId!);
        await Expect(Page.Locator(".system-line.joined")).ToBeVisibleAsync();
        await Expect(Page.Locator("#chat-status")).ToBeHiddenAsync();

        if (userId == "demo-alice")
        {
            // The agent types the reason in the agent console, as a person would.
            var console = await NewPageAsync();
            await console.GotoAsync("/agent");
            await console.Locator("#key").FillAsync(Demo.AgentKey);
            await console.Locator("#login-form button").ClickAsync();
            await console.Locator($"#active li[data-chat-id='{chatId}']").ClickAsync();
            await Expect(console.Locator("#transfer")).ToBeEnabledAsync();
            console.Dialog += async (_, dialog) => await dialog.AcceptAsync(reason);
            await console.Locator("#transfer").ClickAsync();
            await Expect(console.Locator("#chat-status")).ToContainTextAsync("queued");
        }
        else
        {
            await agent.AgentChats.TransferChatAsync(chatId!, reason);
        }

        await Expect(Page.Locator(".message.role-agent").Last).ToContainTextAsync(reason);
        await Expect(Page.Locator(".system-line.transfer")).ToContainTextAsync(transferred);
        await Expect(Page.Locator("#chat-status")).ToContainTextAsync(queue);
        await ScreenshotAsync("transferred");

        await Page.Locator("#chat-end").ClickAsync();
        await Expect(Page.Locator(".system-line.closed")).ToBeVisibleAsync();
    }

    [TestCase("demo-alice", "Read", "Start a chat")]
    [TestCase("demo-lilei", "已读", "开始对话")]
    [CancelAfter(60_000)]
    public async Task Read_receipts_survive_a_reload_and_an_ended_chat_leaves_its_transcript_above_a_new_start(string userId, string read, string start)
    {
        await SignInAsync(Page, userId);
        await StartChatAsync();
        await SendAsync("agent");
        await SendAsync("are you there?");
        var chatId = await Page.Locator("#chat").GetAttributeAsync("data-chat-id");
        var mine = long.Parse((await Page.Locator(".message.mine").Last.GetAttributeAsync("data-seq"))!, System.Globalization.CultureInfo.InvariantCulture);
        using (var agent = Agent())
        {
            await agent.AgentChats.AcceptChatAsync(chatId!);
            await using var session = await agent.AgentChats.ConnectChatAsync(chatId!, 0);
            await session.MarkReadAsync(mine);
        }

        await Expect(Page.Locator(".message.mine .receipt").Last).ToHaveTextAsync(read);
        await Page.ReloadAsync();
        await Expect(Page.Locator(".message.mine")).ToHaveCountAsync(2);
        await Expect(Page.Locator(".message.mine .receipt")).ToHaveTextAsync([read, read]);
        await ScreenshotAsync("read-after-reload");

        await Page.Locator("#chat-end").ClickAsync();
        await Expect(Page.Locator(".system-line.closed")).ToBeVisibleAsync();
        await Expect(Page.Locator("#chat-to-ticket")).ToBeHiddenAsync();
        await Expect(Page.Locator("#chat-start-button")).ToHaveTextAsync(start);
        var transcriptEnd = (await Page.Locator("#chat-log > li").Last.BoundingBoxAsync())!;
        var startForm = (await Page.Locator("#chat-start").BoundingBoxAsync())!;
        Assert.That(startForm.Y, Is.GreaterThanOrEqualTo(transcriptEnd.Y + transcriptEnd.Height), "the way to start again sits below the old transcript");
        await LayoutChecks.AssertCleanAsync(Page, "/chat after the end");
        await ScreenshotAsync("ended");
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

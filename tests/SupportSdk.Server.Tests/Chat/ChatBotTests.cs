using System.Text.Json;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>Bot first: answers from the help center when confident, hands off when asked, unsure or unhelpful, offers a ticket after hours.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatBotTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static IEnumerable<TestCaseData> ConfidentQueries()
    {
        // Public queries the bot must answer with a relevant article (en and zh).
        string[] ids = ["q007", "q005"];
        foreach (var line in File.ReadLines(TestData.Path("faq", "queries.public.jsonl")).Where(l => l.Trim().Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var id = doc.RootElement.GetProperty("id").GetString()!;
            if (ids.Contains(id))
            {
                var relevant = doc.RootElement.GetProperty("relevant").EnumerateArray().Select(e => e.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                yield return new TestCaseData(doc.RootElement.GetProperty("lang").GetString() == "zh" ? "zh-cn" : "en-us", doc.RootElement.GetProperty("query").GetString(), relevant)
                    .SetName("answers " + id);
            }
        }
    }

    [TestCaseSource(nameof(ConfidentQueries))]
    public async Task A_confident_question_gets_an_article_answer(string locale, string question, string[] relevant)
    {
        var user = await _server.UserAsync("bot-" + question.GetHashCode(StringComparison.Ordinal), locale);
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, question);
        var events = await DurableAsync(user, chat.Id);
        var answer = events[^1];
        Assert.Multiple(() =>
        {
            Assert.That(answer.From?.Role, Is.EqualTo(AuthorRole.Bot));
            Assert.That(answer.Article, Is.Not.Null, answer.Text);
            Assert.That(relevant, Does.Contain(answer.Article!.Id));
            Assert.That(answer.Article.Title, Is.Not.Empty);
            Assert.That(answer.Text!.Length, Is.InRange(20, 330), "a short answer, not the article");
            Assert.That(answer.Text, Does.Not.Contain("<"), "plain text");
            Assert.That(answer.QuickReplies, Has.Count.EqualTo(3));
            Assert.That(answer.Flags, Is.Empty);
        });
        Assert.That(await GetChatAsync(user, "/v1/chats/" + chat.Id), Has.Property(nameof(SupportSdk.ChatThread.Status)).EqualTo(ChatStatus.Bot));
    }

    [TestCase("en-us", "I want to talk to an agent")]
    [TestCase("en-us", "human please")]
    [TestCase("zh-cn", "转人工")]
    [TestCase("zh-cn", "我要找客服")]
    public async Task Asking_for_a_person_hands_off(string locale, string text)
    {
        var user = await _server.UserAsync("bot-handoff-" + text.GetHashCode(StringComparison.Ordinal), locale);
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, text);
        var events = await DurableAsync(user, chat.Id);
        var after = await GetChatAsync(user, "/v1/chats/" + chat.Id);
        Assert.Multiple(() =>
        {
            Assert.That(events[^1].Type, Is.EqualTo(ChatEventKind.Handoff));
            Assert.That(events[^1].Reason, Is.EqualTo("requested"));
            Assert.That(after.Status, Is.EqualTo(ChatStatus.Queued));
            Assert.That(after.QueuePosition, Is.GreaterThanOrEqualTo(1));
        });
    }

    [Test]
    public async Task Two_unhelpful_answers_hand_off()
    {
        var user = await _server.UserAsync("bot-unhelpful");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "withdrawl pending for hours");
        await CustomerSendsAsync(user, chat.Id, "No");
        var afterFirst = await GetChatAsync(user, "/v1/chats/" + chat.Id);
        await CustomerSendsAsync(user, chat.Id, "my withdrawal is still pending");
        await CustomerSendsAsync(user, chat.Id, "not helpful");
        var events = await DurableAsync(user, chat.Id);
        Assert.Multiple(() =>
        {
            Assert.That(afterFirst.Status, Is.EqualTo(ChatStatus.Bot), "one unhelpful answer: the bot asks to rephrase");
            Assert.That(events.Count(e => e.Article is not null), Is.EqualTo(2));
            Assert.That(events[^1].Type, Is.EqualTo(ChatEventKind.Handoff));
            Assert.That(events[^1].Reason, Is.EqualTo("unhelpful"));
        });
    }

    [Test]
    public async Task A_question_the_help_center_cannot_answer_after_an_unhelpful_answer_hands_off_for_low_confidence()
    {
        var user = await _server.UserAsync("bot-unsure");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "withdrawl pending for hours");
        await CustomerSendsAsync(user, chat.Id, "No");
        await CustomerSendsAsync(user, chat.Id, "my cat is sick");
        var events = await DurableAsync(user, chat.Id);
        Assert.That((events[^1].Type, events[^1].Reason), Is.EqualTo((ChatEventKind.Handoff, "low_confidence")));
    }

    [Test]
    public async Task A_greeting_is_answered_without_a_handoff_and_yes_is_acknowledged()
    {
        var user = await _server.UserAsync("bot-hello", "zh-cn");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "你好");
        await CustomerSendsAsync(user, chat.Id, "冲值没到帐");
        await CustomerSendsAsync(user, chat.Id, "有帮助");
        var events = await DurableAsync(user, chat.Id);
        var bot = events.Where(e => e.From?.Role == AuthorRole.Bot).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(events.Any(e => e.Type == ChatEventKind.Handoff), Is.False);
            Assert.That(bot, Has.Count.EqualTo(4), "greeting, greeting, answer, glad");
            Assert.That(bot[2].Article, Is.Not.Null);
            Assert.That(bot[2].QuickReplies, Is.EqualTo(new[] { "有帮助", "没有", "转人工" }));
            Assert.That(bot[3].Text, Does.Contain("很高兴"));
        });
    }

    [Test]
    public async Task Outside_support_hours_with_nobody_online_the_bot_offers_a_ticket()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 3, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(o => { o.SupportOpensAtHour = 9; o.SupportClosesAtHour = 18; }, time: time, importFaq: false);
        var user = await server.UserAsync("bot-night");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "agent");
        var events = await DurableAsync(user, chat.Id);
        var offer = events[^1];
        Assert.Multiple(() =>
        {
            Assert.That(events[^2].Type, Is.EqualTo(ChatEventKind.Handoff));
            Assert.That(offer.From?.Role, Is.EqualTo(AuthorRole.Bot));
            Assert.That(offer.Text, Does.Contain("offline").And.Contain("09:00"));
            Assert.That(offer.QuickReplies, Does.Contain("Create a ticket"));
            Assert.That(offer.Flags, Is.Empty, "a warning never to share secrets is not a request for one");
        });

        using var converted = await user.PostAsync($"/v1/chats/{chat.Id}/ticket", null);
        Assert.That(converted.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created));
    }

    [Test]
    public async Task In_hours_the_handoff_has_no_ticket_offer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
        await using var server = await SupportServerHost.StartAsync(o => { o.SupportOpensAtHour = 9; o.SupportClosesAtHour = 18; }, time: time, importFaq: false);
        var user = await server.UserAsync("bot-day");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "agent");
        var events = await DurableAsync(user, chat.Id);
        Assert.That(events[^1].Type, Is.EqualTo(ChatEventKind.Handoff));
    }
}

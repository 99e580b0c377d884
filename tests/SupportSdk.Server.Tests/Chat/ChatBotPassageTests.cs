using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Chat;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>
/// What the bot answers: the passage that answers the question (not the article's first lines) with a link to the
/// article on the host's own pages and "Did this help?" replies; and, when no article answers well, that it has
/// none and a person — with a threshold learned on the public queries and off-topic probes.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatBotPassageTests
{
    private const string UrlTemplate = "/help/articles/{id}?locale={locale}";

    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(o => o.FaqArticleUrlTemplate = UrlTemplate);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("en-us", "withdrawal pending for 3 hours", "Under review:", "24 hours")]
    [TestCase("en-us", "my withdrawal has been under review for hours, how long does it take?", "Under review:", "24 hours")]
    [TestCase("zh-cn", "提币一直在审核中，要等多久", "审核中：", "24 小时")]
    [TestCase("zh-cn", "提现审核好慢，卡了两个小时了", "审核中：", "24 小时")]
    public async Task A_pending_withdrawal_question_is_answered_with_the_pending_passage(string locale, string question, string passageStart, string passageFact)
    {
        var user = await _server.UserAsync("bot-pending-" + question.GetHashCode(StringComparison.Ordinal), locale);
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, question);
        var answer = (await DurableAsync(user, chat.Id))[^1];
        // The article opens with its first status (awaiting e-mail confirmation): the old answer.
        var firstStatus = locale == "zh-cn" ? "待确认：" : "Awaiting confirmation:";
        Assert.Multiple(() =>
        {
            Assert.That(answer.From?.Role, Is.EqualTo(AuthorRole.Bot));
            Assert.That(answer.Article?.Id, Is.EqualTo("1030"), answer.Text);
            Assert.That(answer.Text, Does.Contain(passageStart).And.Contain(passageFact), "the passage about reviews");
            Assert.That(answer.Text, Does.Not.Contain(firstStatus), "not the article's first lines");
            Assert.That(answer.Text!.Length, Is.InRange(20, 330));
            Assert.That(answer.Article!.Url, Is.EqualTo($"/help/articles/1030?locale={locale}"), "the host's own page");
            Assert.That(answer.QuickReplies, Is.EqualTo(locale == "zh-cn" ? new[] { "有帮助", "没有", "转人工" } : ["Yes, that helped", "No", "Talk to a person"]));
        });
    }

    [Test]
    public async Task A_short_list_is_answered_whole_with_the_line_that_introduces_it()
    {
        var user = await _server.UserAsync("bot-list");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "which documents do you accept for identity verification");
        var answer = (await DurableAsync(user, chat.Id))[^1];
        Assert.Multiple(() =>
        {
            Assert.That(answer.Article?.Id, Is.EqualTo("1008"), answer.Text);
            Assert.That(answer.Text, Does.StartWith("We accept:").And.Contain("• Passport").And.Contain("• Residence permit"));
        });
    }

    [Test]
    public async Task Off_topic_probes_get_no_article_but_the_offer_of_a_person_and_a_second_miss_hands_off()
    {
        var failures = new List<string>();
        foreach (var (lang, probe) in Probes())
        {
            var locale = lang == "zh" ? "zh-cn" : "en-us";
            var user = await _server.UserAsync("bot-probe-" + probe.GetHashCode(StringComparison.Ordinal), locale);
            var chat = await StartChatAsync(user);
            await CustomerSendsAsync(user, chat.Id, probe);
            var reply = (await DurableAsync(user, chat.Id))[^1];
            var person = locale == "zh-cn" ? "转人工" : "Talk to a person";
            if (reply.Article is not null || reply.From?.Role != AuthorRole.Bot || reply.QuickReplies?.Contains(person) != true)
            {
                failures.Add($"{probe}: {reply.Type} {reply.Article?.Title} {reply.Text}");
            }
        }

        var again = await _server.UserAsync("bot-probe-twice");
        var twice = await StartChatAsync(again);
        await CustomerSendsAsync(again, twice.Id, "my cat is sick");
        var afterFirst = await GetChatAsync(again, "/v1/chats/" + twice.Id);
        var offer = (await DurableAsync(again, twice.Id))[^1];
        await CustomerSendsAsync(again, twice.Id, "can you recommend a good movie");
        var events = await DurableAsync(again, twice.Id);
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, "probes answered with an article");
            Assert.That(afterFirst.Status, Is.EqualTo(ChatStatus.Bot), "one miss: the bot offers a person, nobody is queued yet");
            Assert.That((offer.From?.Role, offer.Article), Is.EqualTo((AuthorRole.Bot, (ChatArticle?)null)));
            Assert.That(offer.Text, Does.Contain("couldn't find"));
            Assert.That((events[^1].Type, events[^1].Reason), Is.EqualTo((ChatEventKind.Handoff, "low_confidence")));
        });
    }

    [Test]
    public async Task The_score_threshold_separates_the_public_queries_from_the_off_topic_probes()
    {
        // How ChatBot.MinScore was learned: it must lie above every off-topic probe's top score and at or below the
        // top score of every public query whose top hit is relevant.
        var admin = _server.Services.GetRequiredService<SupportServerAdmin>();
        var probeScores = new List<(double Score, string Text)>();
        foreach (var (lang, probe) in Probes())
        {
            var hits = await admin.SearchFaqAsync(probe, lang == "zh" ? "zh-cn" : "en-us", 1);
            probeScores.Add((hits.Items.Count > 0 ? hits.Items[0].Score : 0, probe));
        }

        var answered = new List<(double Score, string Text)>();
        var queries = FaqRelevance.Load(TestData.Path("faq", "queries.public.jsonl"));
        foreach (var query in queries)
        {
            var hits = await admin.SearchFaqAsync(query.Text, query.Locale, 1);
            if (hits.Items.Count > 0 && query.Relevant.Contains(hits.Items[0].Id))
            {
                answered.Add((hits.Items[0].Score, query.Text));
            }
        }

        var highestProbe = probeScores.MaxBy(p => p.Score);
        var lowestAnswer = answered.MinBy(a => a.Score);
        TestContext.Out.WriteLine($"highest probe {highestProbe}, lowest relevant public top hit {lowestAnswer}, MinScore {ChatBot.MinScore}");
        Assert.Multiple(() =>
        {
            Assert.That(highestProbe.Score, Is.LessThan(ChatBot.MinScore), highestProbe.Text);
            Assert.That(lowestAnswer.Score, Is.GreaterThanOrEqualTo(ChatBot.MinScore), lowestAnswer.Text);
            Assert.That(answered, Has.Count.GreaterThanOrEqualTo(54), "public queries whose top hit is relevant");
        });
    }

    private static IEnumerable<(string Lang, string Text)> Probes() =>
        File.ReadLines(TestData.Path("faq", "offtopic.public.jsonl")).Where(l => l.Trim().Length > 0).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            return (doc.RootElement.GetProperty("lang").GetString()!, doc.RootElement.GetProperty("query").GetString()!);
        });
}

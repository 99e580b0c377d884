using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Tests.Infrastructure;

namespace SupportSdk.Server.Tests;

/// <summary>
/// Ranking quality on the public query set, through the real import and the real search path. A regression floor,
/// not a target: the figures themselves go in the issue notes. No query is special-cased in the engine.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class FaqSearchQualityTests
{
    private sealed record Query(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("lang")] string Lang,
        [property: JsonPropertyName("query")] string Text,
        [property: JsonPropertyName("relevant")] long[] Relevant,
        [property: JsonPropertyName("kind")] string Kind);

    private SupportServerHost _server = null!;
    private List<Query> _queries = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync();
        _queries = [.. File.ReadLines(TestData.Path("faq", "queries.public.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<Query>(l)!)];
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Public_queries_rank_relevant_articles_near_the_top()
    {
        var admin = _server.Services.GetRequiredService<SupportServerAdmin>();
        var reciprocalRanks = new List<double>();
        var hitsAt3 = 0;
        var report = new List<string>();
        foreach (var query in _queries)
        {
            var results = await admin.SearchFaqAsync(query.Text, query.Lang == "zh" ? "zh-cn" : "en-us", 10);
            var rank = results.Items.Select((hit, i) => (hit, i)).FirstOrDefault(x => query.Relevant.Contains(x.hit.Id)).i + 1;
            var found = results.Items.Any(h => query.Relevant.Contains(h.Id));
            reciprocalRanks.Add(found ? 1.0 / rank : 0);
            hitsAt3 += found && rank <= 3 ? 1 : 0;
            if (!found || rank > 1)
            {
                report.Add($"{query.Id} [{query.Kind}] '{query.Text}': rank {(found ? rank : 0)}");
            }
        }

        var mrr = reciprocalRanks.Average();
        var hit3 = (double)hitsAt3 / _queries.Count;
        TestContext.Out.WriteLine($"MRR@10 = {mrr:0.000}, hit@3 = {hit3:0.000} over {_queries.Count} queries");
        report.ForEach(TestContext.Out.WriteLine);
        Assert.Multiple(() =>
        {
            Assert.That(_queries, Has.Count.EqualTo(60));
            Assert.That(mrr, Is.GreaterThanOrEqualTo(0.85), "MRR@10 regression floor");
            Assert.That(hit3, Is.GreaterThanOrEqualTo(0.90), "hit@3 regression floor");
        });
    }

    [TestCase("zh-cn", "提现", new long[] { 1030, 1031, 1032, 1033, 1034, 1035, 1036, 1037 })]
    [TestCase("zh-cn", "充值", new long[] { 1022, 1023, 1024, 1025, 1026, 1027, 1028 })]
    [TestCase("zh-cn", "手续费", new long[] { 1031, 1038 })]
    [TestCase("zh-cn", "谷歌验证", new long[] { 1004 })]
    [TestCase("en-us", "2fa", new long[] { 1004, 1016 })]
    [TestCase("en-us", "KYC", new long[] { 1008, 1009, 1010, 1011 })]
    public async Task Short_queries_still_match(string locale, string query, long[] expectedInTop3)
    {
        var results = await _server.Services.GetRequiredService<SupportServerAdmin>().SearchFaqAsync(query, locale, 10);
        TestContext.Out.WriteLine(string.Join(" | ", results.Items.Select(i => $"{i.Id} {i.Title}")));
        Assert.Multiple(() =>
        {
            Assert.That(results.Items.Take(3).Select(i => i.Id), Has.Some.AnyOf(expectedInTop3.Cast<object>().ToArray()), $"'{query}' top 3");
            Assert.That(results.Items.All(i => i.Locale == locale), Is.True);
        });
    }
}

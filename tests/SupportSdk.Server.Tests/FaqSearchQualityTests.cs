using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Tests.Infrastructure;

namespace SupportSdk.Server.Tests;

/// <summary>
/// Ranking quality through the real import and the real search path, per query kind and language (MRR@10, hit@3).
/// Floors, not targets: the targets on the public queries (MRR@10 ≥ 0.90 in each language, ≥ 0.80 for
/// colloquial queries) and no kind below its figure before the work on colloquial queries; on the held-out queries
/// of the same kinds, which nothing was tuned on, regression floors under the measured figures. No query is
/// special-cased in the engine.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class FaqSearchQualityTests
{
    /// <summary>Per-kind MRR@10 on the public queries before the work on colloquial queries (RESULTS.md, "FAQ relevance").</summary>
    private static readonly Dictionary<string, double> KindFloors = new(StringComparer.Ordinal)
    {
        ["keyword"] = 1.0, ["mixed"] = 1.0, ["short"] = 1.0, ["typo"] = 1.0, ["paraphrase"] = 0.917, ["colloquial"] = 0.80,
    };

    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Public_queries_meet_the_floors_per_kind_and_language()
    {
        var queries = FaqRelevance.Load(TestData.Path("faq", "queries.public.jsonl"));
        var figures = FaqRelevance.Figures(await EvaluateAsync(queries));
        Assert.Multiple(() =>
        {
            Assert.That(queries, Has.Count.EqualTo(60));
            Assert.That(FaqRelevance.Of(figures, "en").Mrr, Is.GreaterThanOrEqualTo(0.90), "English MRR@10");
            Assert.That(FaqRelevance.Of(figures, "zh").Mrr, Is.GreaterThanOrEqualTo(0.90), "Chinese MRR@10");
            foreach (var (kind, floor) in KindFloors)
            {
                Assert.That(FaqRelevance.Of(figures, kind).Mrr, Is.GreaterThanOrEqualTo(floor), kind + " MRR@10");
            }

            Assert.That(FaqRelevance.Of(figures, "all").HitAt3, Is.GreaterThanOrEqualTo(0.95), "hit@3");
        });
    }

    [Test]
    public async Task Held_out_queries_meet_lower_floors()
    {
        var path = TestData.Path("faq", "queries.heldout.jsonl");
        if (!File.Exists(path))
        {
            Assert.Ignore("tests/TestData/faq/queries.heldout.jsonl is not in this checkout.");
        }

        // Regression floors a little under the measured figures (all 0.888, en 0.861, zh 0.915, colloquial 0.573),
        // not the public targets: colloquial queries here are still far from 0.80 (RESULTS.md, "FAQ relevance").
        var figures = FaqRelevance.Figures(await EvaluateAsync(FaqRelevance.Load(path)));
        Assert.Multiple(() =>
        {
            Assert.That(FaqRelevance.Of(figures, "all").Mrr, Is.GreaterThanOrEqualTo(0.86), "MRR@10");
            Assert.That(FaqRelevance.Of(figures, "en").Mrr, Is.GreaterThanOrEqualTo(0.83), "English MRR@10");
            Assert.That(FaqRelevance.Of(figures, "zh").Mrr, Is.GreaterThanOrEqualTo(0.88), "Chinese MRR@10");
            Assert.That(FaqRelevance.Of(figures, "colloquial").Mrr, Is.GreaterThanOrEqualTo(0.55), "colloquial MRR@10");
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

    private async Task<List<FaqQueryOutcome>> EvaluateAsync(IReadOnlyList<FaqLabelledQuery> queries)
    {
        var admin = _server.Services.GetRequiredService<SupportServerAdmin>();
        var outcomes = new List<FaqQueryOutcome>();
        foreach (var query in queries)
        {
            var results = await admin.SearchFaqAsync(query.Text, query.Locale, 10);
            outcomes.AddRange(FaqRelevance.Evaluate([query], (_, _) => [.. results.Items.Select(i => i.Id)]));
        }

        TestContext.Out.WriteLine(FaqRelevance.Report(outcomes));
        return outcomes;
    }
}

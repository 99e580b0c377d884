using SupportSdk.Server.Faq;
using SupportSdk.Testing;

namespace SupportSdk.Benchmarks.Faq;

/// <summary>
/// <c>faq-quality [files]</c>: MRR@10 and hit@3 per query kind and language on the demo help center, through
/// <see cref="FaqSnapshot.Search"/> (what <c>GET /v1/faq/search</c> runs). Default files: the public query set and,
/// when present, the held-out one (<c>tests/TestData/faq/queries.{public,heldout}.jsonl</c>).
/// </summary>
public static class FaqQualityReport
{
    public static async Task<int> RunAsync(IReadOnlyList<string> files)
    {
        var demo = await ZendeskImporter.ReadAsync([TestData.HelpCenter], CancellationToken.None);
        var snapshot = new FaqSnapshot(demo, "en-us");
        var paths = files.Count > 0 ? files : new[] { "public", "heldout" }.Select(n => TestData.Path("faq", $"queries.{n}.jsonl")).Where(File.Exists);
        foreach (var path in paths)
        {
            var outcomes = FaqRelevance.Evaluate(FaqRelevance.Load(path), (q, locale) => [.. snapshot.Search(q, locale, 10).Items.Select(i => i.Id)]);
            Console.WriteLine($"## {Path.GetFileName(path)}");
            Console.WriteLine(FaqRelevance.Report(outcomes));
        }

        return 0;
    }
}

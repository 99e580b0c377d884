using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SupportSdk.Testing;

/// <summary>One labelled help-center query: what a user typed, in which language, and the articles that answer it.</summary>
public sealed record FaqLabelledQuery(string Id, string Lang, string Text, IReadOnlyList<long> Relevant, string Kind)
{
    /// <summary>The locale the query is searched in (<c>zh-cn</c> for Chinese, <c>en-us</c> otherwise).</summary>
    public string Locale => Lang == "zh" ? "zh-cn" : "en-us";
}

/// <summary>The rank of the first relevant article in a query's results (0 when none is in the top 10).</summary>
public sealed record FaqQueryOutcome(FaqLabelledQuery Query, int Rank, IReadOnlyList<long> Results)
{
    /// <summary>1/rank, or 0 when no relevant article is in the top 10.</summary>
    public double ReciprocalRank => Rank == 0 ? 0 : 1.0 / Rank;

    /// <summary>Whether a relevant article is in the top 3.</summary>
    public bool HitAt3 => Rank is > 0 and <= 3;
}

/// <summary>MRR@10 and hit@3 of a group of queries (a kind, a language, a kind in a language, or all).</summary>
public sealed record FaqRelevanceFigure(string Group, int Count, double Mrr, double HitAt3);

/// <summary>
/// Relevance of the FAQ search on a labelled query set (<c>tests/TestData/faq/queries.*.jsonl</c>): MRR@10 and hit@3
/// overall, per language, per kind and per kind in each language. Shared by the quality test and the
/// <c>faq-quality</c> benchmark command (linked into both), so both report the same figures.
/// </summary>
public static class FaqRelevance
{
    /// <summary>Reads a JSON-lines query file (<c>{"id","lang","query","relevant":[ids],"kind"}</c>).</summary>
    public static List<FaqLabelledQuery> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(Parse)];

    /// <summary>Runs every query through <paramref name="search"/> (query, locale) → ranked article ids.</summary>
    public static List<FaqQueryOutcome> Evaluate(IEnumerable<FaqLabelledQuery> queries, Func<string, string, IReadOnlyList<long>> search) =>
        [.. queries.Select(q =>
        {
            var results = search(q.Text, q.Locale).Take(10).ToList();
            var index = results.FindIndex(q.Relevant.Contains);
            return new FaqQueryOutcome(q, index + 1, results);
        })];

    /// <summary>Figures for all queries, each language, each kind, and each kind in each language.</summary>
    public static List<FaqRelevanceFigure> Figures(IReadOnlyList<FaqQueryOutcome> outcomes)
    {
        var figures = new List<FaqRelevanceFigure> { Figure("all", outcomes) };
        figures.AddRange(outcomes.GroupBy(o => o.Query.Lang).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figure(g.Key, g)));
        figures.AddRange(outcomes.GroupBy(o => o.Query.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figure(g.Key, g)));
        figures.AddRange(outcomes.GroupBy(o => o.Query.Kind + "/" + o.Query.Lang).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figure(g.Key, g)));
        return figures;
    }

    /// <summary>The figure of one group by name (<c>all</c>, <c>en</c>, <c>colloquial</c>, <c>colloquial/zh</c> …).</summary>
    public static FaqRelevanceFigure Of(IReadOnlyList<FaqRelevanceFigure> figures, string group) =>
        figures.Single(f => f.Group == group);

    /// <summary>A Markdown table of the figures, then the queries whose first relevant article is not first.</summary>
    public static string Report(IReadOnlyList<FaqQueryOutcome> outcomes)
    {
        var text = new StringBuilder();
        text.AppendLine("| queries | n | MRR@10 | hit@3 |").AppendLine("| --- | --- | --- | --- |");
        foreach (var f in Figures(outcomes))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Group} | {f.Count} | {f.Mrr:0.000} | {f.HitAt3:0.000} |");
        }

        foreach (var o in outcomes.Where(o => o.Rank != 1))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{o.Query.Id} [{o.Query.Kind}/{o.Query.Lang}] '{o.Query.Text}': rank {o.Rank}, relevant {string.Join(",", o.Query.Relevant)}, top {string.Join(",", o.Results.Take(3))}");
        }

        return text.ToString();
    }

    private static FaqRelevanceFigure Figure(string group, IEnumerable<FaqQueryOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return new FaqRelevanceFigure(group, list.Count, list.Average(o => o.ReciprocalRank), list.Count(o => o.HitAt3) / (double)list.Count);
    }

    private static FaqLabelledQuery Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        return new FaqLabelledQuery(
            root.GetProperty("id").GetString()!,
            root.GetProperty("lang").GetString()!,
            root.GetProperty("query").GetString()!,
            [.. root.GetProperty("relevant").EnumerateArray().Select(e => e.GetInt64())],
            root.GetProperty("kind").GetString()!);
    }
}

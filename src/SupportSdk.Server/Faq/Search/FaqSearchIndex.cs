namespace SupportSdk.Server.Faq;

/// <summary>
/// In-memory FAQ search: one BM25F partition per locale, typo tolerance, thesaurus expansion, and for each hit
/// its best passage (what the bot answers with) and a snippet from it. Immutable after construction; safe for
/// concurrent reads.
/// </summary>
/// <remarks>
/// Passages choose the answer, not the ranking: adding the best passage's score to the article's (0.25–1x) lowered
/// MRR@10 on the public queries from 0.967 to 0.947–0.956 and on a tuning set of 126 more from 0.930 to
/// 0.883–0.920 — one dense paragraph about a side topic outranked the article that is about the question.
/// </remarks>
internal sealed class FaqSearchIndex
{
    private const int MaxLimit = 100;
    private readonly Dictionary<string, FaqPartition> _partitions;

    public FaqSearchIndex(IEnumerable<FaqDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var builders = new Dictionary<string, FaqPartitionBuilder>(StringComparer.OrdinalIgnoreCase);
        foreach (var doc in documents)
        {
            if (!builders.TryGetValue(doc.Locale, out var builder))
            {
                builder = new FaqPartitionBuilder();
                builders[doc.Locale] = builder;
            }

            builder.Add(doc);
            Count++;
        }

        _partitions = new Dictionary<string, FaqPartition>(StringComparer.OrdinalIgnoreCase);
        foreach (var (locale, builder) in builders)
        {
            _partitions[locale] = builder.Build();
        }
    }

    public int Count { get; }

    public IReadOnlyList<FaqHit> Search(string query, string locale, int limit) => Run(query, locale, limit, suggest: false);

    public IReadOnlyList<FaqHit> Suggest(string prefix, string locale, int limit) => Run(prefix, locale, limit, suggest: true);

    private List<FaqHit> Run(string query, string locale, int limit, bool suggest)
    {
        if (string.IsNullOrWhiteSpace(query) || locale is null || limit <= 0
            || !_partitions.TryGetValue(locale, out var partition))
        {
            return [];
        }

        limit = Math.Min(limit, MaxLimit);
        var plan = FaqQueryCompiler.Compile(partition, query, suggest);
        Span<int> docs = stackalloc int[limit];
        Span<float> scores = stackalloc float[limit];
        int found = partition.Execute(plan, suggest, docs, scores);
        var hits = new List<FaqHit>(found);
        using var terms = suggest ? null : new FaqPlanTerms(partition, plan);
        var passages = terms is null ? null : new FaqPassageScorer(partition, plan, terms);
        for (int i = 0; i < found; i++)
        {
            var doc = partition.Documents[docs[i]];
            var (passage, snippet) = passages?.Best(doc) ?? (-1, null);
            hits.Add(new FaqHit(doc, scores[i], snippet ?? FaqSnippet.Build(doc, plan.Highlights), passage));
        }

        return hits;
    }
}

namespace SupportSdk.Server.Faq;

/// <summary>
/// In-memory FAQ search: one BM25F partition per locale, typo tolerance, thesaurus expansion and snippets.
/// Immutable after construction; safe for concurrent reads.
/// </summary>
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
        for (int i = 0; i < found; i++)
        {
            var doc = partition.Documents[docs[i]];
            hits.Add(new FaqHit(doc.Id, doc.Locale, scores[i], FaqSnippet.Build(doc, plan.Highlights)));
        }

        return hits;
    }
}

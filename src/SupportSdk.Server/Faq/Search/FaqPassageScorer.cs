namespace SupportSdk.Server.Faq;

/// <summary>
/// Finds the passage of a hit that best answers the query, and its snippet, in one reading of the article's body
/// (as the snippet alone used to take): BM25 over passages with the query's clauses and coverage rule, over the
/// query terms it highlights. A list item also counts the terms of the line that introduces its list, at half
/// weight ("Under review: …" under "After you submit a withdrawal, …:" is about withdrawals).
/// </summary>
/// <remarks>
/// Reading the body per hit instead of keeping postings per passage: at 100k articles those postings took ~400 MB
/// more memory and twice the build time, for a search that needs the passages of its 10 hits only.
/// </remarks>
internal sealed class FaqPassageScorer
{
    private const float LeadWeight = 0.5f;

    private readonly FaqPartition _partition;
    private readonly FaqPlanTerms _query;
    private readonly Dictionary<string, (int Term, float Weight)> _highlights = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Term, float Weight)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<FaqSnippet.Match> _matches = [];
    private readonly List<int> _matchPassage = [];
    private readonly Dictionary<int, float> _tf = [];

    public FaqPassageScorer(FaqPartition partition, FaqQueryPlan plan, FaqPlanTerms query)
    {
        _partition = partition;
        _query = query;
        foreach (var (term, weight) in plan.Highlights)
        {
            if (partition.TryGetTermId(term, out int id))
            {
                _highlights[term] = (id, weight);
            }
        }

        _lookup = _highlights.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The best passage of <paramref name="doc"/> (-1 when none matches) and its snippet (null then).</summary>
    public (int Passage, string? Snippet) Best(FaqDocument doc)
    {
        var passages = doc.Passages;
        if (passages.Count == 0 || _highlights.Count == 0)
        {
            return (-1, null);
        }

        _matches.Clear();
        _matchPassage.Clear();
        var lengths = new int[passages.Count];
        var sink = new PassageSink(this, passages, lengths);
        FaqTokenizer.Tokenize(doc.Body.AsSpan(), ref sink);
        if (_matches.Count == 0)
        {
            return (-1, null);
        }

        // Matches come in text order, so each passage's are one run.
        var runs = new (int From, int To)[passages.Count];
        for (int k = 0; k < _matches.Count;)
        {
            int p = _matchPassage[k];
            int from = k;
            while (k < _matches.Count && _matchPassage[k] == p)
            {
                k++;
            }

            runs[p] = (from, k);
        }

        float best = 0f;
        int bestPassage = -1;
        for (int p = 0; p < passages.Count; p++)
        {
            _tf.Clear();
            Count(runs[p], 1f);
            if (passages[p].Lead is int lead and >= 0 && lead != p)
            {
                Count(runs[lead], LeadWeight);
            }

            if (_tf.Count == 0)
            {
                continue;
            }

            float norm = FaqRanking.K1 * (1f - FaqRanking.PassageB + (FaqRanking.PassageB * lengths[p] / _partition.AveragePassageLength));
            foreach (var (term, f) in _tf)
            {
                _query.Add(term, f * (FaqRanking.K1 + 1f) / (f + norm));
            }

            float score = _query.Collect();
            if (score > best)
            {
                best = score;
                bestPassage = p;
            }
        }

        if (bestPassage < 0 || runs[bestPassage].To == runs[bestPassage].From)
        {
            return (bestPassage, null);
        }

        var (start, to) = (passages[bestPassage].Start, runs[bestPassage].To);
        var own = new List<FaqSnippet.Match>(to - runs[bestPassage].From);
        for (int i = runs[bestPassage].From; i < to; i++)
        {
            var m = _matches[i];
            own.Add(m with { Start = m.Start - start, End = m.End - start });
        }

        return (bestPassage, FaqSnippet.Build(doc.PassageText(bestPassage), own));
    }

    private void Count((int From, int To) run, float weight)
    {
        for (int i = run.From; i < run.To; i++)
        {
            int term = _matches[i].TermKey;
            _tf[term] = _tf.GetValueOrDefault(term) + weight;
        }
    }

    /// <summary>Records the highlighted query terms with their passage, and every passage's length in tokens.</summary>
    private struct PassageSink(FaqPassageScorer scorer, IReadOnlyList<FaqPassage> passages, int[] lengths) : IFaqTokenSink
    {
        private int _passage;

        public void OnToken(ReadOnlySpan<char> term, int start, int end, FaqTokenKind kind, bool isStopword)
        {
            if (isStopword || kind == FaqTokenKind.JoinedWord)
            {
                return;
            }

            while (_passage < passages.Count - 1 && start >= passages[_passage].End)
            {
                _passage++;
            }

            lengths[_passage]++;
            if (scorer._lookup.TryGetValue(term, out var hit))
            {
                scorer._matches.Add(new FaqSnippet.Match(start, end, hit.Weight, hit.Term));
                scorer._matchPassage.Add(_passage);
            }
        }
    }
}

namespace SupportSdk.Server.Faq;

/// <summary>Immutable index of the documents of one locale: vocabulary, CSR postings with precomputed BM25F weights.</summary>
internal sealed class FaqPartition
{
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly string[] _terms;
    private readonly int[] _postingStart;
    private readonly int[] _postingDocs;
    private readonly float[] _postingWeights;
    private readonly float[] _suggestWeights;
    private readonly float[] _idf;
    private readonly float[] _cohesion;
    private readonly string[] _sortedTerms;
    private readonly int[] _sortedTermIds;

    public FaqPartition(
        FaqDocument[] documents,
        string[] terms,
        Dictionary<string, int> vocab,
        int[] postingStart,
        int[] postingDocs,
        float[] postingWeights,
        float[] suggestWeights,
        float[] idf,
        float[] cohesion,
        Dictionary<string, int> surfaceForms,
        float averagePassageLength)
    {
        Documents = documents;
        _terms = terms;
        _vocab = vocab;
        _lookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _postingStart = postingStart;
        _postingDocs = postingDocs;
        _postingWeights = postingWeights;
        _suggestWeights = suggestWeights;
        _idf = idf;
        _cohesion = cohesion;
        AveragePassageLength = averagePassageLength;
        _sortedTerms = (string[])terms.Clone();
        _sortedTermIds = new int[terms.Length];
        for (int i = 0; i < _sortedTermIds.Length; i++)
        {
            _sortedTermIds[i] = i;
        }

        Array.Sort(_sortedTerms, _sortedTermIds, StringComparer.Ordinal);
        var forms = new string[terms.Length + surfaceForms.Count];
        var formTerm = new int[forms.Length];
        terms.CopyTo(forms, 0);
        for (int i = 0; i < terms.Length; i++)
        {
            formTerm[i] = i;
        }

        int f = terms.Length;
        foreach (var (surface, termId) in surfaceForms)
        {
            forms[f] = surface;
            formTerm[f++] = termId;
        }

        Typos = new TypoMatcher(forms, formTerm);
    }

    public FaqDocument[] Documents { get; }

    public TypoMatcher Typos { get; }

    /// <summary>The average length of a passage of these documents, in index tokens.</summary>
    public float AveragePassageLength { get; }

    public int TermCount => _terms.Length;

    public bool TryGetTermId(string term, out int id) => _vocab.TryGetValue(term, out id);

    public bool TryGetTermId(ReadOnlySpan<char> term, out int id) => _lookup.TryGetValue(term, out id);

    public string Term(int id) => _terms[id];

    public float Idf(int id) => _idf[id];

    /// <summary>How word-like a CJK bigram is in this partition (0–1), 1 for other terms.</summary>
    public float Cohesion(int id) => _cohesion[id];

    public int DocFrequency(int id) => _postingStart[id + 1] - _postingStart[id];

    public int SortedTermId(int index) => _sortedTermIds[index];

    /// <summary>Range [from, to) of <see cref="SortedTermId"/> indexes whose term starts with <paramref name="prefix"/>.</summary>
    public (int From, int To) PrefixRange(string prefix)
    {
        int from = LowerBound(prefix);
        int to = LowerBound(prefix + char.MaxValue);
        return (from, to);
    }

    /// <summary>Scores the plan into the best (docIndex, score) pairs, best first; returns how many were found.</summary>
    public int Execute(FaqQueryPlan plan, bool suggest, Span<int> topDocs, Span<float> topScores)
    {
        int limit = topDocs.Length;
        if (plan.ClauseCount == 0 || limit == 0)
        {
            return 0;
        }

        var s = ScoreScratch.Get(Documents.Length);
        float[] acc = s.Accumulator;
        float[] best = s.ClauseBest;
        int[] cover = s.Cover;
        int[] clauseTouched = s.ClauseTouched;
        int[] touched = s.Touched;
        float[] groupSum = s.GroupSum;
        int[] groupTouched = s.GroupTouched;
        int[] topicCover = s.TopicCover;
        int[] topicMark = s.TopicMark;
        float[] postingWeights = suggest ? _suggestWeights : _postingWeights;
        int touchedCount = 0;

        for (int c = 0; c < plan.ClauseCount; c++)
        {
            int clauseTouchedCount = 0;
            bool countsTopic = !suggest && plan.IsOriginal(c);
            for (int g = plan.GroupStart(c); g < plan.GroupEnd(c); g++)
            {
                int groupTouchedCount = 0;
                for (int i = plan.TermStart(g); i < plan.TermEnd(g); i++)
                {
                    int termId = plan.TermId(i);
                    float qw = plan.Weight(i) * _idf[termId];
                    int end = _postingStart[termId + 1];
                    for (int p = _postingStart[termId]; p < end; p++)
                    {
                        int d = _postingDocs[p];
                        if (groupSum[d] == 0f)
                        {
                            groupTouched[groupTouchedCount++] = d;
                        }

                        float w = postingWeights[p];
                        groupSum[d] += qw * Math.Abs(w);
                        if (countsTopic && w < 0f && topicMark[d] != c + 1)
                        {
                            topicMark[d] = c + 1;
                            topicCover[d]++;
                        }
                    }
                }

                for (int k = 0; k < groupTouchedCount; k++)
                {
                    int d = groupTouched[k];
                    float v = groupSum[d];
                    groupSum[d] = 0f;
                    float old = best[d];
                    if (old == 0f)
                    {
                        clauseTouched[clauseTouchedCount++] = d;
                        best[d] = v;
                    }
                    else if (v > old)
                    {
                        best[d] = v;
                    }
                }
            }

            bool original = plan.IsOriginal(c);
            for (int k = 0; k < clauseTouchedCount; k++)
            {
                int d = clauseTouched[k];
                if (acc[d] == 0f)
                {
                    touched[touchedCount++] = d;
                }

                acc[d] += best[d];
                best[d] = 0f;
                if (original)
                {
                    cover[d]++;
                }
            }
        }

        int originals = plan.OriginalClauseCount;
        int found = 0;
        for (int k = 0; k < touchedCount; k++)
        {
            int d = touched[k];
            float score = acc[d];
            if (originals > 0)
            {
                score *= 1f - FaqRanking.CoverageShare + (FaqRanking.CoverageShare * cover[d] / originals);
                score *= 1f + (FaqRanking.TopicShare * topicCover[d] / originals);
            }

            acc[d] = 0f;
            cover[d] = 0;
            topicCover[d] = 0;
            topicMark[d] = 0;
            found = InsertTop(topDocs, topScores, found, d, score);
        }

        return found;
    }

    private static int InsertTop(Span<int> docs, Span<float> scores, int count, int doc, float score)
    {
        int limit = docs.Length;
        if (count == limit && (score < scores[count - 1] || (score == scores[count - 1] && doc > docs[count - 1])))
        {
            return count;
        }

        int pos = count < limit ? count : limit - 1;
        while (pos > 0 && (scores[pos - 1] < score || (scores[pos - 1] == score && docs[pos - 1] > doc)))
        {
            docs[pos] = docs[pos - 1];
            scores[pos] = scores[pos - 1];
            pos--;
        }

        docs[pos] = doc;
        scores[pos] = score;
        return count < limit ? count + 1 : count;
    }

    private int LowerBound(string prefix)
    {
        int lo = 0;
        int hi = _sortedTerms.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_sortedTerms[mid], prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Per-thread scoring buffers; only touched entries are reset, so reuse is cheap.</summary>
    private sealed class ScoreScratch
    {
        [ThreadStatic]
        private static ScoreScratch? t_instance;

        private ScoreScratch(int size)
        {
            Accumulator = new float[size];
            ClauseBest = new float[size];
            Cover = new int[size];
            ClauseTouched = new int[size];
            Touched = new int[size];
            GroupSum = new float[size];
            GroupTouched = new int[size];
            TopicCover = new int[size];
            TopicMark = new int[size];
        }

        public int[] TopicCover { get; }

        public int[] TopicMark { get; }

        public float[] GroupSum { get; }

        public int[] GroupTouched { get; }

        public float[] Accumulator { get; }

        public float[] ClauseBest { get; }

        public int[] Cover { get; }

        public int[] ClauseTouched { get; }

        public int[] Touched { get; }

        public static ScoreScratch Get(int size)
        {
            var s = t_instance;
            if (s is null || s.Accumulator.Length < size)
            {
                s = new ScoreScratch(Math.Max(size, 16));
                t_instance = s;
            }

            return s;
        }
    }
}

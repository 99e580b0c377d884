namespace SupportSdk.Server.Faq;

/// <summary>
/// The terms of every passage of every document of a partition (CSR: document -> passages -> (term, tf)), so that
/// the best passage of a candidate article can be scored without reading its text again. A list item also carries
/// the terms of the line that introduces its list, at half weight ("Under review: …" under "After you submit a
/// withdrawal, …:" is about withdrawals).
/// </summary>
internal sealed class FaqPassageIndex
{
    private const float LeadWeight = 0.5f;

    private readonly int[] _docStart;      // doc -> first passage
    private readonly int[] _termStart;     // passage -> first entry
    private readonly int[] _length;        // passage -> tokens of its own
    private readonly int[] _terms;         // entry -> term id
    private readonly float[] _tf;          // entry -> own tf + LeadWeight x lead tf
    private readonly float _averageLength;

    private FaqPassageIndex(int[] docStart, int[] termStart, int[] length, int[] terms, float[] tf)
    {
        _docStart = docStart;
        _termStart = termStart;
        _length = length;
        _terms = terms;
        _tf = tf;
        _averageLength = length.Length == 0 ? 1f : Math.Max(1f, (float)length.Average());
    }

    public int PassageCount(int doc) => _docStart[doc + 1] - _docStart[doc];

    /// <summary>The best passage of a document for the query, and its score (0 and -1 when none matches).</summary>
    public (float Score, int Passage) Best(int doc, FaqPlanTerms query)
    {
        float best = 0f;
        int bestPassage = -1;
        for (int p = _docStart[doc]; p < _docStart[doc + 1]; p++)
        {
            float norm = FaqRanking.K1 * (1f - FaqRanking.PassageB + (FaqRanking.PassageB * _length[p] / _averageLength));
            for (int e = _termStart[p]; e < _termStart[p + 1]; e++)
            {
                float tf = _tf[e];
                query.Add(_terms[e], tf * (FaqRanking.K1 + 1f) / (tf + norm));
            }

            float score = query.Collect();
            if (score > best)
            {
                best = score;
                bestPassage = p - _docStart[doc];
            }
        }

        return (best, bestPassage);
    }

    /// <summary>Collects the passages of each document as the partition builder tokenizes its body.</summary>
    internal sealed class Builder
    {
        private readonly List<int> _docStart = [0];
        private readonly List<int> _termStart = [0];
        private readonly List<int> _length = [];
        private readonly List<int> _terms = [];
        private readonly List<float> _tf = [];
        private readonly List<(int Passage, int Term)> _current = [];
        private readonly Dictionary<int, float> _merge = [];
        private int[] _currentLength = new int[16];

        /// <summary>A body token (index term) in passage <paramref name="passage"/> of the current document.</summary>
        public void Add(int passage, int termId, bool counts)
        {
            _current.Add((passage, termId));
            if (counts)
            {
                if (passage >= _currentLength.Length)
                {
                    Array.Resize(ref _currentLength, Math.Max(passage + 1, _currentLength.Length * 2));
                }

                _currentLength[passage]++;
            }
        }

        /// <summary>Closes the current document, whose passages are <paramref name="passages"/>.</summary>
        public void EndDocument(IReadOnlyList<FaqPassage> passages)
        {
            _current.Sort();
            var ranges = new (int From, int To)[passages.Count];
            int k = 0;
            for (int p = 0; p < passages.Count; p++)
            {
                int from = k;
                while (k < _current.Count && _current[k].Passage == p)
                {
                    k++;
                }

                ranges[p] = (from, k);
            }

            for (int p = 0; p < passages.Count; p++)
            {
                _merge.Clear();
                AddRange(ranges[p], 1f);
                if (passages[p].Lead is int lead and >= 0 && lead != p)
                {
                    AddRange(ranges[lead], LeadWeight);
                }

                foreach (var (term, tf) in _merge)
                {
                    _terms.Add(term);
                    _tf.Add(tf);
                }

                _termStart.Add(_terms.Count);
                _length.Add(p < _currentLength.Length ? _currentLength[p] : 0);
            }

            _docStart.Add(_length.Count);
            _current.Clear();
            Array.Clear(_currentLength);
        }

        public FaqPassageIndex Build() => new([.. _docStart], [.. _termStart], [.. _length], [.. _terms], [.. _tf]);

        private void AddRange((int From, int To) range, float weight)
        {
            for (int i = range.From; i < range.To; i++)
            {
                int term = _current[i].Term;
                _merge[term] = _merge.GetValueOrDefault(term) + weight;
            }
        }
    }
}

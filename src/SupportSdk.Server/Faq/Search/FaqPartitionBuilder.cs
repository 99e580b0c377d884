namespace SupportSdk.Server.Faq;

/// <summary>Builds the immutable postings of one locale partition (CSR layout: term -> docs, weights).</summary>
internal sealed class FaqPartitionBuilder
{
    private readonly Dictionary<string, int> _vocab = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<FaqDocument> _docs = [];
    private readonly List<int> _docTouched = [];
    private readonly Dictionary<string, int> _surfaces = new(StringComparer.Ordinal);
    private long _passageTokens;
    private long _passageCount;
    private uint[] _docTf = new uint[1024];
    private int[] _collectionTf = new int[1024];
    private int[] _fieldLengths = new int[1024 * FaqRanking.FieldCount];

    private int[] _tmpTerm = new int[4096];
    private int[] _tmpDoc = new int[4096];
    private uint[] _tmpTf = new uint[4096];
    private int _tmpCount;

    public FaqPartitionBuilder()
    {
        _lookup = _vocab.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public void Add(FaqDocument doc)
    {
        int docIndex = _docs.Count;
        _docs.Add(doc);
        EnsureDocCapacity(docIndex + 1);
        var sink = new IndexSink(this);
        sink.Field = FaqRanking.TitleField;
        sink.Text = doc.Title;
        FaqTokenizer.Tokenize(doc.Title.AsSpan(), ref sink);
        _fieldLengths[(docIndex * FaqRanking.FieldCount) + FaqRanking.TitleField] = sink.Count;

        sink.Field = FaqRanking.LabelsField;
        sink.Count = 0;
        foreach (string label in doc.Labels)
        {
            sink.Text = label;
            FaqTokenizer.Tokenize(label.AsSpan(), ref sink);
        }

        _fieldLengths[(docIndex * FaqRanking.FieldCount) + FaqRanking.LabelsField] = sink.Count;

        sink.Field = FaqRanking.SectionField;
        sink.Count = 0;
        sink.Text = doc.SectionName ?? string.Empty;
        FaqTokenizer.Tokenize(sink.Text.AsSpan(), ref sink);
        _fieldLengths[(docIndex * FaqRanking.FieldCount) + FaqRanking.SectionField] = sink.Count;

        sink.Field = FaqRanking.BodyField;
        sink.Count = 0;
        sink.Text = doc.Body;
        FaqTokenizer.Tokenize(doc.Body.AsSpan(), ref sink);
        _passageTokens += sink.Count;
        _passageCount += doc.Passages.Count;
        _fieldLengths[(docIndex * FaqRanking.FieldCount) + FaqRanking.BodyField] = sink.Count;

        foreach (int termId in _docTouched)
        {
            if (_tmpCount == _tmpTerm.Length)
            {
                Array.Resize(ref _tmpTerm, _tmpCount * 2);
                Array.Resize(ref _tmpDoc, _tmpCount * 2);
                Array.Resize(ref _tmpTf, _tmpCount * 2);
            }

            _tmpTerm[_tmpCount] = termId;
            _tmpDoc[_tmpCount] = docIndex;
            _tmpTf[_tmpCount] = _docTf[termId];
            _tmpCount++;
            uint packed = _docTf[termId];
            for (int f = 0; f < FaqRanking.FieldCount; f++)
            {
                _collectionTf[termId] += (int)((packed >> (8 * f)) & 0xFF);
            }

            _docTf[termId] = 0;
        }

        _docTouched.Clear();
    }

    public FaqPartition Build()
    {
        int docCount = _docs.Count;
        int termCount = _vocab.Count;
        var terms = new string[termCount];
        foreach (var (term, id) in _vocab)
        {
            terms[id] = term;
        }

        Span<float> avg = stackalloc float[FaqRanking.FieldCount];
        for (int d = 0; d < docCount; d++)
        {
            for (int f = 0; f < FaqRanking.FieldCount; f++)
            {
                avg[f] += _fieldLengths[(d * FaqRanking.FieldCount) + f];
            }
        }

        for (int f = 0; f < FaqRanking.FieldCount; f++)
        {
            avg[f] = docCount == 0 || avg[f] <= 0 ? 1f : avg[f] / docCount;
        }

        var start = new int[termCount + 1];
        for (int i = 0; i < _tmpCount; i++)
        {
            start[_tmpTerm[i] + 1]++;
        }

        for (int t = 0; t < termCount; t++)
        {
            start[t + 1] += start[t];
        }

        var docs = new int[_tmpCount];
        var weights = new float[_tmpCount];
        var suggestWeights = new float[_tmpCount];
        var fill = (int[])start.Clone();
        for (int i = 0; i < _tmpCount; i++)
        {
            int d = _tmpDoc[i];
            uint packed = _tmpTf[i];
            float tfw = 0f;
            float stfw = 0f;
            for (int f = 0; f < FaqRanking.FieldCount; f++)
            {
                int tf = (int)((packed >> (8 * f)) & 0xFF);
                if (tf == 0)
                {
                    continue;
                }

                float b = FaqRanking.FieldB[f];
                float norm = 1f - b + (b * _fieldLengths[(d * FaqRanking.FieldCount) + f] / avg[f]);
                tfw += FaqRanking.FieldWeights[f] * tf / norm;
                stfw += FaqRanking.SuggestFieldWeights[f] * tf / norm;
            }

            int slot = fill[_tmpTerm[i]]++;
            docs[slot] = d;
            weights[slot] = tfw / (FaqRanking.K1 + tfw);

            // A term in the title or labels is stored negated: the partition reads the sign as "topical".
            if ((packed & ((0xFFu << (8 * FaqRanking.TitleField)) | (0xFFu << (8 * FaqRanking.LabelsField)))) != 0)
            {
                weights[slot] = -weights[slot];
            }
            suggestWeights[slot] = stfw / (FaqRanking.K1 + stfw);
        }

        var idf = new float[termCount];
        for (int t = 0; t < termCount; t++)
        {
            int df = start[t + 1] - start[t];
            idf[t] = (float)Math.Log(1.0 + ((docCount - df + 0.5) / (df + 0.5)));
        }

        return new FaqPartition([.. _docs], terms, _vocab, start, docs, weights, suggestWeights, idf, Cohesion(terms), _surfaces,
            _passageCount == 0 ? 1f : Math.Max(1f, (float)_passageTokens / _passageCount));
    }

    /// <summary>Remembers the unstemmed form of a word for typo matching ("liquidation" for the term "liquid").</summary>
    private void AddSurface(ReadOnlySpan<char> text, ReadOnlySpan<char> term)
    {
        Span<char> surface = stackalloc char[FaqTokenizer.MaxWordLength];
        int n = FaqTokenizer.Surface(text, surface);
        if (n >= TypoMatcher.MinLengthForOneEdit && !surface[..n].SequenceEqual(term) && _lookup.TryGetValue(term, out int id))
        {
            _surfaces.GetAlternateLookup<ReadOnlySpan<char>>().TryAdd(surface[..n], id);
        }
    }

    /// <summary>
    /// How much each CJK bigram behaves like a word in these articles: how often it occurs, against how often its
    /// rarer character does (审核 ~1: 核 is almost always in 审核; 核中, from "审核中", ~0). A query's bigrams that
    /// straddle two words (服在 in 客服在电报上) are weighed down by it, as a segmenter would drop them. 1 for
    /// anything else, and for a bigram whose characters are not indexed on their own (function characters).
    /// </summary>
    private float[] Cohesion(string[] terms)
    {
        var cohesion = new float[terms.Length];
        for (int t = 0; t < terms.Length; t++)
        {
            string term = terms[t];
            cohesion[t] = 1f;
            if (term.Length == 2 && FaqChars.IsCjk(term[0]) && FaqChars.IsCjk(term[1]))
            {
                int a = _vocab.TryGetValue(term[..1], out int ia) ? _collectionTf[ia] : int.MaxValue;
                int b = _vocab.TryGetValue(term[1..], out int ib) ? _collectionTf[ib] : int.MaxValue;
                int rarer = Math.Min(a, b);
                if (rarer != int.MaxValue && rarer > 0)
                {
                    cohesion[t] = Math.Min(1f, (float)_collectionTf[t] / rarer);
                }
            }
        }

        return cohesion;
    }

    private void AddTerm(ReadOnlySpan<char> term, int field)
    {
        if (!_lookup.TryGetValue(term, out int id))
        {
            id = _vocab.Count;
            _lookup[term] = id;
            if (id >= _docTf.Length)
            {
                Array.Resize(ref _docTf, _docTf.Length * 2);
                Array.Resize(ref _collectionTf, _docTf.Length);
            }
        }

        uint packed = _docTf[id];
        if (packed == 0)
        {
            _docTouched.Add(id);
        }

        int shift = 8 * field;
        if (((packed >> shift) & 0xFF) < 0xFF)
        {
            _docTf[id] = packed + (1u << shift);
        }
    }

    private void EnsureDocCapacity(int docs)
    {
        int needed = docs * FaqRanking.FieldCount;
        if (needed > _fieldLengths.Length)
        {
            Array.Resize(ref _fieldLengths, Math.Max(needed, _fieldLengths.Length * 2));
        }
    }

    private struct IndexSink(FaqPartitionBuilder builder) : IFaqTokenSink
    {
        public int Field;
        public int Count;
        public string Text = string.Empty;

        public void OnToken(ReadOnlySpan<char> term, int start, int end, FaqTokenKind kind, bool isStopword)
        {
            if (isStopword)
            {
                return;
            }

            builder.AddTerm(term, Field);

            if (kind == FaqTokenKind.Word && end - start > term.Length)
            {
                builder.AddSurface(Text.AsSpan(start, end - start), term);
            }
            if (kind != FaqTokenKind.JoinedWord)
            {
                Count++;
            }
        }
    }
}

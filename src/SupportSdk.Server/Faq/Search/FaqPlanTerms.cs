namespace SupportSdk.Server.Faq;

/// <summary>
/// A compiled query laid out for scoring small units (passages) term by term: the plan entries of each index term,
/// and per-clause best-group sums, with the plan's coverage rule. One per search; <see cref="Dispose"/> releases
/// the per-thread term table.
/// </summary>
internal sealed class FaqPlanTerms : IDisposable
{
    [ThreadStatic]
    private static int[]? t_slots;

    private readonly int[] _slots;       // term id -> first entry + 1
    private readonly int[] _entryTerm;
    private readonly int[] _next;        // entry -> next entry of the same term + 1
    private readonly float[] _weight;    // entry -> query weight x idf
    private readonly int[] _group;       // entry -> group
    private readonly int[] _groupClause;
    private readonly bool[] _original;   // clause -> counts for coverage
    private readonly int _originals;
    private readonly float[] _groupSum;
    private readonly float[] _clauseBest;
    private readonly List<int> _touchedGroups = [];
    private readonly List<int> _touchedClauses = [];

    public FaqPlanTerms(FaqPartition partition, FaqQueryPlan plan)
    {
        int groups = plan.ClauseCount == 0 ? 0 : plan.GroupEnd(plan.ClauseCount - 1);
        int entries = groups == 0 ? 0 : plan.TermEnd(groups - 1);
        _slots = t_slots is { } s && s.Length >= partition.TermCount ? s : new int[Math.Max(partition.TermCount, 16)];
        t_slots = _slots;
        _entryTerm = new int[entries];
        _next = new int[entries];
        _weight = new float[entries];
        _group = new int[entries];
        _groupClause = new int[groups];
        _groupSum = new float[groups];
        _original = new bool[plan.ClauseCount];
        _clauseBest = new float[plan.ClauseCount];
        for (int c = 0; c < plan.ClauseCount; c++)
        {
            _original[c] = plan.IsOriginal(c);
            _originals += _original[c] ? 1 : 0;
            for (int g = plan.GroupStart(c); g < plan.GroupEnd(c); g++)
            {
                _groupClause[g] = c;
                for (int i = plan.TermStart(g); i < plan.TermEnd(g); i++)
                {
                    int term = plan.TermId(i);
                    _entryTerm[i] = term;
                    _weight[i] = plan.Weight(i) * partition.Idf(term);
                    _group[i] = g;
                    _next[i] = _slots[term];
                    _slots[term] = i + 1;
                }
            }
        }
    }

    /// <summary>Adds one term of the unit being scored, with its saturated term frequency.</summary>
    public void Add(int termId, float saturatedTf)
    {
        for (int i = _slots[termId]; i > 0; i = _next[i - 1])
        {
            int g = _group[i - 1];
            if (_groupSum[g] == 0f)
            {
                _touchedGroups.Add(g);
            }

            _groupSum[g] += _weight[i - 1] * saturatedTf;
        }
    }

    /// <summary>The score of the unit whose terms were added (best group per clause, summed, times coverage); resets.</summary>
    public float Collect()
    {
        foreach (int g in _touchedGroups)
        {
            int c = _groupClause[g];
            if (_clauseBest[c] == 0f)
            {
                _touchedClauses.Add(c);
            }

            _clauseBest[c] = Math.Max(_clauseBest[c], _groupSum[g]);
            _groupSum[g] = 0f;
        }

        float score = 0f;
        int cover = 0;
        foreach (int c in _touchedClauses)
        {
            score += _clauseBest[c];
            cover += _original[c] ? 1 : 0;
            _clauseBest[c] = 0f;
        }

        _touchedGroups.Clear();
        _touchedClauses.Clear();
        return _originals == 0 ? score : score * (1f - FaqRanking.CoverageShare + (FaqRanking.CoverageShare * cover / _originals));
    }

    public void Dispose()
    {
        foreach (int term in _entryTerm)
        {
            _slots[term] = 0;
        }
    }
}

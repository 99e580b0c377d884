namespace SupportSdk.Server.Faq;

/// <summary>
/// A query compiled against one partition. A query is a list of clauses whose scores add up; a clause is a list of
/// alternative groups (the best group per document counts); a group is a list of terms whose scores add up
/// (e.g. the words of a multi-word synonym). Also carries the terms to highlight in snippets.
/// </summary>
internal sealed class FaqQueryPlan
{
    private readonly List<int> _clauseGroupStart = [0];
    private readonly List<bool> _clauseOriginal = [];
    private readonly List<int> _groupTermStart = [0];
    private readonly List<int> _termIds = [];
    private readonly List<float> _weights = [];
    private readonly HashSet<int> _originalTerms = [];
    private readonly HashSet<int> _groupTerms = [];

    public Dictionary<string, float> Highlights { get; } = new(StringComparer.Ordinal);

    public int ClauseCount => _clauseOriginal.Count;

    public int OriginalClauseCount { get; private set; }

    public bool IsOriginal(int clause) => _clauseOriginal[clause];

    public int GroupStart(int clause) => _clauseGroupStart[clause];

    public int GroupEnd(int clause) => _clauseGroupStart[clause + 1];

    public int TermStart(int group) => _groupTermStart[group];

    public int TermEnd(int group) => _groupTermStart[group + 1];

    public int TermId(int i) => _termIds[i];

    public float Weight(int i) => _weights[i];

    /// <summary>Adds a term to the group being built; ignored when the query already uses it as one of its own terms.</summary>
    public bool AddTerm(int termId, float weight, string term, bool highlight)
    {
        if (_originalTerms.Contains(termId) || !_groupTerms.Add(termId))
        {
            return false;
        }

        _termIds.Add(termId);
        _weights.Add(weight);
        _groupTerms.Add(termId);
        if (highlight && (!Highlights.TryGetValue(term, out float w) || w < weight))
        {
            Highlights[term] = weight;
        }

        return true;
    }

    /// <summary>Adds a single-term group.</summary>
    public void AddAlternative(int termId, float weight, string term, bool highlight)
    {
        if (AddTerm(termId, weight, term, highlight))
        {
            EndGroup();
        }
    }

    public void EndGroup()
    {
        _groupTerms.Clear();
        if (_termIds.Count > _groupTermStart[^1])
        {
            _groupTermStart.Add(_termIds.Count);
        }
    }

    /// <summary>Closes the clause being built (dropped when it has no groups).</summary>
    public void EndClause(bool original)
    {
        EndGroup();
        int groups = _groupTermStart.Count - 1;
        int start = _clauseGroupStart[^1];
        if (original)
        {
            for (int i = _groupTermStart[start]; i < _termIds.Count; i++)
            {
                _originalTerms.Add(_termIds[i]);
            }
        }

        if (groups == start)
        {
            return;
        }

        _clauseGroupStart.Add(groups);
        _clauseOriginal.Add(original);
        if (original)
        {
            OriginalClauseCount++;
        }
    }
}

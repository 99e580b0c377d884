namespace SupportSdk.Server.Faq;

/// <summary>Turns query text into a <see cref="FaqQueryPlan"/> for one partition (terms, typos, synonyms, prefixes).</summary>
internal static class FaqQueryCompiler
{
    private const int MaxPrefixCandidates = 24;
    private const int MaxPrefixScan = 256;
    private const int MaxTypoCandidates = 4;

    public static FaqQueryPlan Compile(FaqPartition partition, string query, bool prefixMode)
    {
        var plan = new FaqQueryPlan();
        var tokens = new List<FaqQueryToken>();
        var collector = new FaqQueryTokenCollector(tokens);
        FaqTokenizer.Tokenize(query.AsSpan(), ref collector);
        if (tokens.Count == 0)
        {
            return plan;
        }

        int prefixToken = -1;
        if (prefixMode)
        {
            int last = tokens.Count - 1;
            if (tokens[last].Kind == FaqTokenKind.Word && tokens[last].End == query.Length)
            {
                prefixToken = last;
            }
        }

        var words = new List<FaqQueryWord>();
        foreach (var tok in tokens)
        {
            if (tok.Kind == FaqTokenKind.Word)
            {
                words.Add(new FaqQueryWord(tok.Term, tok.IsStopword, tok.Start, tok.End));
            }
        }

        // Colloquial wording that a mapping rule translates into help-center wording is not searched literally:
        // "sits there" means pending, not the word "sit" somewhere in an article.
        var matches = new List<FaqSynonymMatch>();
        FaqSynonyms.Match(words, FaqChars.FoldString(query), matches);
        var consumed = new List<(int Start, int End)>();
        foreach (var m in matches)
        {
            if (FaqSynonyms.GetRule(m.Rule).Rewrites)
            {
                consumed.Add((m.Start, m.End));
            }
        }

        var near = new List<(int TermId, int Distance)>();
        for (int i = 0; i < tokens.Count; i++)
        {
            var tok = tokens[i];
            if (i != prefixToken && IsConsumed(consumed, tok))
            {
                continue;
            }

            if (i == prefixToken)
            {
                AddPrefixClause(partition, plan, query, tok);
                continue;
            }

            if (tok.IsStopword)
            {
                continue;
            }

            switch (tok.Kind)
            {
                case FaqTokenKind.Word:
                    AddWordClause(partition, plan, tok.Term, query.AsSpan(tok.Start, tok.End - tok.Start), near, allowTypos: !prefixMode);
                    break;
                case FaqTokenKind.JoinedWord:
                    AddSingle(partition, plan, tok.Term, 0.5f, original: false, highlight: true);
                    break;
                case FaqTokenKind.CjkBigram:
                    AddCjkBigram(partition, plan, tok.Term);
                    break;
                case FaqTokenKind.CjkUnigram:
                    bool isolated = !IsCjkNeighbour(tokens, i);
                    AddSingle(partition, plan, tok.Term, isolated ? FaqRanking.CjkBigramWeight : FaqRanking.CjkUnigramWeight, original: isolated, highlight: isolated);
                    break;
            }
        }

        var done = new HashSet<int>();
        foreach (var match in matches)
        {
            if (!done.Add(match.Rule))
            {
                continue;
            }

            var rule = FaqSynonyms.GetRule(match.Rule);
            foreach (string[] target in rule.Targets)
            {
                foreach (string term in target)
                {
                    if (partition.TryGetTermId(term, out int id))
                    {
                        plan.AddTerm(id, rule.Weight, term, highlight: true);
                    }
                }

                plan.EndGroup();
            }

            // A rewrite stands for the query words it consumed, so it counts towards coverage like them.
            plan.EndClause(original: rule.Rewrites);
        }

        return plan;
    }

    private static bool IsConsumed(List<(int Start, int End)> consumed, FaqQueryToken tok)
    {
        foreach (var (start, end) in consumed)
        {
            if (tok.Start >= start && tok.End <= end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A query bigram weighs what it is likely to be: a word (in the thesaurus, or cohesive in the articles) counts
    /// fully, a pair of characters from two neighbouring words (服在 in 客服在电报上) little and not for coverage.
    /// </summary>
    private static void AddCjkBigram(FaqPartition partition, FaqQueryPlan plan, string term)
    {
        if (!partition.TryGetTermId(term, out int id))
        {
            return;
        }

        float wordness = FaqSynonyms.IsCjkWordBigram(term)
            ? 1f
            : Math.Clamp(MathF.Sqrt(partition.Cohesion(id) / FaqRanking.CjkCohesiveWord), FaqRanking.CjkLooseBigramFloor, 1f);
        plan.AddAlternative(id, FaqRanking.CjkBigramWeight * wordness, term, highlight: wordness >= 0.5f);
        plan.EndClause(original: wordness >= 0.5f);
    }

    private static bool IsCjkNeighbour(List<FaqQueryToken> tokens, int i)
    {
        var tok = tokens[i];
        for (int k = Math.Max(0, i - 2); k < Math.Min(tokens.Count, i + 3); k++)
        {
            if (tokens[k].Kind == FaqTokenKind.CjkBigram && tokens[k].Start <= tok.Start && tokens[k].End >= tok.End)
            {
                return true;
            }
        }

        return false;
    }

    private static void AddSingle(FaqPartition partition, FaqQueryPlan plan, string term, float weight, bool original, bool highlight)
    {
        if (partition.TryGetTermId(term, out int id))
        {
            plan.AddAlternative(id, weight, term, highlight);
            plan.EndClause(original);
        }
    }

    private static void AddWordClause(FaqPartition partition, FaqQueryPlan plan, string term, ReadOnlySpan<char> text, List<(int TermId, int Distance)> near, bool allowTypos)
    {
        if (partition.TryGetTermId(term, out int id))
        {
            plan.AddAlternative(id, 1f, term, highlight: true);
            plan.EndClause(original: true);
            return;
        }

        if (!allowTypos)
        {
            return;
        }

        near.Clear();
        Span<char> buffer = stackalloc char[FaqTokenizer.MaxWordLength];
        int n = FaqTokenizer.Surface(text, buffer);
        if (n > 0 && !buffer[..n].SequenceEqual(term))
        {
            partition.Typos.FindNear(buffer[..n].ToString(), near);
        }

        partition.Typos.FindNear(term, near);
        if (near.Count == 0)
        {
            return;
        }

        // Prefer the closest, then the most frequent candidates.
        near.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : partition.DocFrequency(b.TermId).CompareTo(partition.DocFrequency(a.TermId)));
        int bestDistance = near[0].Distance;
        for (int k = 0; k < near.Count && k < MaxTypoCandidates; k++)
        {
            if (near[k].Distance > bestDistance)
            {
                break;
            }

            float w = near[k].Distance == 1 ? FaqRanking.TypoOneEditWeight : FaqRanking.TypoTwoEditWeight;
            plan.AddAlternative(near[k].TermId, w, partition.Term(near[k].TermId), highlight: true);
        }

        plan.EndClause(original: true);
    }

    private static void AddPrefixClause(FaqPartition partition, FaqQueryPlan plan, string query, FaqQueryToken tok)
    {
        if (partition.TryGetTermId(tok.Term, out int exact))
        {
            plan.AddAlternative(exact, 1f, tok.Term, highlight: true);
        }

        string prefix = FaqChars.FoldString(query[tok.Start..tok.End]);
        if (prefix.Length >= 2)
        {
            AddPrefixCandidates(partition, plan, prefix);
            if (!string.Equals(prefix, tok.Term, StringComparison.Ordinal) && tok.Term.Length >= 2)
            {
                AddPrefixCandidates(partition, plan, tok.Term);
            }
        }

        plan.EndClause(original: true);
    }

    private static void AddPrefixCandidates(FaqPartition partition, FaqQueryPlan plan, string prefix)
    {
        var (from, to) = partition.PrefixRange(prefix);
        if (from >= to)
        {
            return;
        }

        int scanEnd = Math.Min(to, from + MaxPrefixScan);
        var candidates = new List<int>();
        for (int k = from; k < scanEnd; k++)
        {
            candidates.Add(partition.SortedTermId(k));
        }

        candidates.Sort((a, b) => partition.DocFrequency(b).CompareTo(partition.DocFrequency(a)));

        // Completions share the idf of the most common one, so a rare completion cannot outrank the obvious one.
        float commonIdf = partition.Idf(candidates[0]);
        for (int k = 0; k < candidates.Count && k < MaxPrefixCandidates; k++)
        {
            float weight = FaqRanking.PrefixWeight * commonIdf / partition.Idf(candidates[k]);
            plan.AddAlternative(candidates[k], weight, partition.Term(candidates[k]), highlight: true);
        }
    }
}

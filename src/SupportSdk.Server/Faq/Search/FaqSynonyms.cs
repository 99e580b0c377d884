namespace SupportSdk.Server.Faq;

/// <summary>One thesaurus rule after analysis: what triggers it and which index terms it adds.</summary>
internal sealed class FaqSynonymRule(string[][] targets, bool isMapping, bool rewrites)
{
    /// <summary>Index terms of each target phrase.</summary>
    public string[][] Targets { get; } = targets;

    /// <summary>One-way: the sources map to the targets (not the other way round).</summary>
    public bool IsMapping { get; } = isMapping;

    /// <summary>The matched query words are searched as the targets only (<c>=&gt;</c>), not also literally (<c>+&gt;</c>).</summary>
    public bool Rewrites { get; } = rewrites;

    public float Weight => IsMapping ? FaqSynonyms.MappingWeight : FaqSynonyms.GroupWeight;
}

/// <summary>A query word as seen by the phrase matcher, with its place in the query text.</summary>
internal readonly record struct FaqQueryWord(string Stem, bool IsStopword, int Start, int End);

/// <summary>A thesaurus rule that matched the query, and the part of the query text its source phrase covers.</summary>
internal readonly record struct FaqSynonymMatch(int Rule, int Start, int End);

/// <summary>
/// Query-time thesaurus expansion. English phrases are matched on stem sequences (query stopwords may be skipped
/// between phrase words); CJK phrases are matched as substrings of the folded query.
/// </summary>
internal static class FaqSynonyms
{
    public const float GroupWeight = 0.6f;
    public const float MappingWeight = 0.75f;

    private static readonly List<FaqSynonymRule> RuleList = [];
    private static readonly Dictionary<string, List<(int Rule, string[] Phrase)>> WordPhrases = new(StringComparer.Ordinal);
    private static readonly List<(int Rule, string Phrase)> CjkPhrases = [];
    private static readonly HashSet<string> CjkWordBigrams = new(StringComparer.Ordinal);

    static FaqSynonyms()
    {
        foreach (string rawLine in FaqThesaurusData.Rules.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int arrow = line.IndexOf("=>", StringComparison.Ordinal);
            int plus = line.IndexOf("+>", StringComparison.Ordinal);
            int at = arrow >= 0 ? arrow : plus;
            string[] sources = SplitPhrases(at >= 0 ? line[..at] : line);
            string[] targets = at >= 0 ? SplitPhrases(line[(at + 2)..]) : sources;
            AddRule(sources, targets, at >= 0, rewrites: arrow >= 0);
        }
    }

    public static int RuleCount => RuleList.Count;

    /// <summary>Whether a CJK bigram is part of a word of the thesaurus (a small domain dictionary).</summary>
    public static bool IsCjkWordBigram(string bigram) => CjkWordBigrams.Contains(bigram);

    public static FaqSynonymRule GetRule(int index) => RuleList[index];

    /// <summary>
    /// Adds the matching rules to <paramref name="matched"/>, each once, with every span of the query its sources
    /// cover (a rule can match in several places).
    /// </summary>
    public static void Match(IReadOnlyList<FaqQueryWord> words, string foldedQuery, List<FaqSynonymMatch> matched)
    {
        for (int k = 0; k < words.Count; k++)
        {
            if (!WordPhrases.TryGetValue(words[k].Stem, out var candidates))
            {
                continue;
            }

            foreach (var (rule, phrase) in candidates)
            {
                int end = MatchesAt(words, k, phrase);
                if (end > k)
                {
                    matched.Add(new FaqSynonymMatch(rule, words[k].Start, words[end - 1].End));
                }
            }
        }

        bool hasCjk = false;
        foreach (char c in foldedQuery)
        {
            if (FaqChars.IsCjk(c))
            {
                hasCjk = true;
                break;
            }
        }

        if (!hasCjk)
        {
            return;
        }

        foreach (var (rule, phrase) in CjkPhrases)
        {
            for (int at = foldedQuery.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = foldedQuery.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                matched.Add(new FaqSynonymMatch(rule, at, at + phrase.Length));
            }
        }
    }

    /// <summary>The index after the last word of <paramref name="phrase"/> matched from word k, or -1.</summary>
    private static int MatchesAt(IReadOnlyList<FaqQueryWord> words, int k, string[] phrase)
    {
        int j = 1;
        int m = k + 1;
        while (j < phrase.Length && m < words.Count)
        {
            if (string.Equals(words[m].Stem, phrase[j], StringComparison.Ordinal))
            {
                j++;
                m++;
            }
            else if (words[m].IsStopword)
            {
                m++;
            }
            else
            {
                return -1;
            }
        }

        return j == phrase.Length ? m : -1;
    }

    private static string[] SplitPhrases(string part) =>
        part.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AddRule(string[] sources, string[] targets, bool isMapping, bool rewrites)
    {
        var terms = new List<string[]>();
        foreach (string target in targets)
        {
            var collector = new PhraseCollector(new List<string>(), new List<string>());
            FaqTokenizer.Tokenize(target.AsSpan(), ref collector);
            if (target.Length == 1 && FaqChars.IsCjk(target[0]))
            {
                collector.Terms.Add(target);
            }

            if (collector.Terms.Count > 0)
            {
                terms.Add([.. collector.Terms]);
            }
        }

        foreach (string phrase in sources.Concat(targets))
        {
            string folded = FaqChars.FoldString(phrase);
            for (int i = 0; i + 1 < folded.Length; i++)
            {
                if (FaqChars.IsCjk(folded[i]) && FaqChars.IsCjk(folded[i + 1]))
                {
                    CjkWordBigrams.Add(folded.Substring(i, 2));
                }
            }
        }

        int ruleIndex = RuleList.Count;
        RuleList.Add(new FaqSynonymRule([.. terms], isMapping, rewrites));
        foreach (string source in sources)
        {
            string folded = FaqChars.FoldString(source);
            if (ContainsCjk(folded))
            {
                CjkPhrases.Add((ruleIndex, folded.Replace(" ", string.Empty, StringComparison.Ordinal)));
                continue;
            }

            var collector = new PhraseCollector(new List<string>(), new List<string>());
            FaqTokenizer.Tokenize(source.AsSpan(), ref collector);
            if (collector.Sequence.Count == 0)
            {
                continue;
            }

            string first = collector.Sequence[0];
            if (!WordPhrases.TryGetValue(first, out var list))
            {
                list = [];
                WordPhrases[first] = list;
            }

            list.Add((ruleIndex, [.. collector.Sequence]));
        }
    }

    private static bool ContainsCjk(string s)
    {
        foreach (char c in s)
        {
            if (FaqChars.IsCjk(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Collects the word sequence (for phrase matching) and the index terms of a thesaurus phrase.</summary>
    private readonly struct PhraseCollector(List<string> sequence, List<string> terms) : IFaqTokenSink
    {
        public List<string> Sequence { get; } = sequence;

        public List<string> Terms { get; } = terms;

        public void OnToken(ReadOnlySpan<char> term, int start, int end, FaqTokenKind kind, bool isStopword)
        {
            if (kind == FaqTokenKind.Word)
            {
                Sequence.Add(term.ToString());
            }

            bool useful = kind switch
            {
                FaqTokenKind.Word or FaqTokenKind.JoinedWord => !isStopword,
                FaqTokenKind.CjkBigram => !isStopword,
                _ => false,
            };
            if (useful)
            {
                string s = term.ToString();
                if (!Terms.Contains(s))
                {
                    Terms.Add(s);
                }
            }
        }
    }
}

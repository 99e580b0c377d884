namespace SupportSdk.Server.Faq;

/// <summary>One thesaurus rule after analysis: what triggers it and which index terms it adds.</summary>
internal sealed class FaqSynonymRule(string[][] targets, bool isMapping)
{
    /// <summary>Index terms of each target phrase.</summary>
    public string[][] Targets { get; } = targets;

    public bool IsMapping { get; } = isMapping;

    public float Weight => IsMapping ? FaqSynonyms.MappingWeight : FaqSynonyms.GroupWeight;
}

/// <summary>A query word as seen by the phrase matcher.</summary>
internal readonly record struct FaqQueryWord(string Stem, bool IsStopword);

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
            string[] sources = SplitPhrases(arrow >= 0 ? line[..arrow] : line);
            string[] targets = arrow >= 0 ? SplitPhrases(line[(arrow + 2)..]) : sources;
            AddRule(sources, targets, arrow >= 0);
        }
    }

    public static int RuleCount => RuleList.Count;

    public static FaqSynonymRule GetRule(int index) => RuleList[index];

    /// <summary>Adds the indexes of matching rules to <paramref name="matched"/> (no duplicates).</summary>
    public static void Match(IReadOnlyList<FaqQueryWord> words, string foldedQuery, List<int> matched)
    {
        for (int k = 0; k < words.Count; k++)
        {
            if (!WordPhrases.TryGetValue(words[k].Stem, out var candidates))
            {
                continue;
            }

            foreach (var (rule, phrase) in candidates)
            {
                if (!matched.Contains(rule) && MatchesAt(words, k, phrase))
                {
                    matched.Add(rule);
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
            if (!matched.Contains(rule) && foldedQuery.Contains(phrase, StringComparison.Ordinal))
            {
                matched.Add(rule);
            }
        }
    }

    private static bool MatchesAt(IReadOnlyList<FaqQueryWord> words, int k, string[] phrase)
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
                return false;
            }
        }

        return j == phrase.Length;
    }

    private static string[] SplitPhrases(string part) =>
        part.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AddRule(string[] sources, string[] targets, bool isMapping)
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

        int ruleIndex = RuleList.Count;
        RuleList.Add(new FaqSynonymRule([.. terms], isMapping));
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

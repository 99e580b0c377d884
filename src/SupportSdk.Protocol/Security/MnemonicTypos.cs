namespace SupportSdk.Security;

/// <summary>Finds the BIP39 English word a misspelled token most likely meant: one insertion, deletion,
/// substitution or swap of two neighbouring letters away (symmetric-delete lookup, verified by edit distance).</summary>
internal sealed class MnemonicTypos
{
    // Common English words that sit one edit away from a BIP39 word ("that" ~ "hat", "with" ~ "wish"):
    // never taken for a typo, so prose does not grow into a phrase.
    private static readonly HashSet<string> s_common = new(StringComparer.Ordinal)
    {
        "that", "what", "with", "this", "they", "them", "then", "than", "when", "were", "have", "from", "your",
        "will", "would", "could", "should", "been", "here", "there", "their", "these", "those", "some", "more",
        "most", "very", "just", "like", "into", "only", "also", "over", "such", "even", "much", "well", "know",
        "make", "want", "need", "does", "done", "said", "each", "many", "both", "same", "after", "before", "where",
        "which", "while", "about", "other", "please", "thanks", "help", "pls", "plz", "thx", "hello", "words",
        "phrase", "seed", "wallet", "account", "support", "recover", "restore", "backup", "mnemonic", "sent",
        "send", "got", "cant", "dont", "wont", "didnt", "isnt", "it's", "word", "here's", "ones", "last", "first",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_commonLookup = s_common.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Bip39Wordlist _words;
    private readonly Dictionary<string, int[]> _deletes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _deleteLookup;

    public MnemonicTypos(Bip39Wordlist words)
    {
        _words = words;
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < words.Words.Count; i++)
        {
            var w = words.Words[i];
            for (var d = 0; d < w.Length; d++)
            {
                var key = string.Concat(w.AsSpan(0, d), w.AsSpan(d + 1));
                if (!map.TryGetValue(key, out var list))
                {
                    map[key] = list = [];
                }

                list.Add(i);
            }
        }

        foreach (var (key, list) in map)
        {
            _deletes[key] = [.. list];
        }

        _deleteLookup = _deletes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether a lower-case token (not itself a BIP39 word) is one edit away from a BIP39 word.</summary>
    /// <param name="token">The lower-case token.</param>
    /// <param name="index">The corrected word's index, or -1 when several words are equally close.</param>
    public bool TryCorrect(ReadOnlySpan<char> token, out int index)
    {
        index = -1;
        if (token.Length is < 4 or > 9 || s_commonLookup.Contains(token))
        {
            return false;
        }

        var found = -1;
        var ambiguous = false;
        Span<char> buffer = stackalloc char[token.Length];

        void Consider(int candidate, ReadOnlySpan<char> typed)
        {
            if (candidate == found || !WithinOneEdit(typed, _words.Words[candidate]))
            {
                return;
            }

            if (found < 0)
            {
                found = candidate;
            }
            else
            {
                ambiguous = true;
            }
        }

        // The user dropped a letter: the token is a deletion of a word.
        if (_deleteLookup.TryGetValue(token, out var dropped))
        {
            foreach (var candidate in dropped)
            {
                Consider(candidate, token);
            }
        }

        for (var d = 0; d < token.Length; d++)
        {
            token[..d].CopyTo(buffer);
            token[(d + 1)..].CopyTo(buffer[d..]);
            var deleted = buffer[..(token.Length - 1)];

            // The user added a letter.
            var exact = _words.IndexOfLower(deleted);
            if (exact >= 0)
            {
                Consider(exact, token);
            }

            // The user changed or swapped a letter.
            if (_deleteLookup.TryGetValue(deleted, out var changed))
            {
                foreach (var candidate in changed)
                {
                    Consider(candidate, token);
                }
            }
        }

        if (found < 0)
        {
            return false;
        }

        index = ambiguous ? -1 : found;
        return true;
    }

    /// <summary>Optimal string alignment distance &lt;= 1 (one insertion, deletion, substitution or adjacent swap).</summary>
    internal static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        if (a.Length == b.Length)
        {
            if (prefix == a.Length)
            {
                return true;
            }

            if (a[(prefix + 1)..].SequenceEqual(b[(prefix + 1)..]))
            {
                return true;
            }

            return prefix + 1 < a.Length && a[prefix] == b[prefix + 1] && a[prefix + 1] == b[prefix]
                && a[(prefix + 2)..].SequenceEqual(b[(prefix + 2)..]);
        }

        return a.Length > b.Length ? a[(prefix + 1)..].SequenceEqual(b[prefix..]) : a[prefix..].SequenceEqual(b[(prefix + 1)..]);
    }
}

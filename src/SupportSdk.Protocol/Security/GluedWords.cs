namespace SupportSdk.Security;

/// <summary>Splits English BIP39 words written together ("abandonabilityable", or spaced letters and zero-width
/// separators once normalized away) back into words. Words are 3–8 letters and some words are two others joined
/// ("carpet" = "car" + "pet"), so a run can split more than one way: every way is returned (up to a bound) and the
/// caller keeps the one whose checksum holds.</summary>
internal static class GluedWords
{
    public const int MinLetters = 6;
    public const int MaxLetters = (MnemonicRuns.MaxWords + 3) * 8;
    private const int MinWordLength = 3;
    private const int MaxWordLength = 8;
    private const int MaxWays = 16;

    /// <summary>The ways a lower-case letter run splits wholly into wordlist words, longest first words first;
    /// <see langword="null"/> when it does not split (the common case for an ordinary word, found in a few lookups).</summary>
    /// <param name="list">The English wordlist.</param>
    /// <param name="lower">The lower-case letters, <see cref="MinLetters"/> to <see cref="MaxLetters"/> of them.</param>
    /// <returns>Each way as the word indices and their lengths.</returns>
    public static List<(int Index, int Length)[]>? Split(Bip39Wordlist list, ReadOnlySpan<char> lower)
    {
        if (!CanSplit(list, lower))
        {
            return null;
        }

        Span<bool> dead = stackalloc bool[lower.Length + 1];
        dead.Clear();
        List<(int Index, int Length)[]>? ways = null;
        var path = new List<(int Index, int Length)>();
        Walk(list, lower, 0, dead, path, ref ways);
        return ways;
    }

    /// <summary>Splits a letter run that is not one word into wordlist words written together and adds them to the
    /// run; when it splits several ways, the way that makes a phrase with a valid checksum on its own wins.</summary>
    public static bool TryAdd(Bip39Wordlist english, string text, int start, int end, ref List<MnemonicWord>? run)
    {
        Span<char> head = [(char)(text[start] | 0x20), (char)(text[start + 1] | 0x20), (char)(text[start + 2] | 0x20)];
        if (!s_starts.Value[Trigram(head)])
        {
            return false; // no word starts with these letters: most ordinary words end here
        }

        Span<char> lower = stackalloc char[end - start];
        text.AsSpan(start, end - start).ToLowerInvariant(lower);
        var ways = Split(english, lower);
        if (ways is null)
        {
            return false;
        }

        var chosen = ways[0];
        if (ways.Count > 1)
        {
            Span<int> buffer = stackalloc int[MaxLetters / 3];
            foreach (var way in ways)
            {
                var indices = buffer[..way.Length];
                for (var k = 0; k < way.Length; k++)
                {
                    indices[k] = way[k].Index;
                }

                if (Bip39Checksum.IsValid(indices))
                {
                    chosen = way;
                    break;
                }
            }
        }

        run ??= [];
        var at = start;
        foreach (var (index, length) in chosen)
        {
            run.Add(new MnemonicWord(at, at + length, index, Typo: false, GapBefore: at == start, Glued: true));
            at += length;
        }

        return true;
    }

    /// <summary>Whether the letters split at all, without allocating: a reachability pass over word boundaries in
    /// which a position is tried only when some word starts with its next three letters (one table lookup; ordinary
    /// words fail there at once).</summary>
    private static bool CanSplit(Bip39Wordlist list, ReadOnlySpan<char> lower)
    {
        var starts = s_starts.Value;
        Span<bool> reached = stackalloc bool[lower.Length + 1];
        reached.Clear();
        reached[0] = true;
        for (var at = 0; at + MinWordLength <= lower.Length; at++)
        {
            if (!reached[at] || !starts[Trigram(lower[at..])])
            {
                continue;
            }

            for (var length = MinWordLength; length <= MaxWordLength && at + length <= lower.Length; length++)
            {
                if (!reached[at + length] && list.IndexOfLower(lower.Slice(at, length)) >= 0)
                {
                    reached[at + length] = true;
                }
            }
        }

        return reached[lower.Length];
    }

    // Which three-letter beginnings some English word has (26^3 flags).
    private static readonly Lazy<bool[]> s_starts = new(() =>
    {
        var starts = new bool[26 * 26 * 26];
        foreach (var word in Bip39Wordlist.English.Words)
        {
            starts[Trigram(word)] = true;
        }

        return starts;
    });

    private static int Trigram(ReadOnlySpan<char> lower) =>
        (char.IsAsciiLetterLower(lower[0]) && char.IsAsciiLetterLower(lower[1]) && char.IsAsciiLetterLower(lower[2]))
            ? ((lower[0] - 'a') * 676) + ((lower[1] - 'a') * 26) + (lower[2] - 'a')
            : 0;

    /// <summary>Depth-first over word boundaries; positions from which no split finishes are remembered, so an
    /// ordinary word costs a handful of dictionary lookups and a glued phrase stays linear.</summary>
    private static bool Walk(Bip39Wordlist list, ReadOnlySpan<char> lower, int at, Span<bool> dead,
        List<(int Index, int Length)> path, ref List<(int Index, int Length)[]>? ways)
    {
        if (at == lower.Length)
        {
            (ways ??= []).Add([.. path]);
            return true;
        }

        if (dead[at])
        {
            return false;
        }

        var finished = false;
        for (var length = Math.Min(MaxWordLength, lower.Length - at); length >= MinWordLength; length--)
        {
            var index = list.IndexOfLower(lower.Slice(at, length));
            if (index < 0)
            {
                continue;
            }

            path.Add((index, length));
            finished |= Walk(list, lower, at + length, dead, path, ref ways);
            path.RemoveAt(path.Count - 1);
            if (ways is { Count: >= MaxWays })
            {
                return true;
            }
        }

        dead[at] = !finished;
        return finished;
    }
}

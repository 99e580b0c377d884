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
        Span<bool> dead = stackalloc bool[lower.Length + 1];
        dead.Clear();
        List<(int Index, int Length)[]>? ways = null;
        var path = new List<(int Index, int Length)>();
        Walk(list, lower, 0, dead, path, ref ways);
        return ways;
    }

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

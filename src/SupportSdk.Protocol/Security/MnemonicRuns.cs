namespace SupportSdk.Security;

/// <summary>What English and Chinese phrase detection share: BIP39 sizes, the checksum over a run of words,
/// the spaced-run rule and reporting.</summary>
internal static class MnemonicRuns
{
    public const int MinWords = 12;
    public const int MaxWords = 24;
    private const int MaxSpill = 3;

    /// <summary>12+ exact words: High when a BIP39-sized window (give or take a few spilled-over words at either
    /// end) has a valid checksum, else Medium (a mistyped phrase is still a phrase).</summary>
    public static void ReportSpacedRun(ReadOnlySpan<MnemonicWord> words, List<SecretFinding> findings)
    {
        if (!TryReportValid(words, findings))
        {
            Add(findings, words, SecretConfidence.Medium);
        }
    }

    /// <summary>Reports, with high confidence, the largest BIP39-sized window with a valid checksum that leaves at
    /// most a few spilled-over words at either end; <see langword="false"/> when there is none.</summary>
    public static bool TryReportValid(ReadOnlySpan<MnemonicWord> words, List<SecretFinding> findings)
    {
        for (var size = MaxWords; size >= MinWords; size -= 3)
        {
            // A spilled-over word can make another window valid by chance (1 in 16 for 12 words): report every valid
            // window of the size as one span, so the phrase is covered whichever window is the real one.
            int first = -1, last = -1;
            for (var start = 0; start <= MaxSpill && start + size <= words.Length; start++)
            {
                if (words.Length - size - start <= MaxSpill && ChecksumValid(words.Slice(start, size)))
                {
                    first = first < 0 ? start : first;
                    last = start;
                }
            }

            if (first >= 0)
            {
                Add(findings, words[first..(last + size)], SecretConfidence.High);
                return true;
            }
        }

        return false;
    }

    public static bool ChecksumValid(ReadOnlySpan<MnemonicWord> words)
    {
        Span<int> indices = stackalloc int[MaxWords];
        for (var k = 0; k < words.Length; k++)
        {
            indices[k] = words[k].Index;
        }

        return Bip39Checksum.IsValid(indices[..words.Length]);
    }

    public static void Add(List<SecretFinding> findings, ReadOnlySpan<MnemonicWord> words, SecretConfidence confidence) =>
        findings.Add(new SecretFinding(SecretKind.Mnemonic, words[0].Start, words[^1].End - words[0].Start, confidence));

    public static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}

/// <summary>One wordlist word found in a text: its span, its index (-1 for an ambiguous typo), whether it is a
/// corrected typo, whether a separator stands between it and the previous word, and whether it was split out of
/// words written together ("abandonability").</summary>
internal readonly record struct MnemonicWord(int Start, int End, int Index, bool Typo, bool GapBefore, bool Glued = false);

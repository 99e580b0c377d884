using static SupportSdk.Security.MnemonicRuns;

namespace SupportSdk.Security;

/// <summary>Finds Simplified and Traditional Chinese BIP39 phrases, where every character is a word.</summary>
/// <remarks>
/// Characters written one by one ("有 决 献 ...", "1.有 2.决 ...", "一、有 二、决 ...") follow the spaced-run rule.
/// Written together they are harder: the Chinese lists hold the 2048 most common characters, so prose is made of
/// them. An unspaced run must then carry a valid checksum and either be the whole text, or follow a seed-phrase
/// keyword (助记词, seed ...), or fill its clause exactly and not read like prose (few of the most frequent
/// characters). A run that is the whole text or fills the clause right after a keyword is held to a test that a
/// random phrase fails less than once in ten million (<see cref="Strictness.Weak"/>); elsewhere the bar is higher, which costs about 3% of bare phrases embedded in prose. After a keyword a run whose checksum fails is still
/// reported with medium confidence.
/// </remarks>
internal static partial class ChineseMnemonicDetector
{
    private static readonly string[] s_keywords =
    [
        "助记词", "助記詞", "助记", "助記", "记忆词", "恢复短语", "恢復短語", "恢复词", "恢復詞", "种子", "種子",
        "备份短语", "備份短語", "备份词", "钱包短语", "seed", "mnemonic", "recovery", "phrase", "words",
    ];

    /// <summary>Scans for phrases of one list.</summary>
    /// <param name="text">The text.</param>
    /// <param name="list">The Simplified or Traditional list.</param>
    /// <param name="findings">Receives the findings.</param>
    /// <param name="numerals">Whether Chinese numerals followed by 、 . ) number the words; a phrase may hold 一 or 二
    /// as words too, so a caller that got <see langword="true"/> back scans again without.</param>
    /// <returns>Whether some numeral was read as numbering.</returns>
    public static bool Scan(string text, Bip39Wordlist list, List<SecretFinding> findings, bool numerals)
    {
        var numbered = false;
        List<MnemonicWord>? run = null;
        var gap = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (numerals && IsNumeral(c) && NumberingEnd(text, i) is var end and > 0)
            {
                gap = true; // "一、" "（二）" "三." number the words
                numbered = true;
                i = end;
                continue;
            }

            var index = list.IndexOf(c);
            if (index >= 0)
            {
                (run ??= []).Add(new MnemonicWord(i, i + 1, index, Typo: false, gap));
                gap = false;
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                var j = SkipDigits(text, i);
                if (j - i > 2)
                {
                    FlushChinese(text, run, findings);
                }

                gap = true;
                i = j;
            }
            else
            {
                if (char.IsLetter(c) || char.IsSurrogate(c))
                {
                    FlushChinese(text, run, findings);
                }

                gap = true;
                i++;
            }
        }

        FlushChinese(text, run, findings);
        return numbered;
    }

    private static void FlushChinese(string text, List<MnemonicWord>? run, List<SecretFinding> findings)
    {
        if (run is null || run.Count == 0)
        {
            return;
        }

        if (run.Count >= MinWords)
        {
            EvaluateChinese(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run), findings);
        }

        run.Clear();
    }

    private static void EvaluateChinese(string text, ReadOnlySpan<MnemonicWord> run, List<SecretFinding> findings)
    {
        // Characters written one by one ("有 决 献 ...", "1.有 2.决 ...") read like an English phrase.
        // The chunk's first character may be the last one of prose ("助记词 1)怨 2)舒 ...") or the phrase's first
        // ("助记词是卷 潔 伊 ..."): the spill-over windows of ReportSpacedRun cover both.
        var start = 0;
        for (var k = 1; k <= run.Length; k++)
        {
            if (k == run.Length || !run[k].GapBefore)
            {
                if (k - start >= MinWords)
                {
                    ReportSpacedRun(run[start..k], findings);
                }

                start = k;
            }
        }

        // Characters written together ("有决献凝级浩勃广她官擦韩"): prose is made of the same characters.
        start = 0;
        for (var k = 1; k <= run.Length; k++)
        {
            if (k == run.Length || run[k].GapBefore)
            {
                if (k - start >= MinWords)
                {
                    ReportUnspaced(text, run[start..k], findings);
                }

                start = k;
            }
        }
    }

    private static void ReportUnspaced(string text, ReadOnlySpan<MnemonicWord> chunk, List<SecretFinding> findings)
    {
        // The whole text, or the clause right after a keyword, is one run with a valid checksum: the phrase, unless it
        // reads like prose.
        if (IsWholeText(text, chunk) && TryReportExact(chunk, findings))
        {
            return;
        }

        var anchor = FindAnchor(text, chunk, out var unskipped);
        foreach (var start in (ReadOnlySpan<int>)[anchor, unskipped])
        {
            if (start >= 0 && TryReportExact(chunk[start..], findings))
            {
                return;
            }
        }

        if (anchor >= 0 && chunk.Length - anchor >= MinWords)
        {
            var rest = chunk[anchor..];
            for (var size = MaxWords; size >= MinWords; size -= 3)
            {
                for (var offset = 0; offset <= 1 && offset + size <= rest.Length; offset++)
                {
                    if (LooksRandom(rest.Slice(offset, size), Strictness.Loose) && ChecksumValid(rest.Slice(offset, size)))
                    {
                        Add(findings, rest.Slice(offset, size), SecretConfidence.High);
                        return;
                    }
                }
            }

            var likely = rest[..Math.Min(rest.Length, MaxWords)];
            if (LooksRandom(likely, Strictness.Medium))
            {
                Add(findings, likely, SecretConfidence.Medium);
            }

            return;
        }

        for (var size = Math.Min(MaxWords, chunk.Length); size >= MinWords; size--)
        {
            if (!Bip39Checksum.IsValidLength(size))
            {
                continue;
            }

            if (size == chunk.Length)
            {
                if (LooksRandom(chunk, Strictness.Loose) && ChecksumValid(chunk))
                {
                    Add(findings, chunk, SecretConfidence.High);
                    return;
                }

                continue;
            }

            foreach (var window in (ReadOnlySpan<Range>)[new Range(0, size), new Range(^size, ^0)])
            {
                var words = chunk[window];
                if (LooksRandom(words, Strictness.Strict) && ChecksumValid(words))
                {
                    Add(findings, words, SecretConfidence.High);
                    return;
                }
            }
        }
    }

    private static bool TryReportExact(ReadOnlySpan<MnemonicWord> words, List<SecretFinding> findings)
    {
        if (!Bip39Checksum.IsValidLength(words.Length) || !LooksRandom(words, Strictness.Weak) || !ChecksumValid(words))
        {
            return false;
        }

        Add(findings, words, SecretConfidence.High);
        return true;
    }

    /// <summary>The index in <paramref name="chunk"/> right after a seed-phrase keyword (and a following 是/为),
    /// when such a keyword ends inside the chunk or shortly before it; otherwise -1. <paramref name="unskipped"/> is
    /// the index before 是/为/如下 were skipped (a phrase may start with one of them), or -1 when none was.</summary>
    private static int FindAnchor(string text, ReadOnlySpan<MnemonicWord> chunk, out int unskipped)
    {
        unskipped = -1;
        var from = Math.Max(0, chunk[0].Start - 40);
        var window = text.AsSpan(from, chunk[^1].End - from);
        var keywordEnd = -1;
        foreach (var keyword in s_keywords)
        {
            var at = window.LastIndexOf(keyword, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                keywordEnd = Math.Max(keywordEnd, from + at + keyword.Length);
            }
        }

        if (keywordEnd < 0)
        {
            return -1;
        }

        var anchor = 0;
        while (anchor < chunk.Length && chunk[anchor].Start < keywordEnd)
        {
            anchor++;
        }

        var keywordAt = anchor;
        if (anchor < chunk.Length && text[chunk[anchor].Start] is '是' or '为' or '為' or '乃')
        {
            anchor++;
        }

        if (anchor + 1 < chunk.Length && text[chunk[anchor].Start] == '如' && text[chunk[anchor + 1].Start] == '下')
        {
            anchor += 2;
        }

        unskipped = anchor != keywordAt ? keywordAt : -1;
        return anchor;
    }
}

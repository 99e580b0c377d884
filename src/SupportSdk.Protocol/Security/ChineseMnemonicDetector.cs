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
internal static class ChineseMnemonicDetector
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

    /// <summary>Whether nothing but white space, punctuation and symbols surrounds the run: the text is the phrase.</summary>
    private static bool IsWholeText(string text, ReadOnlySpan<MnemonicWord> chunk)
    {
        static bool Bare(ReadOnlySpan<char> rest)
        {
            foreach (var c in rest)
            {
                if (char.IsLetterOrDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        return Bare(text.AsSpan(0, chunk[0].Start)) && Bare(text.AsSpan(chunk[^1].End));
    }

    private static bool IsNumeral(char c) => c is '一' or '二' or '三' or '四' or '五' or '六' or '七' or '八' or '九' or '十' or '〇' or '零';

    /// <summary>The end of Chinese numbering at <paramref name="start"/> ("一、", "十二.", "（三）", "(四)"), or -1.</summary>
    private static int NumberingEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && end - start < 3 && IsNumeral(text[end]))
        {
            end++;
        }

        if (end >= text.Length)
        {
            return -1;
        }

        var opened = start > 0 && text[start - 1] is '(' or '（';
        return text[end] switch
        {
            '、' or '.' or '．' or ':' or '：' => end + 1,
            ')' or '）' when opened || end - start <= 2 => end + 1,
            _ => -1,
        };
    }

    /// <summary>Whether characters look drawn at random from the list rather than written as prose. The Chinese
    /// lists are sorted by frequency, so prose leans to low indices: on the help-center corpus the mean index of
    /// 12 prose characters is at least 700 for 1.8% of windows, against 97% for random phrases. Characters holding
    /// common two-character words (<see cref="ChineseProse"/>) are prose at every level.</summary>
    private static bool LooksRandom(ReadOnlySpan<MnemonicWord> words, Strictness strictness)
    {
        if (ChineseProse.ReadsLikeProse(words))
        {
            return false;
        }

        int sum = 0, top128 = 0, top512 = 0;
        foreach (var word in words)
        {
            sum += word.Index;
            top128 += word.Index < 128 ? 1 : 0;
            top512 += word.Index < 512 ? 1 : 0;
        }

        var n = words.Length;
        if (strictness == Strictness.Weak)
        {
            // The mean of ln(index + 1), whose lower tail for random phrases is computed exactly (convolution of the
            // uniform distribution): a random phrase falls below these bounds less than once in 10^7.
            var logs = 0.0;
            foreach (var word in words)
            {
                logs += Math.Log(word.Index + 1);
            }

            return logs / n >= n switch { 12 => 4.48, 15 => 4.76, 18 => 4.96, 21 => 5.11, _ => 5.23 };
        }

        return strictness switch
        {
            Strictness.Loose => sum >= 600 * n && top128 <= n / 4 && top512 <= n / 2,
            Strictness.Medium => sum >= 650 * n && top128 <= n / 6 && top512 <= n / 3,
            _ => sum >= 700 * n && top128 <= n / 6 && top512 <= n / 2,
        };
    }

    private enum Strictness
    {
        Weak,
        Loose,
        Medium,
        Strict,
    }
}

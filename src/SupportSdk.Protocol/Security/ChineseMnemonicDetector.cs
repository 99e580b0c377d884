using static SupportSdk.Security.MnemonicRuns;

namespace SupportSdk.Security;

/// <summary>Finds Simplified and Traditional Chinese BIP39 phrases, where every character is a word.</summary>
/// <remarks>
/// Characters written one by one ("有 决 献 ...", "1.有 2.决 ...") follow the spaced-run rule. Written together
/// they are harder: the Chinese lists hold the 2048 most common characters, so prose is made of them. An unspaced
/// run must then carry a valid checksum, not read like prose (few of the most frequent characters) and either fill
/// its clause exactly or follow a seed-phrase keyword (助记词, seed ...); after a keyword a run whose checksum fails
/// is still reported with medium confidence.
/// </remarks>
internal static class ChineseMnemonicDetector
{
    private static readonly string[] s_keywords =
    [
        "助记词", "助記詞", "助记", "助記", "记忆词", "恢复短语", "恢復短語", "恢复词", "恢復詞", "种子", "種子",
        "备份短语", "備份短語", "备份词", "钱包短语", "seed", "mnemonic", "recovery", "phrase", "words",
    ];

    public static void Scan(string text, Bip39Wordlist list, List<SecretFinding> findings)
    {
        List<MnemonicWord>? run = null;
        var gap = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
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
        var anchor = FindAnchor(text, chunk);
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

    /// <summary>The index in <paramref name="chunk"/> right after a seed-phrase keyword (and a following 是/为),
    /// when such a keyword ends inside the chunk or shortly before it; otherwise -1.</summary>
    private static int FindAnchor(string text, ReadOnlySpan<MnemonicWord> chunk)
    {
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

        if (anchor < chunk.Length && text[chunk[anchor].Start] is '是' or '为' or '為' or '乃')
        {
            anchor++;
        }

        if (anchor + 1 < chunk.Length && text[chunk[anchor].Start] == '如' && text[chunk[anchor + 1].Start] == '下')
        {
            anchor += 2;
        }

        return anchor;
    }

    /// <summary>Whether characters look drawn at random from the list rather than written as prose. The Chinese
    /// lists are sorted by frequency, so prose leans to low indices: on the help-center corpus the mean index of
    /// 12 prose characters is at least 700 for 1.8% of windows, against 97% for random phrases.</summary>
    private static bool LooksRandom(ReadOnlySpan<MnemonicWord> words, Strictness strictness)
    {
        int sum = 0, top128 = 0, top512 = 0;
        foreach (var word in words)
        {
            sum += word.Index;
            top128 += word.Index < 128 ? 1 : 0;
            top512 += word.Index < 512 ? 1 : 0;
        }

        var n = words.Length;
        return strictness switch
        {
            Strictness.Loose => sum >= 600 * n && top128 <= n / 4 && top512 <= n / 2,
            Strictness.Medium => sum >= 650 * n && top128 <= n / 6 && top512 <= n / 3,
            _ => sum >= 700 * n && top128 <= n / 6 && top512 <= n / 2,
        };
    }

    private enum Strictness
    {
        Loose,
        Medium,
        Strict,
    }
}

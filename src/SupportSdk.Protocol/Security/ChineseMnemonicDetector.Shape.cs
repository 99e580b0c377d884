namespace SupportSdk.Security;

// How ChineseMnemonicDetector tells a run of characters from prose: where it stands (the
// whole text, after numbering) and whether its characters look drawn at random from the list.
internal static partial class ChineseMnemonicDetector
{
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

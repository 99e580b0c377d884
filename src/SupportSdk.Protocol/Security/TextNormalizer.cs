using System.Globalization;
using System.Text;
using SupportSdk.Channels;

namespace SupportSdk.Security;

/// <summary>
/// Undoes the ways a secret (or a request for one) is disguised before the detectors read the text:
/// Unicode NFKC (full-width letters and digits, circled and parenthesized numbers, mathematical letters, ligatures),
/// invisible characters removed (zero-width space, joiners, word joiner, soft hyphen, BOM, bidi controls, variation
/// selectors), combining marks on Latin letters dropped, Cyrillic and Greek look-alike letters and Latin letters with
/// diacritics folded to plain Latin (<see cref="Confusables.TryFoldLetter"/>) — and, in <see cref="Compact"/>, letters
/// spaced out one by one ("H u n t e r 2", "s.e.e.d") joined and spaces between Chinese characters removed.
/// </summary>
/// <remarks>
/// Every output character keeps the span of the original it came from (<see cref="NormalizedText"/>), so findings are
/// reported in the caller's text. Text with nothing to change (ASCII and CJK ideographs, the common case) is returned
/// as is, after one pass that mostly runs vectorized; per-character facts are computed once and cached.
/// </remarks>
internal static partial class TextNormalizer
{
    /// <summary>NFKC, invisible characters removed, combining marks on Latin letters dropped, look-alike letters
    /// folded to Latin. A word is folded only when it has a Latin letter or every letter of it has a Latin
    /// look-alike ("ѕeed", "ѕее"), so Russian or Greek prose stays as written.</summary>
    public static NormalizedText Fold(string text)
    {
        var first = FirstSpecial(text, foldLetters: true);
        return first < 0 ? NormalizedText.Identity(text) : RewriteAligned(text, first) ?? Rewrite(text, first, foldLetters: true);
    }

    /// <summary>The text links are looked for in: NFKC (a full-width "ｅｘａｍｐｌｅ．ｃｏｍ" is a link a browser
    /// opens), invisible characters removed, and an ideographic full stop between two letters or digits read as a dot
    /// ("evil。com"), as IDNA does. Look-alike letters are kept: the channel verifier judges those.</summary>
    public static string ForLinks(string text)
    {
        var first = FirstSpecial(text, foldLetters: false);
        var normalized = first < 0 ? text : Rewrite(text, first, foldLetters: false).Text;
        if (!normalized.Contains('\u3002', StringComparison.Ordinal))
        {
            return normalized;
        }

        var chars = normalized.ToCharArray();
        for (var i = 1; i + 1 < chars.Length; i++)
        {
            if (chars[i] == '\u3002' && char.IsAsciiLetterOrDigit(chars[i - 1]) && char.IsAsciiLetterOrDigit(chars[i + 1]))
            {
                chars[i] = '.';
            }
        }

        return new string(chars);
    }

    /// <summary>Whether a character is a CJK unified ideograph (basic block or extension A).</summary>
    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static int FirstSpecial(string text, bool foldLetters)
    {
        var span = text.AsSpan();
        var i = span.IndexOfAnyExceptInRange('\0', '\u007F');
        if (i < 0)
        {
            return -1;
        }

        for (; i < span.Length; i++)
        {
            var c = span[i];
            if (c < '\u0080' || IsCjk(c))
            {
                continue;
            }

            if (IsPlainPair(span, i))
            {
                i++;
                continue;
            }

            var kind = KindOf(c);
            if (kind == Invisible || kind == Decompose || (foldLetters && kind == FoldOnly))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The common case of a rewrite, without a position map: every character maps to one character
    /// (full-width punctuation in Chinese text, a look-alike letter), nothing is removed or expanded.</summary>
    private static NormalizedText? RewriteAligned(string text, int first)
    {
        var chars = text.ToCharArray();
        for (var i = first; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c < '\u0080' || IsCjk(c))
            {
                continue;
            }

            if (IsPlainPair(chars, i))
            {
                i++;
                continue;
            }

            var kind = KindOf(c);
            if (kind == Decompose && SingleOf(c) is var single and not '\0' && (i + 1 == chars.Length || !IsMark(chars[i + 1])))
            {
                chars[i] = single;
            }
            else if (kind is not (Plain or FoldOnly))
            {
                return null;
            }
        }

        FoldWords(chars);
        var folded = new string(chars);
        return folded == text ? NormalizedText.Identity(text) : NormalizedText.Aligned(text, folded);
    }

    private static NormalizedText Rewrite(string text, int first, bool foldLetters)
    {
        // A combining mark belongs to the character before it: start the rewrite there.
        var start = first;
        while (start > 0 && IsMark(text[start]))
        {
            start--;
        }

        var output = new StringBuilder(text.Length + 8);
        var starts = new List<int>(text.Length + 8);
        var ends = new List<int>(text.Length + 8);
        for (var k = 0; k < start; k++)
        {
            output.Append(text[k]);
            starts.Add(k);
            ends.Add(k + 1);
        }

        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1);
            while (next < text.Length && IsMark(text[next]))
            {
                next++;
            }

            var kind = next == i + 1 && c >= '\u0080' && !IsCjk(c) ? KindOf(c) : next == i + 1 ? Plain : Decompose;
            if (kind is Plain or FoldOnly)
            {
                output.Append(c);
                starts.Add(i);
                ends.Add(next);
            }
            else if (kind == Decompose)
            {
                AppendNormalized(text, i, next, foldLetters, output, starts, ends);
            }

            i = next;
        }

        var chars = output.ToString().ToCharArray();
        if (foldLetters)
        {
            FoldWords(chars);
        }

        return NormalizedText.Mapped(text, new string(chars), [.. starts], [.. ends]);
    }

    private static void AppendNormalized(string text, int start, int end, bool dropMarks, StringBuilder output, List<int> starts, List<int> ends)
    {
        if (end == start + 1 && SingleOf(text[start]) is var single and not '\0')
        {
            output.Append(single);
            starts.Add(start);
            ends.Add(end);
            return;
        }

        var cluster = text.Substring(start, end - start);
        string normalized;
        try
        {
            normalized = cluster.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            normalized = cluster; // a lone surrogate: nothing to normalize
        }

        var latinBase = normalized.Length > 0 && normalized[0] < '\u0250';
        foreach (var ch in normalized)
        {
            if (IsInvisibleChar(ch) || (dropMarks && latinBase && IsMark(ch)))
            {
                continue;
            }

            output.Append(ch);
            starts.Add(start);
            ends.Add(end);
        }
    }

    /// <summary>Folds look-alike letters in the words that have a Latin letter or consist of look-alikes only.</summary>
    private static void FoldWords(Span<char> output)
    {
        var i = 0;
        while (i < output.Length)
        {
            if (!char.IsLetter(output[i]))
            {
                i++;
                continue;
            }

            var j = i;
            bool latin = false, foldable = false, allFoldable = true;
            for (; j < output.Length && char.IsLetter(output[j]); j++)
            {
                var c = output[j];
                latin |= char.IsAsciiLetter(c);
                var folds = c is >= '\u0080' and < '\u2000' && Confusables.TryFoldLetter(c, out _);
                foldable |= folds;
                allFoldable &= folds || char.IsAsciiLetter(c);
            }

            if (foldable && (latin || allFoldable))
            {
                for (var k = i; k < j; k++)
                {
                    if (output[k] is >= '\u0080' and < '\u2000' && Confusables.TryFoldLetter(output[k], out var plain))
                    {
                        output[k] = plain;
                    }
                }
            }

            i = j;
        }
    }
}

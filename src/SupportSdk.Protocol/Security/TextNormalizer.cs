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
internal static class TextNormalizer
{
    private const byte Plain = 1;
    private const byte FoldOnly = 2;
    private const byte Invisible = 3;
    private const byte Decompose = 4;

    // Per UTF-16 code unit: 0 = not computed yet, else one of the constants above. Races only recompute a value.
    private static readonly byte[] s_kinds = new byte[char.MaxValue + 1];

    // Per UTF-16 code unit, once needed: its NFKC form when that is one character, '\uFFFF' when not, 0 = not computed.
    private static char[]? s_singles;

    /// <summary>NFKC, invisible characters removed, combining marks on Latin letters dropped, look-alike letters
    /// folded to Latin. A word is folded only when it has a Latin letter or every letter of it has a Latin
    /// look-alike ("ѕeed", "ѕее"), so Russian or Greek prose stays as written.</summary>
    public static NormalizedText Fold(string text)
    {
        var first = FirstSpecial(text, foldLetters: true);
        return first < 0 ? NormalizedText.Identity(text) : RewriteAligned(text, first) ?? Rewrite(text, first, foldLetters: true);
    }

    /// <summary>The folded text with letters spaced out one by one joined (three or more single letters or digits
    /// separated by the same single space, tab, <c>.</c>, <c>-</c>, <c>_</c> or <c>*</c>; the punctuation ones only
    /// between letters, so dates and version numbers stay) and white space between two CJK ideographs removed.</summary>
    public static NormalizedText Compact(NormalizedText folded)
    {
        var text = folded.Text;
        bool[]? drop = null;
        MarkSpacedLetters(text, ref drop);
        if (text.AsSpan().IndexOfAnyInRange('\u3400', '\u9FFF') >= 0)
        {
            MarkCjkSpaces(text, ref drop);
        }

        if (drop is null)
        {
            return folded;
        }

        var kept = text.Length - drop.AsSpan().Count(true);
        var chars = new char[kept];
        var starts = new int[kept];
        var ends = new int[kept];
        for (int i = 0, k = 0; i < text.Length; i++)
        {
            if (!drop[i])
            {
                chars[k] = text[i];
                starts[k] = folded.StartOf(i);
                ends[k] = folded.EndOf(i);
                k++;
            }
        }

        return NormalizedText.Mapped(folded.Original, new string(chars), starts, ends);
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

    /// <summary>Whether a surrogate pair starts at <paramref name="i"/> whose code point NFKC leaves alone and that
    /// is neither a letter nor invisible (emoji, symbols), so it needs no rewrite. Mathematical and enclosed letters,
    /// compatibility ideographs and tag characters do.</summary>
    private static bool IsPlainPair(ReadOnlySpan<char> text, int i)
    {
        if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
        {
            return false;
        }

        var cp = char.ConvertToUtf32(text[i], text[i + 1]);
        return cp is (>= 0x1F300 and <= 0x1FAFF) or (>= 0x1F000 and <= 0x1F0FF) or (>= 0x10000 and < 0x1D400) && !Rune.IsLetter(new Rune(cp));
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
                var folds = c >= '\u0080' && Confusables.TryFoldLetter(c, out _);
                foldable |= folds;
                allFoldable &= folds || char.IsAsciiLetter(c);
            }

            if (foldable && (latin || allFoldable))
            {
                for (var k = i; k < j; k++)
                {
                    if (output[k] >= '\u0080' && Confusables.TryFoldLetter(output[k], out var plain))
                    {
                        output[k] = plain;
                    }
                }
            }

            i = j;
        }
    }

    /// <summary>Whether the text spells something out letter by letter: three or more lone letters or digits in a
    /// row, each separated by one space ("s e n d").</summary>
    public static bool HasSpacedLetters(string text)
    {
        bool[]? drop = null;
        MarkSpacedLetters(text, ref drop);
        return drop is not null;
    }

    private static void MarkSpacedLetters(string text, ref bool[]? drop)
    {
        // Chains of lone characters; a chain of two ("m e") joins only when the text also has a longer one, i.e.
        // when the writer spaces letters out ("s e n d  m e  y o u r ...").
        List<(int Start, int End)>? pairs = null;
        var i = 0;
        while (i < text.Length)
        {
            // Jump to the next separator that has a lone character before it (most separators follow a word).
            var next = text.AsSpan(i + 1).IndexOfAny(SpacingSeparators);
            if (next < 0)
            {
                break;
            }

            i += next;
            if (!IsLoneLetterOrDigit(text, i) || i + 2 >= text.Length)
            {
                i++;
                continue;
            }

            var separator = text[i + 1];
            var spaces = separator is ' ' or '\t';
            if (!spaces && separator is not ('.' or '-' or '_' or '*'))
            {
                i++;
                continue;
            }

            var end = i;
            var letters = char.IsLetter(text[i]);
            while (end + 2 < text.Length && text[end + 1] == separator && IsLoneLetterOrDigit(text, end + 2)
                && (spaces || char.IsLetter(text[end + 2])))
            {
                end += 2;
            }

            var count = ((end - i) / 2) + 1;
            if (count >= 3 && (spaces || letters))
            {
                drop ??= new bool[text.Length];
                for (var k = i + 1; k < end; k += 2)
                {
                    drop[k] = true;
                }
            }
            else if (count == 2 && spaces)
            {
                (pairs ??= []).Add((i, end));
            }

            i = end + 1;
        }

        if (drop is not null && pairs is not null)
        {
            foreach (var (start, _) in pairs)
            {
                drop[start + 1] = true;
            }
        }
    }

    private static readonly System.Buffers.SearchValues<char> SpacingSeparators = System.Buffers.SearchValues.Create(" \t.-_*");

    private static bool IsLoneLetterOrDigit(string text, int i) =>
        char.IsLetterOrDigit(text[i])
        && (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
        && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1]));

    private static void MarkCjkSpaces(string text, ref bool[]? drop)
    {
        var i = text.AsSpan().IndexOfAny(' ', '\t', '\u3000');
        while (i >= 0 && i < text.Length)
        {
            var end = i;
            while (end < text.Length && text[end] is ' ' or '\t' or '\u3000')
            {
                end++;
            }

            if (i > 0 && end < text.Length && IsCjk(text[i - 1]) && IsCjk(text[end]))
            {
                drop ??= new bool[text.Length];
                Array.Fill(drop, true, i, end - i);
            }

            var next = end < text.Length ? text.AsSpan(end).IndexOfAny(' ', '\t', '\u3000') : -1;
            i = next < 0 ? -1 : end + next;
        }
    }

    private static bool IsMark(char c) =>
        c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsInvisibleChar(char c) =>
        c is '\u034F' or '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or (>= '\uFE00' and <= '\uFE0F')
        || (c >= '\u00AD' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>The one character a character's NFKC form is, or '\0' when it is several (or none, or invisible).</summary>
    private static char SingleOf(char c)
    {
        var singles = s_singles ??= new char[char.MaxValue + 1];
        var single = singles[c];
        if (single == '\0')
        {
            var normalized = char.IsSurrogate(c) ? string.Empty : c.ToString().Normalize(NormalizationForm.FormKC);
            single = normalized.Length == 1 && !IsInvisibleChar(normalized[0]) && !IsMark(normalized[0]) ? normalized[0] : '\uFFFF';
            singles[c] = single;
        }

        return single == '\uFFFF' ? '\0' : single;
    }

    private static byte KindOf(char c)
    {
        var kind = s_kinds[c];
        if (kind == 0)
        {
            kind = Classify(c);
            s_kinds[c] = kind;
        }

        return kind;
    }

    private static byte Classify(char c)
    {
        if (IsInvisibleChar(c))
        {
            return Invisible;
        }

        if (char.IsSurrogate(c) || IsMark(c) || !c.ToString().IsNormalized(NormalizationForm.FormKC))
        {
            return Decompose;
        }

        return Confusables.TryFoldLetter(c, out _) ? FoldOnly : Plain;
    }
}

namespace SupportSdk.Security;

// The spacing half of TextNormalizer: letters spaced out one by one joined, white space
// between Chinese characters removed.
internal static partial class TextNormalizer
{
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
}

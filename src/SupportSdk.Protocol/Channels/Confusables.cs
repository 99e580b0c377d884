using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace SupportSdk.Channels;

/// <summary>
/// A skeleton in the spirit of UTS #39 (confusables), reduced to what matters for Latin-script brand names:
/// compatibility decomposition (full-width, mathematical letters, ligatures), diacritics removed, Cyrillic and Greek
/// look-alikes mapped to Latin, digits 0→o and 1→l, then the multi-letter confusables rn→m, vv→w, cl→d.
/// Two strings with equal skeletons look the same to a human reader.
/// </summary>
internal static class Confusables
{
    // Single characters (after NFKD) mapped to the Latin letter they imitate.
    private static readonly FrozenDictionary<char, char> Map = new Dictionary<char, char>
    {
        // Cyrillic lower case
        ['а'] = 'a', ['в'] = 'b', ['ь'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['н'] = 'h',
        ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['п'] = 'n', ['о'] = 'o', ['р'] = 'p',
        ['ԛ'] = 'q', ['г'] = 'r', ['ѕ'] = 's', ['т'] = 't', ['у'] = 'y', ['ԝ'] = 'w', ['х'] = 'x', ['ү'] = 'y',
        // Cyrillic upper case
        ['А'] = 'a', ['В'] = 'b', ['С'] = 'c', ['Е'] = 'e', ['Н'] = 'h', ['І'] = 'l', ['Ӏ'] = 'l', ['Ј'] = 'j', ['К'] = 'k',
        ['М'] = 'm', ['О'] = 'o', ['Р'] = 'p', ['Ѕ'] = 's', ['Т'] = 't', ['Х'] = 'x', ['У'] = 'y', ['Ԝ'] = 'w',
        // Greek lower case
        ['α'] = 'a', ['β'] = 'b', ['ϲ'] = 'c', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ω'] = 'w', ['γ'] = 'y',
        // Greek upper case
        ['Α'] = 'a', ['Β'] = 'b', ['Ϲ'] = 'c', ['Ε'] = 'e', ['Ζ'] = 'z', ['Η'] = 'h', ['Ι'] = 'l', ['Κ'] = 'k', ['Μ'] = 'm',
        ['Ν'] = 'n', ['Ο'] = 'o', ['Ρ'] = 'p', ['Τ'] = 't', ['Υ'] = 'y', ['Χ'] = 'x',
        // Latin look-alikes and digits
        ['ı'] = 'i', ['ɩ'] = 'i', ['ł'] = 'l', ['ƚ'] = 'l', ['ɑ'] = 'a', ['ɡ'] = 'g', ['ø'] = 'o', ['đ'] = 'd',
        ['0'] = 'o', ['1'] = 'l', ['|'] = 'l', ['ǀ'] = 'l',
    }.ToFrozenDictionary();

    /// <summary>The skeleton of <paramref name="value"/>, lower case.</summary>
    /// <param name="value">The text.</param>
    /// <param name="capitalIAsL">Map Latin capital I to l (for case-preserving text such as handles, where I and l look alike).</param>
    public static string Skeleton(string value, bool capitalIAsL = false)
    {
        var decomposed = value.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (capitalIAsL && c == 'I')
            {
                builder.Append('l');
            }
            else if (Map.TryGetValue(c, out var latin))
            {
                builder.Append(latin);
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.Replace("rn", "m").Replace("vv", "w").Replace("cl", "d").ToString();
    }

    /// <summary>The skeleton without separators (<c>-</c>, <c>_</c>, <c>.</c>), used to compare brand names.</summary>
    public static string Core(string value, bool capitalIAsL = false) => StripSeparators(Skeleton(value, capitalIAsL));

    /// <summary>Removes <c>-</c>, <c>_</c>, <c>.</c> and spaces.</summary>
    public static string StripSeparators(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is not ('-' or '_' or '.' or ' '))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

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
    // Letters (after NFKD) that imitate a Latin letter, mapped to it with their case: the one table both the
    // channel skeleton and the secret scanner's folding (SupportSdk.Security.TextNormalizer) read.
    private static readonly FrozenDictionary<char, char> LetterMap = new Dictionary<char, char>
    {
        // Cyrillic lower case
        ['а'] = 'a', ['в'] = 'b', ['ь'] = 'b', ['с'] = 'c', ['ԁ'] = 'd', ['е'] = 'e', ['ё'] = 'e', ['һ'] = 'h', ['н'] = 'h',
        ['і'] = 'i', ['ї'] = 'i', ['ј'] = 'j', ['к'] = 'k', ['ӏ'] = 'l', ['м'] = 'm', ['п'] = 'n', ['о'] = 'o', ['р'] = 'p',
        ['ԛ'] = 'q', ['г'] = 'r', ['ѕ'] = 's', ['т'] = 't', ['у'] = 'y', ['ԝ'] = 'w', ['х'] = 'x', ['ү'] = 'y',
        // Cyrillic upper case
        ['А'] = 'A', ['В'] = 'B', ['С'] = 'C', ['Е'] = 'E', ['Н'] = 'H', ['І'] = 'I', ['Ӏ'] = 'I', ['Ј'] = 'J', ['К'] = 'K',
        ['М'] = 'M', ['О'] = 'O', ['Р'] = 'P', ['Ѕ'] = 'S', ['Т'] = 'T', ['Х'] = 'X', ['У'] = 'Y', ['Ԝ'] = 'W',
        // Greek lower case
        ['α'] = 'a', ['β'] = 'b', ['ϲ'] = 'c', ['ε'] = 'e', ['η'] = 'n', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ο'] = 'o',
        ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ω'] = 'w', ['γ'] = 'y',
        // Greek upper case
        ['Α'] = 'A', ['Β'] = 'B', ['Ϲ'] = 'C', ['Ε'] = 'E', ['Ζ'] = 'Z', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M',
        ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P', ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X',
        // Latin look-alikes
        ['ı'] = 'i', ['ɩ'] = 'i', ['ł'] = 'l', ['ƚ'] = 'l', ['ɑ'] = 'a', ['ɡ'] = 'g', ['ø'] = 'o', ['đ'] = 'd', ['ǀ'] = 'l',
    }.ToFrozenDictionary();

    // Not letters, but read as one in a brand name ("examp1e", "b|nance"); never folded in message text, where digits count.
    private static readonly FrozenDictionary<char, char> BrandOnlyMap = new Dictionary<char, char>
    {
        ['0'] = 'o', ['1'] = 'l', ['|'] = 'l',
    }.ToFrozenDictionary();

    /// <summary>The Latin letter a Cyrillic, Greek or Latin look-alike letter, or a Latin letter with diacritics,
    /// imitates, keeping its case (<c>ѕ</c> → <c>s</c>, <c>А</c> → <c>A</c>, <c>é</c> → <c>e</c>).</summary>
    /// <param name="c">A character, already NFKC or NFKD normalized.</param>
    /// <param name="latin">The Latin letter.</param>
    /// <returns><see langword="true"/> when <paramref name="c"/> imitates a Latin letter.</returns>
    public static bool TryFoldLetter(char c, out char latin) =>
        LetterMap.TryGetValue(c, out latin) || (c is >= '\u00C0' and <= '\u1EFF' && DiacriticMap.Value.TryGetValue(c, out latin));

    // Latin letters with diacritics (é, Ş, ộ) mapped to their base letter, derived from Unicode's decompositions.
    private static readonly Lazy<FrozenDictionary<char, char>> DiacriticMap = new(() =>
    {
        var map = new Dictionary<char, char>();
        for (var c = '\u00C0'; c <= '\u1EFF'; c++)
        {
            if (c is > '\u024F' and < '\u1E00' || !char.IsLetter(c))
            {
                continue;
            }

            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            if (decomposed.Length > 1 && char.IsAsciiLetter(decomposed[0]))
            {
                map[c] = decomposed[0];
            }
        }

        return map.ToFrozenDictionary();
    });

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

            if (LetterMap.TryGetValue(c, out var latin))
            {
                // A Cyrillic or Greek capital I reads as l in a skeleton, as it always did; Latin I only on request.
                builder.Append(latin == 'I' ? 'l' : char.ToLowerInvariant(latin));
            }
            else if (capitalIAsL && c == 'I')
            {
                builder.Append('l');
            }
            else if (BrandOnlyMap.TryGetValue(c, out var brand))
            {
                builder.Append(brand);
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

using System.Globalization;
using System.Text;
using SupportSdk.Channels;

namespace SupportSdk.Security;

// What each character needs (nothing, a fold, removal, NFKC), computed once per UTF-16 code unit and cached.
internal static partial class TextNormalizer
{
    private const byte Plain = 1;
    private const byte FoldOnly = 2;
    private const byte Invisible = 3;
    private const byte Decompose = 4;

    // Per UTF-16 code unit: 0 = not computed yet, else one of the constants above. Races only recompute a value.
    private static readonly byte[] s_kinds = new byte[char.MaxValue + 1];

    // Per UTF-16 code unit, once needed: its NFKC form when that is one character, '\uFFFF' when not, 0 = not computed.
    private static char[]? s_singles;

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

    private static bool IsMark(char c) =>
        c >= '\u0300' && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    internal static bool IsInvisibleChar(char c) =>
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

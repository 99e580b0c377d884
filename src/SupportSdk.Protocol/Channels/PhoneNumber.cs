using System.Text;
using System.Text.RegularExpressions;

namespace SupportSdk.Channels;

/// <summary>Phone number parsing and E.164 normalisation.</summary>
internal static partial class PhoneNumber
{
    /// <summary>
    /// Whether the text reads as a phone number: an optional <c>tel:</c> prefix, then only digits, spaces and
    /// <c>+ - ( ) . /</c>, with 6 to 15 digits, and an optional extension (<c>ext 2</c>, <c>x12</c>) that is ignored.
    /// </summary>
    public static bool LooksLikePhone(string text)
    {
        var body = StripTel(text);
        var digits = 0;
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '+' or '-' or '(' or ')' or '.' or '/' or '\u00a0'))
            {
                return false;
            }
        }

        return digits is >= 6 and <= 15;
    }

    /// <summary>
    /// E.164 form (<c>+18005550199</c>) when the number carries a country code (<c>+</c> or a leading <c>00</c>),
    /// otherwise the bare digits without <c>+</c> (a national number). Null when not a phone number.
    /// </summary>
    public static string? Normalise(string? text)
    {
        if (text is null || !LooksLikePhone(text))
        {
            return null;
        }

        var body = StripTel(text).Trim();
        var digits = new StringBuilder();
        foreach (var c in body)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
        }

        var international = body.StartsWith('+');
        var result = digits.ToString();
        if (!international && result.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            result = result[2..];
        }

        return international ? "+" + result : result;
    }

    /// <summary>
    /// Whether <paramref name="candidate"/> (from <see cref="Normalise"/>) is the official E.164 number: equal, or a
    /// national form of it (the official digits without a 1–3 digit country code, optionally with a trunk <c>0</c>,
    /// or with the country code but no <c>+</c>), at least 7 digits.
    /// </summary>
    public static bool Matches(string candidate, string officialE164)
    {
        if (string.Equals(candidate, officialE164, StringComparison.Ordinal))
        {
            return true;
        }

        if (candidate.StartsWith('+') || !officialE164.StartsWith('+'))
        {
            return false;
        }

        var official = officialE164[1..];
        if (string.Equals(candidate, official, StringComparison.Ordinal))
        {
            return true;
        }

        var national = candidate.StartsWith('0') ? candidate[1..] : candidate;
        return national.Length >= 7 && official.EndsWith(national, StringComparison.Ordinal) && official.Length - national.Length is >= 1 and <= 3;
    }

    private static string StripTel(string text)
    {
        var trimmed = text.Trim();
        trimmed = trimmed.StartsWith("tel:", StringComparison.OrdinalIgnoreCase) ? trimmed[4..] : trimmed;
        var extension = Extension().Match(trimmed);
        return extension.Success ? trimmed[..extension.Index] : trimmed;
    }

    // An extension suffix: "ext 2", "ext. 12", "x123", ";ext=9", "#4".
    [GeneratedRegex(@"\s*(?:;ext=|ext\.?|extension|x|#)\s*\d{1,6}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Extension();
}

using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using SupportSdk.Channels;

namespace ExchangeDemo.Verify;

/// <summary>
/// Why a lookalike fools the eye: the address as it looks (Unicode), as it really is (punycode, <c>xn--…</c>), and
/// every character that differs from the official one, marked and named (a Cyrillic or Greek letter, a digit for a
/// letter, an extra or a missing one). The characters are aligned with the official name by edit distance, so swaps,
/// insertions and deletions are all found, whichever script they come from.
/// </summary>
public sealed class LookalikeView
{
    private LookalikeView(string shown, string? punycode, string official, IReadOnlyList<Difference> differences, HtmlString marked)
    {
        Shown = shown;
        Punycode = punycode;
        Official = official;
        Differences = differences;
        Marked = marked;
    }

    /// <summary>The address as it reads on screen (Unicode).</summary>
    public string Shown { get; }

    /// <summary>What the address really is, when it is not plain ASCII: the punycode form a browser connects to.</summary>
    public string? Punycode { get; }

    /// <summary>The official channel it imitates.</summary>
    public string Official { get; }

    /// <summary>The characters that differ, in order.</summary>
    public IReadOnlyList<Difference> Differences { get; }

    /// <summary><see cref="Shown"/> as HTML with each differing character in <c>&lt;span class="glyph-diff"&gt;</c>.</summary>
    public HtmlString Marked { get; }

    /// <summary>One differing character: what is there (null when a character is missing) and what the official name has.</summary>
    public sealed record Difference(string? Found, string? Expected);

    /// <summary>The view of a lookalike verdict, or null when its kind or reason has no character-level story to tell.</summary>
    public static LookalikeView? For(ChannelVerification result)
    {
        if (result.Verdict != ChannelVerdict.Lookalike || result.Matched is not { Length: > 0 } official)
        {
            return null;
        }

        var (shown, ascii) = result.Kind switch
        {
            ChannelKind.Web => Host(result.Input),
            ChannelKind.Email => Host(MailDomain(result.Input)),
            ChannelKind.Handle when official.StartsWith('@') => (HandleOf(result.Input), null),
            _ => (null, null),
        };
        if (shown is null)
        {
            return null;
        }

        var spoofs = shown.Any(c => !char.IsAscii(c)) || ascii?.Contains("xn--", StringComparison.OrdinalIgnoreCase) == true;
        if (!spoofs && result.Reason is not (ChannelReasons.Homoglyph or ChannelReasons.Punycode or ChannelReasons.EditDistance
            or ChannelReasons.TldVariant or ChannelReasons.HandleVariant))
        {
            return null;
        }

        // A web or e-mail host is compared on as many trailing labels as the official domain has: "www." stays unmarked.
        var compared = shown;
        var prefix = string.Empty;
        if (result.Kind != ChannelKind.Handle)
        {
            var labels = shown.Split('.');
            var keep = Math.Min(labels.Length, official.Split('.').Length);
            compared = string.Join('.', labels[^keep..]);
            prefix = shown[..(shown.Length - compared.Length)];
        }

        var found = Elements(result.Kind == ChannelKind.Handle ? compared.TrimStart('@') : compared);
        var (marks, differences) = Align(found, Elements(official.TrimStart('@')));
        var html = new StringBuilder(WebUtility.HtmlEncode(prefix));
        if (result.Kind == ChannelKind.Handle && compared.StartsWith('@'))
        {
            html.Append('@');
        }

        for (var i = 0; i < found.Length; i++)
        {
            var encoded = WebUtility.HtmlEncode(found[i]);
            html.Append(marks[i] || found[i].Any(c => !char.IsAscii(c)) ? $"<span class=\"glyph-diff\">{encoded}</span>" : encoded);
        }

        return new LookalikeView(shown, ascii is not null && !string.Equals(ascii, shown, StringComparison.OrdinalIgnoreCase) ? ascii : null, official,
            differences, new HtmlString(html.ToString()));
    }

    /// <summary>
    /// The host of a URL (or a bare domain) as typed, and its punycode form; an xn-- host is shown decoded. Nulls when
    /// there is no host.
    /// </summary>
    private static (string? Shown, string? Ascii) Host(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return (null, null);
        }

        var text = input.Trim();
        var start = text.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0 ? scheme + 3 : 0;
        var end = text.IndexOfAny(['/', '?', '#', '\\'], start);
        var authority = text[start..(end < 0 ? text.Length : end)];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        if (host.LastIndexOf(':') is var colon and > 0 && !host.StartsWith('[') && host[(colon + 1)..].All(char.IsAsciiDigit))
        {
            host = host[..colon];
        }

        host = host.TrimEnd('.');
        if (host.Length == 0)
        {
            return (null, null);
        }

        var idn = new IdnMapping();
        string? ascii;
        try
        {
            ascii = idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            ascii = null;
        }

        if (host.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return (idn.GetUnicode(host.ToLowerInvariant()), host.ToLowerInvariant());
            }
            catch (ArgumentException)
            {
                return (host, null);
            }
        }

        return (host, ascii);
    }

    /// <summary>The handle in "@name", "telegram @name", "telegram:name" or a profile link, with its "@".</summary>
    private static string? HandleOf(string input)
    {
        var name = input.Trim().TrimEnd('/');
        name = name[(name.LastIndexOfAny(['/', ' ', ':', '\t']) + 1)..].TrimStart('@');
        var query = name.IndexOfAny(['?', '#']);
        name = query >= 0 ? name[..query] : name;
        return name.Length == 0 ? null : "@" + name;
    }

    private static string? MailDomain(string input)
    {
        var address = input.Trim();
        if (address.LastIndexOf('<') is var open and >= 0 && address.IndexOf('>', open) is var close and > 0)
        {
            address = address[(open + 1)..close];
        }

        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : null;
    }

    private static string[] Elements(string text)
    {
        var elements = new List<string>(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            elements.Add(enumerator.GetTextElement());
        }

        return [.. elements];
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Aligns <paramref name="found"/> with <paramref name="expected"/> (case-insensitive Levenshtein over characters as
    /// a reader sees them) and returns which of <paramref name="found"/> differ, and the differences in order.
    /// </summary>
    private static (bool[] Marks, List<Difference> Differences) Align(string[] found, string[] expected)
    {
        var cost = new int[found.Length + 1, expected.Length + 1];
        for (var i = 0; i <= found.Length; i++)
        {
            cost[i, 0] = i;
        }

        for (var j = 0; j <= expected.Length; j++)
        {
            cost[0, j] = j;
        }

        for (var i = 1; i <= found.Length; i++)
        {
            for (var j = 1; j <= expected.Length; j++)
            {
                cost[i, j] = Math.Min(Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1), cost[i - 1, j - 1] + (Same(found[i - 1], expected[j - 1]) ? 0 : 1));
            }
        }

        var marks = new bool[found.Length];
        var differences = new List<Difference>();
        for (int i = found.Length, j = expected.Length; i > 0 || j > 0;)
        {
            if (i > 0 && j > 0 && cost[i, j] == cost[i - 1, j - 1] + (Same(found[i - 1], expected[j - 1]) ? 0 : 1))
            {
                if (!Same(found[i - 1], expected[j - 1]))
                {
                    marks[i - 1] = true;
                    differences.Add(new Difference(found[i - 1], expected[j - 1]));
                }

                i--;
                j--;
            }
            else if (i > 0 && cost[i, j] == cost[i - 1, j] + 1)
            {
                marks[i - 1] = true;
                differences.Add(new Difference(found[i - 1], null));
                i--;
            }
            else
            {
                differences.Add(new Difference(null, expected[j - 1]));
                j--;
            }
        }

        differences.Reverse();
        return (marks, differences);
    }

    /// <summary>What kind of character this is, for the reader: the script of a letter, or a digit.</summary>
    public static CharacterKind KindOf(string text)
    {
        var c = text.EnumerateRunes().First().Value;
        return c switch
        {
            >= '0' and <= '9' => CharacterKind.Digit,
            >= 'a' and <= 'z' or >= 'A' and <= 'Z' => CharacterKind.Latin,
            >= 0x0370 and <= 0x03FF or >= 0x1F00 and <= 0x1FFF => CharacterKind.Greek,
            >= 0x0400 and <= 0x052F or >= 0x1C80 and <= 0x1C8F or >= 0x2DE0 and <= 0x2DFF or >= 0xA640 and <= 0xA69F => CharacterKind.Cyrillic,
            >= 0x0530 and <= 0x058F => CharacterKind.Armenian,
            >= 0x00C0 and <= 0x024F or >= 0x1E00 and <= 0x1EFF => CharacterKind.AccentedLatin,
            >= 0xFF00 and <= 0xFFEF => CharacterKind.FullWidth,
            _ when Rune.IsLetter(new Rune(c)) => CharacterKind.OtherLetter,
            _ => CharacterKind.Symbol,
        };
    }

    /// <summary>The code point, as U+XXXX.</summary>
    public static string CodePoint(string text) => "U+" + text.EnumerateRunes().First().Value.ToString("X4", CultureInfo.InvariantCulture);
}

/// <summary>What a character is, as the lookalike view names it.</summary>
public enum CharacterKind
{
    Latin,
    Digit,
    Cyrillic,
    Greek,
    Armenian,
    AccentedLatin,
    FullWidth,
    OtherLetter,
    Symbol,
}

using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SupportSdk.Channels;

/// <summary>Finds URLs and bare domains in free text, read through full-width characters, invisible characters and
/// ideographic full stops (<see cref="SupportSdk.Security.TextNormalizer.ForLinks"/>).</summary>
internal static partial class LinkExtractor
{
    // Common file extensions that look like top-level domains in "see report.pdf".
    private static readonly FrozenSet<string> FileExtensions = new[]
    {
        "txt", "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg", "exe", "zip", "rar", "json", "xml", "csv", "doc", "docx",
        "xls", "xlsx", "ppt", "pptx", "md", "js", "ts", "cs", "py", "log", "dll", "html", "htm", "mp4", "mov", "apk", "dmg",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<Uri> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ExtractIterator(SupportSdk.Security.TextNormalizer.ForLinks(text));
    }

    private static IEnumerable<Uri> ExtractIterator(string text)
    {
        foreach (Match match in LinkPattern().Matches(text))
        {
            var candidate = TrimTrailing(match.Value);
            var bare = match.Groups["bare"].Success;
            if (bare)
            {
                var tld = match.Groups["tld"].Value;
                if (FileExtensions.Contains(tld) && !match.Groups["path"].Success)
                {
                    continue;
                }

                candidate = "https://" + candidate;
            }

            if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && (!bare || !string.IsNullOrEmpty(uri.Host)))
            {
                yield return uri;
            }
        }
    }

    private static string TrimTrailing(string value)
    {
        var end = value.Length;
        while (end > 0)
        {
            var c = value[end - 1];
            var unbalancedClose = (c == ')' && Count(value, '(', end) < Count(value, ')', end))
                || (c == ']' && Count(value, '[', end) < Count(value, ']', end));
            if (c is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '*' or '>' || unbalancedClose)
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return value[..end];
    }

    private static int Count(string value, char c, int end) => value.AsSpan(0, end).Count(c);

    // Label characters: ASCII letters and digits plus the Latin, Greek and Cyrillic letters used in homoglyph
    // domains. CJK text around a link (common in Chinese messages, which have no spaces) is not part of it.
    [GeneratedRegex(
        """
        (?<url>\b(?:https?|tg)://[^\s<>"'`\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]+)
        |(?<bare>(?<![a-z0-9\u00C0-\u024F\u0370-\u052F@._-])(?:[a-z0-9\u00C0-\u024F\u0370-\u052F](?:[a-z0-9\u00C0-\u024F\u0370-\u052F-]{0,61}[a-z0-9\u00C0-\u024F\u0370-\u052F])?\.)+(?<tld>xn--[a-z0-9-]{2,59}|[a-z]{2,24})(?![a-z0-9\u00C0-\u024F\u0370-\u052F@_-])(?::\d{1,5})?(?<path>/[^\s<>"'`\p{IsCJKUnifiedIdeographs}\p{IsCJKSymbolsandPunctuation}\p{IsHalfwidthandFullwidthForms}]*)?)
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkPattern();
}

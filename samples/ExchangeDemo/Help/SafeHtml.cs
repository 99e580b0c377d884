using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace ExchangeDemo.Help;

/// <summary>
/// Turns HTML that came from the support server into HTML the page can show. Nothing is trusted: text is decoded and
/// re-encoded, and only a few formatting tags survive (links only to https addresses or this site). An exchange
/// shows support content this way so that even a compromised support server cannot run script in its pages.
/// </summary>
public static partial class SafeHtml
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "ul", "ol", "li", "strong", "b", "em", "i", "br", "h2", "h3", "h4", "code", "mark", "blockquote", "a",
    };

    /// <summary>An article body: paragraphs, lists, emphasis and safe links.</summary>
    public static HtmlString Article(string? html) => new(Clean(html, Allowed));

    /// <summary>A search snippet: plain text with the server's &lt;mark&gt; highlights.</summary>
    public static HtmlString Snippet(string? html) => new(Clean(html, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "mark" }));

    private static string Clean(string? html, HashSet<string> allowed)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var output = new StringBuilder(html.Length);
        var position = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            AppendText(output, html[position..tag.Index]);
            position = tag.Index + tag.Length;
            var closing = tag.Groups[1].Value.Length > 0;
            var name = tag.Groups[2].Value.ToLowerInvariant();
            if (!allowed.Contains(name))
            {
                continue;
            }

            if (closing)
            {
                output.Append("</").Append(name).Append('>');
            }
            else if (name == "a")
            {
                output.Append(SafeHref(tag.Groups[3].Value) is { } href
                    ? $"<a href=\"{WebUtility.HtmlEncode(href)}\" rel=\"noopener noreferrer\">"
                    : "<a>");
            }
            else
            {
                output.Append('<').Append(name).Append('>');
            }
        }

        AppendText(output, html[position..]);
        return output.ToString();
    }

    private static void AppendText(StringBuilder output, string text) =>
        output.Append(WebUtility.HtmlEncode(WebUtility.HtmlDecode(text.Replace("<", string.Empty, StringComparison.Ordinal))));

    private static string? SafeHref(string attributes)
    {
        var match = Href().Match(attributes);
        if (!match.Success)
        {
            return null;
        }

        var href = WebUtility.HtmlDecode(match.Groups[2].Value).Trim();
        if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal))
        {
            return href;
        }

        return Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri.AbsoluteUri : null;
    }

    [GeneratedRegex(@"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\bhref\s*=\s*(""|')(.*?)\1", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}

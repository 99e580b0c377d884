using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;

namespace ExchangeDemo.Help;

/// <summary>
/// Why a search result matched: the words the server highlighted in its snippet (typo-corrected and stemmed forms
/// included; the query's words found in the title when the snippet highlights none), the same words marked in the title.
/// </summary>
public sealed partial class MatchExplanation
{
    private MatchExplanation(IReadOnlyList<string> terms, HtmlString title)
    {
        Terms = terms;
        Title = title;
    }

    /// <summary>The matched words, in the order they first appear, each once (case-insensitive).</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The title, HTML-encoded, with the matched words in &lt;mark&gt;.</summary>
    public HtmlString Title { get; }

    public static MatchExplanation For(string query, string title, string? snippetHtml)
    {
        var terms = new List<string>();
        void Add(string term)
        {
            term = term.Trim();
            if (term.Length > 0 && !terms.Contains(term, StringComparer.OrdinalIgnoreCase))
            {
                terms.Add(term);
            }
        }

        foreach (Match mark in Mark().Matches(snippetHtml ?? string.Empty))
        {
            Add(WebUtility.HtmlDecode(Tag().Replace(mark.Groups[1].Value, string.Empty)));
        }

        // Nothing highlighted (a title-only match): the query's words that stand in the title as whole words.
        if (terms.Count == 0)
        {
            foreach (Match word in Word().Matches(query))
            {
                if (Regex.IsMatch(title, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word.Value)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50))
                    || (word.Value.Any(c => c >= '\u3400') && title.Contains(word.Value, StringComparison.Ordinal)))
                {
                    Add(word.Value);
                }
            }
        }

        return new MatchExplanation(terms, Highlight(title, terms));
    }

    private static HtmlString Highlight(string title, List<string> terms)
    {
        if (terms.Count == 0)
        {
            return new HtmlString(WebUtility.HtmlEncode(title));
        }

        var pattern = string.Join('|', terms.OrderByDescending(t => t.Length).Select(Regex.Escape));
        var html = new StringBuilder(title.Length + 32);
        var position = 0;
        foreach (Match hit in Regex.Matches(title, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)))
        {
            html.Append(WebUtility.HtmlEncode(title[position..hit.Index])).Append("<mark>").Append(WebUtility.HtmlEncode(hit.Value)).Append("</mark>");
            position = hit.Index + hit.Length;
        }

        return new HtmlString(html.Append(WebUtility.HtmlEncode(title[position..])).ToString());
    }

    [GeneratedRegex("<mark>(.*?)</mark>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Mark();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    // Latin words and digits, or runs of CJK characters.
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

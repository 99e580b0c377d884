using System.Net;
using System.Text;

namespace SupportSdk.Server.Faq;

/// <summary>Converts Zendesk article HTML into plain text suitable for indexing and snippets.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(
        ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
         "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd", "dl", "figure", "figcaption", "caption"],
        StringComparer.OrdinalIgnoreCase);

    public static string ToPlainText(string html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var raw = new StringBuilder(html.Length);
        int i = 0;
        while (i < html.Length)
        {
            char c = html[i];
            if (c != '<')
            {
                raw.Append(c);
                i++;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                int endComment = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }

            int close = html.IndexOf('>', i + 1);
            if (close < 0 || !IsTagStart(html, i + 1))
            {
                raw.Append(c);
                i++;
                continue;
            }

            string name = TagName(html, i + 1, close);
            bool closing = html[i + 1] == '/';
            i = close + 1;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                int endTag = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                int endClose = endTag < 0 ? -1 : html.IndexOf('>', endTag);
                i = endClose < 0 ? html.Length : endClose + 1;
                continue;
            }

            if (BlockTags.Contains(name))
            {
                raw.Append('\n');
            }
        }

        return CollapseWhitespace(WebUtility.HtmlDecode(raw.ToString()));
    }

    private static bool IsTagStart(string html, int i) =>
        i < html.Length && (char.IsAsciiLetter(html[i]) || html[i] == '/' || html[i] == '!' || html[i] == '?');

    private static string TagName(string html, int from, int to)
    {
        int i = from;
        if (i < to && (html[i] == '/' || html[i] == '!' || html[i] == '?'))
        {
            i++;
        }

        int start = i;
        while (i < to && char.IsAsciiLetterOrDigit(html[i]))
        {
            i++;
        }

        return html[start..i];
    }

    private static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        bool pendingNewline = false;
        foreach (char c in text)
        {
            if (c == '\n' || c == '\r')
            {
                pendingNewline = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
            }
            else
            {
                if (sb.Length > 0 && pendingNewline)
                {
                    sb.Append('\n');
                }
                else if (sb.Length > 0 && pendingSpace)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                pendingNewline = false;
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}

using System.Net;
using System.Text;

namespace SupportSdk.Server.Faq;

/// <summary>Converts Zendesk article HTML into plain text and blocks, for indexing, passages and snippets.</summary>
internal static class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(
        ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
         "blockquote", "pre", "hr", "section", "article", "header", "footer", "dt", "dd", "dl", "figure", "figcaption", "caption"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> HeadingTags = new(["h1", "h2", "h3", "h4", "h5", "h6", "dt"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The text of the HTML, one line per block (paragraph, list item, heading).</summary>
    public static string ToPlainText(string html) => string.Join('\n', ToBlocks(html).Select(b => b.Text));

    /// <summary>
    /// The blocks of the HTML in order, each as plain text on one line (whitespace collapsed, entities decoded),
    /// with what it is: a heading, a list item or a paragraph (anything else that is a block). Empty blocks are
    /// dropped; script and style are skipped.
    /// </summary>
    public static List<FaqBlock> ToBlocks(string html)
    {
        var blocks = new List<FaqBlock>();
        if (string.IsNullOrEmpty(html))
        {
            return blocks;
        }

        var raw = new StringBuilder();
        int items = 0;
        int headings = 0;
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
            bool selfClosing = html[close - 1] == '/';
            i = close + 1;
            if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
            {
                int endTag = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                int endClose = endTag < 0 ? -1 : html.IndexOf('>', endTag);
                i = endClose < 0 ? html.Length : endClose + 1;
                continue;
            }

            if (!BlockTags.Contains(name))
            {
                continue;
            }

            Flush(raw, blocks, headings > 0 ? FaqBlockKind.Heading : items > 0 ? FaqBlockKind.ListItem : FaqBlockKind.Paragraph);
            if (selfClosing)
            {
                continue;
            }

            int step = closing ? -1 : 1;
            if (name.Equals("li", StringComparison.OrdinalIgnoreCase))
            {
                items = Math.Max(0, items + step);
            }
            else if (HeadingTags.Contains(name))
            {
                headings = Math.Max(0, headings + step);
            }
        }

        Flush(raw, blocks, headings > 0 ? FaqBlockKind.Heading : items > 0 ? FaqBlockKind.ListItem : FaqBlockKind.Paragraph);
        return blocks;
    }

    private static void Flush(StringBuilder raw, List<FaqBlock> blocks, FaqBlockKind kind)
    {
        if (raw.Length == 0)
        {
            return;
        }

        string text = CollapseWhitespace(WebUtility.HtmlDecode(raw.ToString()));
        raw.Clear();
        if (text.Length > 0)
        {
            blocks.Add(new FaqBlock(text, kind));
        }
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
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (sb.Length > 0 && pendingSpace)
            {
                sb.Append(' ');
            }

            pendingSpace = false;
            sb.Append(c);
        }

        return sb.ToString();
    }
}

/// <summary>What a block of an article is.</summary>
internal enum FaqBlockKind
{
    Paragraph,
    ListItem,
    Heading,
}

/// <summary>One block of an article as plain text.</summary>
internal readonly record struct FaqBlock(string Text, FaqBlockKind Kind);

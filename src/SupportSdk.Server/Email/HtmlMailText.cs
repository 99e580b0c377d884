using System.Text;
using MimeKit.Text;

namespace SupportSdk.Server.Email;

/// <summary>An HTML mail body as plain text, with MimeKit's HTML tokenizer: text kept (character references decoded),
/// block tags and &lt;br&gt; as line breaks, scripts, styles and the head dropped, every tag and attribute gone.</summary>
internal static class HtmlMailText
{
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr",
    };

    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title" };

    public static string Convert(string html)
    {
        var text = new StringBuilder(html.Length / 2);
        using var reader = new StringReader(html);
        var tokenizer = new HtmlTokenizer(reader);
        var hidden = 0;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Hidden.Contains(tag.Name):
                    hidden = tag.IsEndTag ? Math.Max(0, hidden - 1) : tag.IsEmptyElement ? hidden : hidden + 1;
                    break;
                case HtmlTagToken tag when Blocks.Contains(tag.Name):
                    if (text.Length > 0 && text[^1] != '\n')
                    {
                        text.Append('\n');
                    }

                    break;
                case HtmlDataToken data when hidden == 0:
                    text.Append(data.Data);
                    break;
            }
        }

        // Runs of spaces inside lines as one, at most one blank line in a row.
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split(' ', '\t', '\u00A0').Where(w => w.Length > 0)));
        return string.Join('\n', lines).Replace("\n\n\n", "\n\n", StringComparison.Ordinal).Trim();
    }
}

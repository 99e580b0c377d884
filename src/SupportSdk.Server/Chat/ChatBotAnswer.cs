using System.Text;
using System.Text.RegularExpressions;
using SupportSdk.Server.Faq;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The text of a bot answer: the passage of the article that answers the question, not the article's first lines.
/// A list item comes with its whole list when that is short ("We accept:" and the documents), else after the line
/// that introduces its list when both fit ("After you submit a withdrawal, it moves through these statuses:" then
/// "Under review: …"); a line that introduces a list comes with as many of its items as fit.
/// At most <see cref="MaxWidth"/> columns, where a Chinese character counts two, cut at a sentence end.
/// </summary>
internal static partial class ChatBotAnswer
{
    internal const int MaxWidth = 320;

    public static string Compose(FaqDocument doc, int passage)
    {
        if (passage < 0 || passage >= doc.Passages.Count)
        {
            return Fit(doc.Body, stopAtHalf: true);
        }

        var p = doc.Passages[passage];
        string text = p.Text(doc.Body);
        var parts = new List<string>();
        if (p.Kind == FaqBlockKind.ListItem && p.Lead >= 0 && WholeList(doc, p.Lead) is { } list)
        {
            return list;
        }

        if (p.Kind == FaqBlockKind.ListItem && p.Lead >= 0)
        {
            string lead = doc.PassageText(p.Lead);
            if (Width(lead) + Width(text) + 1 <= MaxWidth)
            {
                parts.Add(lead);
            }
        }

        parts.Add(text);
        int width = parts.Sum(Width) + parts.Count - 1;
        for (int i = passage + 1; i < doc.Passages.Count && doc.Passages[i].Lead == passage && doc.Passages[i].Kind == FaqBlockKind.ListItem; i++)
        {
            string item = "• " + doc.PassageText(i);
            if (width + 1 + Width(item) > MaxWidth)
            {
                break;
            }

            parts.Add(item);
            width += 1 + Width(item);
        }

        return Fit(string.Join('\n', parts), stopAtHalf: false);
    }

    /// <summary>A short list with the line that introduces it ("We accept:" and the documents), when it all fits.</summary>
    private static string? WholeList(FaqDocument doc, int lead)
    {
        var parts = new List<string> { doc.PassageText(lead) };
        for (int i = lead + 1; i < doc.Passages.Count && doc.Passages[i].Lead == lead && doc.Passages[i].Kind == FaqBlockKind.ListItem; i++)
        {
            parts.Add("• " + doc.PassageText(i));
        }

        string list = string.Join('\n', parts);
        return parts.Count > 1 && Width(list) <= MaxWidth ? list : null;
    }

    /// <summary>
    /// Whole sentences from the start of <paramref name="text"/> that fit in <see cref="MaxWidth"/> (with
    /// <paramref name="stopAtHalf"/>, stopping once past half of it); a first sentence too long is cut with "…".
    /// </summary>
    internal static string Fit(string text, bool stopAtHalf)
    {
        if (Width(text) <= MaxWidth && !stopAtHalf)
        {
            return text.Trim();
        }

        var answer = new StringBuilder();
        var width = 0;
        foreach (var sentence in SentenceEnd().Split(Whitespace().Replace(text, " ").Trim()))
        {
            if (sentence.Length == 0)
            {
                continue;
            }

            var separator = answer.Length > 0 && !IsCjk(sentence[0]) ? " " : string.Empty;
            var sentenceWidth = separator.Length + Width(sentence);
            if (answer.Length > 0 && width + sentenceWidth > MaxWidth)
            {
                break;
            }

            answer.Append(separator).Append(sentence);
            width += sentenceWidth;
            if (stopAtHalf && width >= MaxWidth / 2)
            {
                break;
            }
        }

        return width <= MaxWidth ? answer.ToString() : Cut(answer.ToString());
    }

    private static int Width(string text) => text.Sum(c => IsCjk(c) ? 2 : 1);

    private static string Cut(string text)
    {
        var width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += IsCjk(text[i]) ? 2 : 1;
            if (width > MaxWidth - 2)
            {
                return text[..i].TrimEnd() + "…";
            }
        }

        return text;
    }

    private static bool IsCjk(char c) => c is >= '\u3000' and <= '\u9FFF' or >= '\uFF00' and <= '\uFFEF';

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+|(?<=[。！？])\s*")]
    private static partial Regex SentenceEnd();
}

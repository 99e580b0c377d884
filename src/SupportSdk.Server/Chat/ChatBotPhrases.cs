using System.Text;
using System.Text.RegularExpressions;

namespace SupportSdk.Server.Chat;

/// <summary>
/// What the bot recognises in a customer's message, in English and Chinese: a request for a human, a verdict on
/// its last answer, and a bare greeting. Matching is on the normalised text (lower case, no punctuation).
/// </summary>
internal static partial class ChatBotPhrases
{
    private static readonly string[] ChineseHandoff = ["转人工", "人工", "客服", "真人", "找人", "接线员"];

    private static readonly HashSet<string> Unhelpful = new(StringComparer.Ordinal)
    {
        "no", "nope", "nah", "no it didnt", "no it did not", "no that didnt help", "not really", "not helpful", "that didnt help",
        "didnt help", "did not help", "doesnt help", "does not help", "not it", "thats not it", "wrong", "useless", "no thanks",
        "没有", "没用", "没有用", "没帮助", "没有帮助", "不是", "不对", "没解决", "没有解决", "无用", "不行", "不是这个", "否",
    };

    private static readonly HashSet<string> Helpful = new(StringComparer.Ordinal)
    {
        "yes", "yes that helped", "yep", "yeah", "thanks", "thank you", "that helped", "it helped", "helpful", "solved", "great", "ok thanks",
        "有帮助", "有用", "谢谢", "解决了", "好的", "是的", "明白了", "好的谢谢", "已解决",
    };

    private static readonly HashSet<string> Greetings = new(StringComparer.Ordinal)
    {
        "hi", "hello", "hey", "hi there", "hello there", "good morning", "good evening", "good afternoon", "anyone there", "is anyone there",
        "你好", "您好", "在吗", "在不在", "有人吗", "哈喽", "嗨",
    };

    /// <summary>The customer asks for a person ("agent", "human", "转人工", "客服" …).</summary>
    public static bool AsksForHuman(string text)
    {
        var normal = Normalize(text);
        return EnglishHandoff().IsMatch(normal) || ChineseHandoff.Any(w => normal.Contains(w, StringComparison.Ordinal));
    }

    /// <summary>The customer says the last answer did not help ("no", "not helpful", "没有", "没用" …).</summary>
    public static bool SaysUnhelpful(string text)
    {
        var normal = Normalize(text);
        return Unhelpful.Contains(normal) || normal.StartsWith("no ", StringComparison.Ordinal) && normal.Length <= 40
            || normal.Contains("not helpful", StringComparison.Ordinal) || normal.Contains("didnt help", StringComparison.Ordinal)
            || normal.Contains("没用", StringComparison.Ordinal) || normal.Contains("没有帮助", StringComparison.Ordinal) || normal.Contains("没解决", StringComparison.Ordinal);
    }

    /// <summary>The customer says the last answer helped ("yes", "thanks", "有帮助" …).</summary>
    public static bool SaysHelpful(string text) => Helpful.Contains(Normalize(text));

    /// <summary>A greeting with no question in it ("hi", "你好", "在吗").</summary>
    public static bool IsGreeting(string text) => Greetings.Contains(Normalize(text));

    /// <summary>Lower case, apostrophes dropped, other punctuation and runs of spaces made one space, trimmed.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '\'' or '’')
            {
                continue;
            }

            var space = char.IsPunctuation(c) || char.IsSymbol(c) || char.IsWhiteSpace(c);
            if (space)
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    [GeneratedRegex(@"\b(agents?|human|humans|person|representative|rep|operator|live chat|real person|someone real|talk to someone|speak to someone|customer service|staff)\b")]
    private static partial Regex EnglishHandoff();
}

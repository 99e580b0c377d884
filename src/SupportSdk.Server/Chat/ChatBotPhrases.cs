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

    private static readonly string[] ChineseCompromise = ["被盗", "被黑", "盗号", "被骗", "被入侵", "盗走", "被偷", "不是我本人", "不是我操作", "别人登录", "陌生设备登录"];

    private static readonly string[] ChineseLock = ["冻结我的账", "冻结账户", "冻结账号", "冻结我账", "帮我冻结", "请冻结", "马上冻结", "立即冻结", "锁定账户", "锁定账号", "锁定我的账", "锁住账", "锁住我的账"];

    /// <summary>The customer says they were hacked or scammed ("I got hacked", "someone stole my coins", "被盗了", "账号被黑").</summary>
    public static bool SaysCompromised(string text)
    {
        var normal = Normalize(text);
        return EnglishCompromise().IsMatch(normal) || ChineseCompromise.Any(w => normal.Contains(w, StringComparison.Ordinal));
    }

    // What locks at once: the quick reply itself and the plainest ways of giving the same order. Anything else that
    // mentions a lock is offered the quick reply, so a question or a "don't" never locks an account.
    private static readonly HashSet<string> LockCommands = new(StringComparer.Ordinal)
    {
        "lock my account", "lock my account now", "please lock my account", "lock my account please", "freeze my account",
        "freeze my account now", "please freeze my account", "冻结我的账户", "冻结我的账号", "请冻结我的账户", "请冻结我的账号", "立即冻结我的账户",
        "马上冻结我的账户", "冻结账户", "冻结账号",
    };

    private static readonly string[] NotALockRequest =
    [
        "unlock", "unfreeze", "dont", "do not", "not", "why", "how", "what", "should", "when", "can i", "is my", "was", "解除", "解冻", "取消", "不要", "别",
        "怎么", "为什么", "如何", "是否", "吗", "被冻结", "被锁",
    ];

    /// <summary>The customer gives the order to lock now: the "Lock my account" / "冻结我的账户" quick reply, or the same words typed.</summary>
    public static bool IsLockCommand(string text) => LockCommands.Contains(Normalize(text));

    /// <summary>The customer talks about locking their account in a way that may be a request ("I want to freeze my
    /// account", "帮我锁定账户"): offered the lock, never locked by it. Questions and refusals ("why is my account
    /// frozen", "please don't lock my account", "解除冻结账户") are not requests.</summary>
    public static bool AsksToLock(string text)
    {
        var normal = Normalize(text);
        if (NotALockRequest.Any(w => (" " + normal + " ").Contains(w.Length <= 4 && w[0] < 128 ? " " + w + " " : w, StringComparison.Ordinal)) || text.Contains('?') || text.Contains('？'))
        {
            return false;
        }

        return EnglishLock().IsMatch(normal) || ChineseLock.Any(w => normal.Contains(w, StringComparison.Ordinal));
    }

    private static readonly string[] ChineseDeposit = ["充值", "充币", "入金", "转入", "存入", "打币"];

    private static readonly string[] ChineseMissing = ["没到", "未到", "不到", "没有到", "没收到", "未收到", "卡住", "卡了", "没显示", "不显示", "还没", "多久到", "到了吗", "到账了吗", "丢了"];

    /// <summary>The customer asks where a deposit is ("my deposit hasn't arrived", "充值没到账", "转入的币还没到").</summary>
    public static bool AsksWhereDeposit(string text)
    {
        var normal = Normalize(text);
        return EnglishDeposit().IsMatch(normal)
            || ChineseDeposit.Any(w => normal.Contains(w, StringComparison.Ordinal)) && ChineseMissing.Any(w => normal.Contains(w, StringComparison.Ordinal));
    }

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

    [GeneratedRegex(@"\b(hacked|hacker|hackers|hijacked|compromised|stole|stolen|steal|stealing|scammed|phished|drained|unauthori[sz]ed|someone (logged|withdrew|took|got into|accessed)|i did not make|i didnt make)\b")]
    private static partial Regex EnglishCompromise();

    [GeneratedRegex(@"\b(lock|freeze|disable|block|suspend) (down )?(my |the )?(account|withdrawals?)\b|\block it( now)?$")]
    private static partial Regex EnglishLock();

    [GeneratedRegex(@"\b(deposit|deposits|deposited|transfer|transferred|sent)\b.*\b(not|never|missing|hasnt|havent|didnt|isnt|arrive|arrived|credited|showing|show up|shows up|stuck|pending|yet|lost|where)\b|\bwhere (is|are) my (deposit|deposits|coins|funds|usdt|btc|eth)\b")]
    private static partial Regex EnglishDeposit();

    [GeneratedRegex(@"\b(agents?|human|humans|person|representative|rep|operator|live chat|real person|someone real|talk to someone|speak to someone|customer service|staff)\b")]
    private static partial Regex EnglishHandoff();
}

namespace SupportSdk.Server.Chat;

/// <summary>What the bot says, in English and Simplified Chinese (chosen by the chat's locale).</summary>
internal sealed record ChatBotTexts(
    string BotName,
    string Greeting,
    string DidThisHelp,
    string Glad,
    string Rephrase,
    string Offline,
    string NoAnswer,
    IReadOnlyList<string> AnswerReplies,
    IReadOnlyList<string> NoAnswerReplies,
    IReadOnlyList<string> OfflineReplies,
    IReadOnlyList<string> Weekdays,
    string MomentFormat)
{
    public const string CreateTicket = "Create a ticket";
    public const string CreateTicketZh = "创建工单";

    private static readonly ChatBotTexts English = new(
        "Support Bot",
        "Hi {0}! I'm the support assistant. Ask me anything about your account, deposits, withdrawals or trading, or type \"agent\" to talk to a person.",
        "Did this help?",
        "Glad that helped! Is there anything else I can do for you?",
        "Sorry that didn't help. Could you describe the problem in other words? You can also type \"agent\" to talk to a person.",
        "Our support team is offline right now (hours: {0}); agents are back {1}. You can stay in the queue, or turn this chat into a ticket: it gets a first reply by {2}. Support will never ask for your password, 2FA codes or seed phrase.",
        "Sorry, I couldn't find an article that answers this. Would you like to talk to a person? You can also ask again in other words.",
        ["Yes, that helped", "No", "Talk to a person"],
        ["Talk to a person"],
        [CreateTicket, "Wait for an agent"],
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        "{0} {1:d MMMM}, {1:HH:mm} ({2})");

    private static readonly ChatBotTexts Chinese = new(
        "智能客服",
        "{0}，您好！我是智能客服助手。关于账户、充值、提现或交易的问题都可以问我，输入“转人工”即可联系人工客服。",
        "这个回答对您有帮助吗？",
        "很高兴能帮到您！还有其他可以帮您的吗？",
        "抱歉没能帮到您。能换一种说法描述一下问题吗？也可以输入“转人工”联系人工客服。",
        "人工客服目前不在线（服务时间：{0}），将于{1}恢复服务。您可以继续排队等待，或将本次对话转为工单：我们将在{2}前首次回复。客服绝不会索要您的密码、验证码或助记词。",
        "抱歉，我没有找到能回答这个问题的文章。需要为您转接人工客服吗？也可以换一种说法再问一次。",
        ["有帮助", "没有", "转人工"],
        ["转人工"],
        [CreateTicketZh, "继续等待"],
        ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        "{1:%M}月{1:%d}日（{0}）{1:HH:mm}（{2}）");

    /// <summary>A moment as the customer reads it: its wall-clock time in the support time zone, with the zone named.</summary>
    public string Moment(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, MomentFormat, Weekdays[(int)local.DayOfWeek], local, zone.Id);
    }

    public static ChatBotTexts For(string locale) => locale.StartsWith("zh", StringComparison.Ordinal) ? Chinese : English;
}

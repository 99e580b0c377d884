namespace SupportSdk.Server.Chat;

/// <summary>What the bot says about locking an account, in English and Simplified Chinese. None of it names a
/// secret: support's own words must never read like a request for one.</summary>
internal sealed record ChatBotLockTexts(string Offer, IReadOnlyList<string> OfferReplies, string Locked, string Requested, string Failed)
{
    public const string LockMyAccount = "Lock my account";
    public const string LockMyAccountZh = "冻结我的账户";

    private static readonly ChatBotLockTexts English = new(
        "I'm sorry. If someone else may have access to your account, lock it now: withdrawals stop at once and our security team opens an urgent case. Only you can unlock it later, through the exchange's identity check.",
        [LockMyAccount, "Talk to a person"],
        "Your account is locked: withdrawals are disabled. Security case {0} is open, and our security team will contact you here. Support cannot unlock it: when you are ready, use the exchange's identity check.",
        "We have asked the exchange to lock your account now. Security case {0} is open, and our security team will contact you here. Support cannot unlock it: when you are ready, use the exchange's identity check.",
        "I could not lock your account right now. Tap \"Lock my account\" again in a moment, or call the exchange's official phone line.");

    private static readonly ChatBotLockTexts Chinese = new(
        "很抱歉。如果他人可能已登录您的账户，请立即冻结：提币会马上停止，安全团队会立即受理。之后只有您本人通过交易所的身份验证才能解冻。",
        [LockMyAccountZh, "转人工"],
        "您的账户已冻结，提币已停用。安全工单 {0} 已创建，安全团队会在这里联系您。客服无法解冻：需要时请通过交易所的身份验证解冻。",
        "我们已请求交易所立即冻结您的账户。安全工单 {0} 已创建，安全团队会在这里联系您。客服无法解冻：需要时请通过交易所的身份验证解冻。",
        "暂时无法冻结您的账户。请稍后再点一次“冻结我的账户”，或拨打交易所的官方电话。");

    public static ChatBotLockTexts For(string locale) => locale.StartsWith("zh", StringComparison.Ordinal) ? Chinese : English;
}

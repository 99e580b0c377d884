namespace SupportSdk.Server.Chat;

/// <summary>What the bot says about a deposit before and around a lookup, in English and Simplified Chinese (the
/// lookup's own answer comes from the server's advice).</summary>
internal sealed record ChatBotDepositTexts(string Ask, string Unavailable)
{
    private static readonly ChatBotDepositTexts English = new(
        "I can check your deposit on the chain right now. Send me the network (for example TRC20 or ERC20) and the transaction ID (TxID, the hash) from the history of the wallet you sent it from.",
        "I could not check the chain just now. Try again in a minute, or talk to a person.");

    private static readonly ChatBotDepositTexts Chinese = new(
        "我可以马上在链上为您查询这笔充值。请发送转出钱包记录中的网络（如 TRC20、ERC20）和交易哈希（TxID）。",
        "暂时无法查询链上数据。请一分钟后再试，或转人工客服。");

    public static ChatBotDepositTexts For(string locale) => locale.StartsWith("zh", StringComparison.Ordinal) ? Chinese : English;
}

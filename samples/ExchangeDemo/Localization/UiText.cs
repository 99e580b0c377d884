using System.Globalization;
using ExchangeDemo.Notifications;
using SupportSdk;

namespace ExchangeDemo.Localization;

/// <summary>
/// Every string the demo shows, English and Simplified Chinese side by side on one line: the one place to edit or
/// translate. Pick an instance with <see cref="For"/>.
/// </summary>
public sealed class UiText
{
    public static readonly UiText English = new(zh: false);
    public static readonly UiText Chinese = new(zh: true);

    private readonly bool _zh;

    private UiText(bool zh) => _zh = zh;

    public static UiText For(string locale) => locale == Locales.Chinese ? Chinese : English;

    public string Locale => _zh ? Locales.Chinese : Locales.English;

    public string HtmlLang => _zh ? "zh-CN" : "en";

    private string T(string en, string zh) => _zh ? zh : en;

    private string F(string en, string zh, params object?[] args) => string.Format(CultureInfo.InvariantCulture, T(en, zh), args);

    // Layout
    public string Brand => "Example Exchange";
    public string NavMarkets => T("Markets", "行情");
    public string NavHelp => T("Help Center", "帮助中心");
    public string NavTickets => T("My tickets", "我的工单");
    public string NavChat => T("Live chat", "在线客服");
    public string NavVerify => T("Verify", "官方验证");
    public string MenuLabel => T("Menu", "菜单");
    public string SignIn => T("Sign in", "登录");
    public string SignOut => T("Sign out", "退出");
    public string OtherLanguageName => T("中文", "English");
    public string OtherLocale => _zh ? Locales.English : Locales.Chinese;
    public string FooterAgentConsole => T("Agent console", "客服工作台");
    public string FooterApi => T("Support API (OpenAPI)", "支持 API（OpenAPI）");
    public string FooterDemo => T("A demo exchange: every price, balance and transaction here is made up.", "演示交易所：本站所有价格、余额和交易均为虚构。");
    public string FooterSafety => T("Support will never ask for your password, 2FA code, private key or seed phrase.", "客服绝不会索要您的密码、验证码、私钥或助记词。");

    // Notifications (the bell)
    public string Notifications => T("Notifications", "通知");
    public string NotificationsLabel(int unread) => unread == 0 ? Notifications : F("Notifications: {0} unread", "通知：{0} 条未读", unread);
    public string NoNotifications => T("No notifications yet.", "暂无通知。");
    public string MarkAllRead => T("Mark all as read", "全部标为已读");
    public string NotificationText(Notification n) => n.Kind switch
    {
        NotificationKind.AgentReplied => F("Support replied to your ticket “{0}”", "客服回复了您的工单“{0}”", Shorten(n.Subject)),
        NotificationKind.TicketResolved => F("Your ticket “{0}” was resolved", "您的工单“{0}”已解决", Shorten(n.Subject)),
        NotificationKind.AgentJoinedChat => T("An agent joined your chat", "客服已加入您的对话"),
        _ => F("We stopped a message that contained {0}. Support will never ask for {1}.", "我们拦截了一条包含{0}的消息。客服绝不会向您索要此类信息。",
            string.Join(T(" and ", "和"), n.SecretKinds.Select(OwnSecretName).Distinct()), n.SecretKinds.Distinct().Count() > 1 ? "them" : "it"),
    };
    public string OwnSecretName(string kind) => kind switch
    {
        "mnemonic" => T("your recovery phrase", "您的助记词"), "private_key" => T("your private key", "您的私钥"), "password" => T("your password", "您的密码"),
        "otp" => T("your 2FA code", "您的验证码"), "api_secret" => T("your API secret", "您的 API 密钥"), _ => T("a secret", "机密信息"),
    };

    /// <summary>A subject short enough for one or two lines of the bell's list (cut between whole characters).</summary>
    private static string Shorten(string? subject)
    {
        const int Max = 60;
        var text = new StringInfo(subject ?? string.Empty);
        return text.LengthInTextElements <= Max ? text.String : text.SubstringByTextElements(0, Max - 1) + "…";
    }

    // Sign-in
    public string SignInTitle => T("Sign in to the demo", "登录演示账户");
    public string SignInIntro => T("Pick a demo user. Each one sees only their own tickets and chats.", "选择一个演示用户。每个用户只能看到自己的工单和对话。");
    public string SignInAs(string name) => F("Sign in as {0}", "以 {0} 登录", name);
    public string LanguageName(string locale) => locale == Locales.Chinese ? "简体中文" : "English";

    // Markets and wallet
    public string MarketsTitle => T("Markets", "行情");
    public string Pair => T("Pair", "交易对");
    public string LastPrice => T("Last price", "最新价");
    public string Change24h => T("24h change", "24小时涨跌");
    public string WalletTitle => T("Your wallet", "我的钱包");
    public string Asset => T("Asset", "币种");
    public string Balance => T("Balance", "余额");
    public string RecentTransfers => T("Recent deposits and withdrawals", "最近充值与提现");
    public string Type => T("Type", "类型");
    public string Amount => T("Amount", "数量");
    public string Network => T("Network", "网络");
    public string TransactionId => T("Transaction ID", "交易哈希");
    public string Status => T("Status", "状态");
    public string Time => T("Time", "时间");
    public string Direction(TransactionDirection direction) => direction == TransactionDirection.Deposit ? T("Deposit", "充值") : T("Withdrawal", "提现");
    public string TransferState(bool completed) => completed ? T("Completed", "已完成") : T("Pending", "处理中");
    public string GetHelp => T("Get help", "获取帮助");
    public string SignInToSeeWallet => T("Sign in to see your wallet and get help with a transfer.", "登录后即可查看钱包，并就某笔交易获取帮助。");

    // Help center
    public string HelpTitle => T("Help Center", "帮助中心");
    public string HelpHeadline => T("How can we help?", "有什么可以帮您？");
    public string SearchPlaceholder => T("Search the help center, e.g. withdrawal pending", "搜索帮助中心，例如：提现未到账");
    public string Search => T("Search", "搜索");
    public string SuggestedArticles => T("Suggested articles", "推荐文章");
    public string ResultsFor(string query) => F("Results for “{0}”", "“{0}”的搜索结果", query);
    public string MatchedTerms => T("Matched:", "匹配：");
    public string ReadArticle(string title) => F("Read the article: {0}", "查看文章：{0}", title);
    public string NoResults => T("No articles match. Try other words, or contact support.", "没有找到相关文章。换个说法试试，或联系客服。");
    public string WasThisHelpful => T("Was this article helpful?", "这篇文章对您有帮助吗？");
    public string Yes => T("Yes", "有帮助");
    public string No => T("No", "没帮助");
    public string ThanksForFeedback => T("Thanks for your feedback!", "感谢您的反馈！");
    public string StillNeedHelp => T("Still need help?", "仍需帮助？");
    public string ChatWithUs => T("Chat with us", "在线咨询");
    public string OpenTicket => T("Open a ticket", "提交工单");
    public string BackToHelp => T("Back to the help center", "返回帮助中心");
    public string OtherLanguageArticle => T("Shown in Chinese: there is no English version yet.", "暂无中文版本，显示英文原文。");
    public string ArticleNotFound => T("This article does not exist.", "文章不存在。");

    // Tickets
    public string TicketsTitle => T("My tickets", "我的工单");
    public string NewTicket => T("New ticket", "新建工单");
    public string NoTickets => T("You have no tickets yet.", "您还没有工单。");
    public string Subject => T("Subject", "主题");
    public string Category => T("Category", "类别");
    public string Updated => T("Updated", "更新时间");
    public string Describe => T("Describe the problem", "问题描述");
    public string Submit => T("Submit", "提交");
    public string TransactionTitle => T("Transaction", "相关交易");
    public string Deflection => T("Maybe one of these articles answers your question:", "这些文章也许能解答您的问题：");
    public string Reply => T("Reply", "回复");
    public string SendReply => T("Send reply", "发送回复");
    public string CloseTicket => T("Close ticket", "关闭工单");
    public string RateTicket => T("How did we do?", "为本次服务评分");
    public string RatingComment => T("Comment (optional)", "评价（可选）");
    public string SubmitRating => T("Submit rating", "提交评分");
    public string YouRated(int score) => F("You rated this ticket {0}/5.", "您的评分：{0}/5。", score);
    public string TicketClosed => T("This ticket is closed.", "此工单已关闭。");
    public string TicketNotFound => T("This ticket does not exist.", "工单不存在。");
    public string You => T("You", "您");
    public string Messages => T("Messages", "消息记录");
    public string SubjectRequired => T("Enter a subject and a description.", "请填写主题和问题描述。");
    public string TxSubject(TransactionDirection direction, decimal amount, string asset, string network) => direction == TransactionDirection.Withdrawal
        ? F("Withdrawal of {0} {1} ({2}) not received", "提现 {0} {1}（{2}）未到账", amount, asset, network)
        : F("Deposit of {0} {1} ({2}) not credited", "充值 {0} {1}（{2}）未到账", amount, asset, network);
    public string TxBody(TransactionDirection direction) => direction == TransactionDirection.Withdrawal
        ? T("My withdrawal has not arrived in the receiving wallet yet. Can you check it?", "我的提现还没有到达收款钱包，请帮我查一下。")
        : T("My deposit has not been credited to my account yet. Can you check it?", "我的充值还没有到账，请帮我查一下。");

    public string CategoryName(TicketCategory category) => category.Value switch
    {
        "account" => T("Account", "账户"), "verification" => T("Verification", "身份认证"), "deposit" => T("Deposit", "充值"),
        "withdrawal" => T("Withdrawal", "提现"), "trading" => T("Trading", "交易"), "fees" => T("Fees", "费用"),
        "security" => T("Security", "安全"), _ => T("Other", "其他"),
    };

    public string StatusName(TicketStatus status) => status.Value switch
    {
        "open" => T("Open", "待处理"), "pending_customer" => T("Waiting for you", "待您回复"), "pending_agent" => T("Waiting for support", "待客服回复"),
        "escalated" => T("Escalated", "已升级"), "resolved" => T("Resolved", "已解决"), "closed" => T("Closed", "已关闭"), _ => status.Value,
    };

    public string RoleName(AuthorRole role, string name) => role == AuthorRole.Customer ? You
        : role == AuthorRole.Bot ? F("{0} (bot)", "{0}（机器人）", name)
        : role == AuthorRole.Agent ? F("{0} (support)", "{0}（客服）", name) : T("System", "系统");

    // Safety
    public string WarnAsksForSecret => T("Warning: this message asks for a secret (seed phrase, private key, password or 2FA code). Real Example Exchange support never asks for these. Do not send them.",
        "警告：这条消息在索要机密信息（助记词、私钥、密码或验证码）。Example Exchange 的真实客服绝不会索要这些信息，请勿提供。");
    public string WarnUnofficialLink => T("Warning: this message links to a site that is not an official Example Exchange domain. Check links on the Verify page before you sign in anywhere.",
        "警告：这条消息包含非 Example Exchange 官方域名的链接。在任何网站登录前，请先到“官方验证”页面核实。");
    public string Blocked(IEnumerable<string> kinds) => F("Not sent: your message contains what looks like {0}. Anyone who has it can take your funds, and support will never ask for it. It was removed from the message box: describe the problem without it.",
        "未发送：您的消息中似乎包含{0}。任何人拿到它都能转走您的资产，客服也绝不会索要。已从输入框中删除，请不含该信息重新描述问题。", string.Join(T(", ", "、"), kinds.Select(SecretName).Distinct()));
    public string SecretName(string kind) => kind switch
    {
        "mnemonic" => T("a seed phrase", "助记词"), "private_key" => T("a private key", "私钥"), "api_secret" => T("an API secret", "API 密钥"),
        "password" => T("a password", "密码"), "otp" => T("a 2FA code", "验证码"), _ => T("a secret", "机密信息"),
    };

    // Live chat (the page script reads ChatScript)
    public string ChatTitle => T("Live chat", "在线客服");
    public string AgentsOffline => T("Our agents are offline now; the assistant can still help, and you can leave a ticket. Agents are back:", "人工客服目前不在线，智能助手仍可为您解答，您也可以提交工单。人工客服恢复时间：");

    public string ChatIntro => T("Our assistant answers first from the help center; type “agent” at any time to talk to a person.", "智能助手会先从帮助中心为您解答；随时输入“转人工”即可联系人工客服。");
    public string StartChat => T("Start a chat", "开始对话");
    public string ChatTopic => T("What do you need help with? (optional)", "您需要什么帮助？（可选）");
    public string ToTicket => T("Turn into ticket", "转为工单");
    public string EndChat => T("End chat", "结束对话");
    public string Send => T("Send", "发送");

    public IReadOnlyDictionary<string, string> ChatScript => new Dictionary<string, string>
    {
        ["placeholder"] = T("Type a message…", "输入消息…"),
        ["typing"] = T("{0} is typing…", "{0} 正在输入…"),
        ["handoff"] = T("Connecting you to a support agent…", "正在为您转接人工客服…"),
        ["queue"] = T("Your place in the queue: {0}. Estimated wait: about {1} min.", "当前排队位置：第 {0} 位，预计等待约 {1} 分钟。"),
        ["queueNoEstimate"] = T("Your place in the queue: {0}.", "当前排队位置：第 {0} 位。"),
        ["joined"] = T("{0} joined the chat", "{0} 已加入对话"),
        ["transferred"] = T("Your chat was passed to a specialist team. The next agent sees everything above.", "您的对话已转交专门团队处理，下一位客服可以看到以上全部内容。"),
        ["sent"] = T("Sent", "已发送"),
        ["read"] = T("Read", "已读"),
        ["closed"] = T("This chat has ended.", "对话已结束。"),
        ["article"] = T("Read the article: {0}", "查看文章：{0}"),
        ["reconnecting"] = T("Connection lost. Reconnecting…", "连接中断，正在重连…"),
        ["failed"] = T("The message could not be sent. Try again.", "消息发送失败，请重试。"),
        ["you"] = You,
        ["bot"] = T("{0} (bot)", "{0}（机器人）"),
        ["agent"] = T("{0} (support)", "{0}（客服）"),
        ["system"] = T("System", "系统"),
        ["asks_for_secret"] = WarnAsksForSecret,
        ["unofficial_link"] = WarnUnofficialLink,
        ["createTicketReply"] = T("Create a ticket", "创建工单"),
        ["official"] = T("✔ Official · your code {0}", "✔ 官方 · 您的防钓鱼码 {0}"),
        ["deposit_pending"] = DepositStatusName(SupportSdk.DepositStatus.Pending),
        ["deposit_credited"] = DepositStatusName(SupportSdk.DepositStatus.Credited),
        ["deposit_not_credited"] = DepositStatusName(SupportSdk.DepositStatus.NotCredited),
        ["deposit_not_found"] = DepositStatusName(SupportSdk.DepositStatus.NotFound),
    };

    // Verify
    public string VerifyTitle => T("Verify an official channel", "官方渠道验证");
    public string VerifyIntro => T("Got a link, e-mail address, phone number or social account that claims to be Example Exchange? Check it here before you trust it.",
        "收到自称 Example Exchange 的链接、邮箱、电话或社交账号？信任之前，先在这里验证。");
    public string VerifyPlaceholder => T("https://…  name@…  +1 …  @handle", "https://…  邮箱@…  +86 …  @账号");
    public string Check => T("Check", "验证");
    public string VerdictOfficial => T("Official", "官方渠道");
    public string VerdictLookalike => T("Lookalike: not official", "仿冒渠道：非官方");
    public string VerdictUnknown => T("Unknown: not an official channel", "未知：非官方渠道");
    public string OfficialDetail(string input, string? matched) => F("{0} is an official Example Exchange channel ({1}).", "{0} 是 Example Exchange 的官方渠道（{1}）。", input, matched);
    public string LookalikeDetail(string input, string? matched, string? reason) => F("{0} imitates {1}: {2}. Do not sign in, pay or share anything there.",
        "{0} 在仿冒 {1}：{2}。请勿在此登录、付款或提供任何信息。", input, matched, ReasonText(reason));
    public string UnknownDetail(string input) => F("{0} is not one of Example Exchange's official channels. Be careful with it.", "{0} 不是 Example Exchange 的官方渠道，请谨慎对待。", input);
    public string ReasonText(string? reason) => reason switch
    {
        "homoglyph" => T("it uses look-alike characters", "使用了形近字符"),
        "punycode" => T("it hides look-alike characters in punycode (xn--)", "用 punycode（xn--）隐藏了形近字符"),
        "edit_distance" => T("it differs from the real name by a letter or two", "与真实名称只差一两个字母"),
        "brand_in_domain" => T("it puts the brand name inside another domain", "把品牌名嵌入了其他域名"),
        "brand_subdomain" => T("the brand is only a subdomain of someone else's domain", "品牌名只是他人域名的子域名"),
        "userinfo" => T("the real destination hides after an @", "真实地址藏在 @ 之后"),
        "handle_variant" => T("it is a variant of an official account name", "是官方账号名的变体"),
        "insecure_scheme" => T("it uses plain http:// instead of https://", "使用了不安全的 http://，而不是 https://"),
        "tld_variant" => T("it uses another top-level domain", "使用了其他顶级域名"),
        "brand_in_path" => T("the brand name appears only in the path", "品牌名只出现在路径中"),
        "brand_in_mailbox" => T("the brand name appears only before the @", "品牌名只出现在 @ 之前"),
        "brand_in_display_name" => T("the brand name appears only in the display name", "品牌名只出现在显示名称中"),
        _ => T("it looks like an official channel but is not one", "看起来像官方渠道，但并不是"),
    };
    public string OfficialChannels => T("Our official channels", "我们的官方渠道");
    public string LooksLike => T("What you see", "看起来是");
    public string RealAddress => T("What it really is (punycode)", "实际地址（punycode）");
    public string OfficialAddress => T("The official one", "官方地址");
    public string DifferencesTitle => T("Characters that differ from the official one:", "与官方地址不同的字符：");
    public string Differs(string found, string kind, string codePoint, string expected) =>
        F("“{0}” is a {1} ({2}) where the official name has “{3}”", "“{0}”是{1}（{2}），官方名称此处为“{3}”", found, kind, codePoint, expected);
    public string Extra(string found, string kind, string codePoint) =>
        F("“{0}” ({1}, {2}) is not in the official name", "多出的字符“{0}”（{1}，{2}）", found, kind, codePoint);
    public string Missing(string expected) => F("“{0}” is missing", "缺少“{0}”", expected);
    public string CharacterKindName(ExchangeDemo.Verify.CharacterKind kind) => kind switch
    {
        ExchangeDemo.Verify.CharacterKind.Latin => T("Latin letter", "拉丁字母"),
        ExchangeDemo.Verify.CharacterKind.Digit => T("digit", "数字"),
        ExchangeDemo.Verify.CharacterKind.Cyrillic => T("Cyrillic letter", "西里尔字母"),
        ExchangeDemo.Verify.CharacterKind.Greek => T("Greek letter", "希腊字母"),
        ExchangeDemo.Verify.CharacterKind.Armenian => T("Armenian letter", "亚美尼亚字母"),
        ExchangeDemo.Verify.CharacterKind.AccentedLatin => T("Latin letter with an accent", "带变音符号的拉丁字母"),
        ExchangeDemo.Verify.CharacterKind.FullWidth => T("full-width character", "全角字符"),
        ExchangeDemo.Verify.CharacterKind.OtherLetter => T("letter from another script", "其他文字的字母"),
        _ => T("symbol", "符号"),
    };
    public string NetworkName(string network) => network.ToLowerInvariant() switch
    {
        "telegram" => "Telegram", "x" => T("X (Twitter)", "X（推特）"), "instagram" => "Instagram", "facebook" => "Facebook",
        "tiktok" => "TikTok", "youtube" => "YouTube", "discord" => "Discord", "wechat" => T("WeChat", "微信"), "weibo" => T("Weibo", "微博"),
        "line" => "LINE", "whatsapp" => "WhatsApp", "reddit" => "Reddit",
        _ => network.Length == 0 ? network : char.ToUpperInvariant(network[0]) + network[1..],
    };
    public string Websites => T("Websites (and their subdomains, HTTPS only)", "网站（含子域名，仅 HTTPS）");
    public string Emails => T("E-mail domains", "邮箱域名");
    public string Phones => T("Phone", "电话");
    public string Social => T("Social accounts", "社交账号");
    public string ReportIt => T("Report it", "举报");
    public string ReportWhere => T("Where did you see it?", "您在哪里看到的？");
    public string ReportWherePlaceholder => T("Telegram, e-mail, SMS…", "Telegram、邮件、短信…");
    public string ReportNote => T("Note (optional)", "备注（可选）");
    public string SendReport => T("Send report", "提交举报");
    public string Reported(string id) => F("Thank you. Report {0} went to our security team.", "感谢举报，编号 {0} 已提交给安全团队。", id);
    public string SignInToReport => T("Sign in to report it.", "登录后即可举报。");
    public string VerifyUnavailable => T("Channel verification is off: no official-channel manifest key is pinned (start with --manifest-public-key).",
        "渠道验证不可用：未配置官方渠道清单公钥（启动时请加 --manifest-public-key）。");
    public string VerifyFailed => T("The official-channel list could not be verified, so nothing can be checked right now.", "无法验证官方渠道清单，暂时无法检查。");

    // Account lock and withdrawals
    public string AccountLocked => T("Account locked: withdrawals disabled", "账户已冻结：提币已停用");
    public string AccountLockedDetail => T("Support locked your account at your request. Support cannot unlock it: pass the exchange's identity check when you are ready.",
        "客服已按您的请求冻结账户。客服无法解冻：准备好后请通过交易所的身份验证解冻。");
    public string UnlockWithIdentityCheck => T("Unlock with identity check (demo)", "通过身份验证解冻（演示）");
    public string LockMyAccount => T("Lock my account", "冻结我的账户");
    public string LockHint => T("Think someone else has access to your account? Lock it now: withdrawals stop at once and our security team opens an urgent case.",
        "怀疑他人登录了您的账户？立即冻结：提币会马上停止，安全团队会立即受理。");
    public string LockFailed => T("The account could not be locked right now. Try again, or call our official phone line.", "暂时无法冻结账户。请重试，或拨打官方电话。");
    public string WithdrawTitle => T("Withdraw", "提币");
    public string WithdrawAddress => T("Address", "地址");
    public string WithdrawButton => T("Withdraw", "提币");
    public string WithdrawalRefused => T("Refused: your account is locked, so withdrawals are disabled.", "已拒绝：您的账户已冻结，提币已停用。");
    public string WithdrawalSent => T("Withdrawal submitted (a demo: nothing is sent).", "提币申请已提交（演示：不会真正发送）。");

    // Anti-phishing code
    public string OfficialBadge(string code) => F("✔ Official · your code {0}", "✔ 官方 · 您的防钓鱼码 {0}", code);
    public string YourAntiPhishingCode(string code) => F("Your anti-phishing code: {0}. Every real message from support shows it; one without it is not from us.",
        "您的防钓鱼码：{0}。客服的每条真实消息都会显示它；没有它的消息不是我们发的。", code);

    // Deposit lookup
    public string DepositCheckTitle => T("We checked the chain", "链上查询结果");
    public string DepositStatusName(string status) => status switch
    {
        SupportSdk.DepositStatus.Pending => T("Pending confirmations", "确认中"),
        SupportSdk.DepositStatus.Credited => T("Credited", "已到账"),
        SupportSdk.DepositStatus.NotCredited => T("Confirmed, not credited", "已确认，未到账"),
        _ => T("Not found on chain", "链上未找到"),
    };
    public string Confirmations(int have, int need) => F("{0} of {1} confirmations", "已确认 {0}/{1} 次", have, need);
    public string DepositCheckedAt => T("Checked", "查询时间");

    // Mailbox
    public string MailboxTitle => T("Mailbox", "邮箱");
    public string MailboxIntro(string address, string code) => F("The support mail sent to {0}. Real support mail starts with your anti-phishing code ({1}); a mail without it is not from us.",
        "发到 {0} 的客服邮件。真实的客服邮件第一行是您的防钓鱼码（{1}）；没有它的邮件不是我们发的。", address, code);
    public string MailboxEmpty => T("No mail yet. On a ticket, choose “Email me replies”.", "暂无邮件。在工单页面选择“回复也发到我的邮箱”。");
    public string MailboxUnavailable => T("The mailbox shows the mail of the support server inside this demo; with an external support server it is empty.", "邮箱显示本演示内置客服系统发出的邮件；使用外部客服系统时为空。");
    public string MailFrom => T("From", "发件人");
    public string MailReplyTo => T("Reply-To", "回复至");
    public string MailDkim => T("DKIM-signed", "已 DKIM 签名");
    public string EmailMeReplies => T("Email me replies", "回复也发到我的邮箱");
    public string EmailRepliesOn => T("Support's replies to this ticket will also arrive by e-mail.", "此工单的客服回复也会发送到您的邮箱。");
    public string OpenMailbox => T("Open my mailbox", "打开我的邮箱");

    // Transcripts
    public string TranscriptCheckTitle => T("Check a support transcript", "核验客服记录");
    public string TranscriptCheckIntro => T("Every conversation with our support is signed. Paste a transcript or a forwarded support message, or upload the saved page: we tell you whether our support really wrote it, word for word.",
        "我们客服的每段对话都带有签名。粘贴对话记录或转发的客服消息，或上传保存的页面：我们会告诉您这是否真的出自我们的客服，一字不差。");
    public string TranscriptPaste => T("Paste the transcript (JSON) or a message", "粘贴对话记录（JSON）或单条消息");
    public string TranscriptUpload => T("…or upload the file (.json or .html)", "…或上传文件（.json 或 .html）");
    public string TranscriptCheck => T("Check transcript", "核验记录");
    public string TranscriptGenuine(int count) => F("Genuine and complete: {0} message(s) exactly as our support sent and received them.", "真实完整：共 {0} 条消息，与我们客服收发的内容完全一致。", count);
    public string TranscriptAlteredAt(int index) => F("Altered: message {0} was changed, removed or moved after we signed it. Do not trust this copy.", "已被篡改：第 {0} 条消息在签名后被修改、删除或调换。请勿相信此副本。", index + 1);
    public string TranscriptAltered => T("Altered: this transcript was changed after we signed it. Do not trust this copy.", "已被篡改：此记录在签名后被修改。请勿相信此副本。");
    public string TranscriptUntrusted => T("Not from Example Exchange: no key of ours signed this. Whoever wrote it is not our support — never share codes, keys or your seed phrase with them.",
        "并非来自 Example Exchange：它没有我们的签名。写这些内容的人不是我们的客服——切勿向其提供验证码、私钥或助记词。");
    public string TranscriptSignedContent => T("This is what our support signed, word for word — trust this, not how the file looks:", "以下是我们客服签名的原文，逐字一致——请以此为准，而不是文件的显示效果：");
    public string TranscriptRole(string role) => role switch
    {
        "customer" => T("customer", "客户"), "agent" => T("support agent", "客服"), "bot" => T("support bot", "客服机器人"), _ => T("support", "系统"),
    };
    public string TranscriptTooLarge => T("That file is too large to be a support transcript.", "文件过大，不是客服记录。");
    public string DownloadTranscript => T("Download signed transcript", "下载签名记录");
    public string TranscriptHint => T("Anyone can check it on the Verify page.", "任何人都可以在“官方验证”页面核验。");

    // Errors
    public string ErrorTitle => T("Something went wrong", "出错了");
    public string SupportUnreachable => T("Support could not be reached. Try again in a moment.", "暂时无法连接客服系统，请稍后重试。");
    public string NotFound => T("This page does not exist.", "页面不存在。");
    public string RequestIdLabel => T("Request id", "请求编号");
}

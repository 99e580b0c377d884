using System.Text.RegularExpressions;

namespace SupportSdk.Security;

/// <summary>Tells whether a support agent's or bot's message asks the user for a secret — a seed phrase, private
/// key, password, 2FA / SMS / e-mail verification code — or for remote access to their device (AnyDesk,
/// TeamViewer, screen sharing). Real support never does: such a message is flagged <c>asks_for_secret</c>.</summary>
/// <remarks>
/// Works sentence by sentence, in English and Chinese: a sentence asks when it names a secret and a request
/// ("send", "tell me", "provide", "提供", "发给我", "install") and does not warn against it ("never", "do not",
/// "anyone", "绝不", "不要", "切勿"). Neutral instructions ("reset your password in Settings", "enter the code in
/// the app") are not requests: "enter"/"输入" counts only towards support itself ("here", "in this chat") or for a
/// seed phrase or private key, which no legitimate flow asks a user to type anywhere for support.
/// The message is first read through disguises (<see cref="TextNormalizer"/>): full-width letters, invisible
/// characters, Cyrillic or Greek look-alike letters, letters spaced out ("s e e d  p h r a s e") and spaces between
/// Chinese characters. Text spelled out letter by letter with no gap between words ("s e n d m e y o u r s e e d")
/// is also read with its words run together (<see cref="SpelledOutRequest"/>).
/// </remarks>
public static partial class SecretRequestDetector
{
    private const int MaxRequestDistance = 40;
    private static readonly System.Buffers.SearchValues<char> Terminators = System.Buffers.SearchValues.Create(".!?;\n:。！？；：");

    /// <summary>Whether a message asks the user for a secret or for remote access.</summary>
    /// <param name="message">An agent's or bot's message.</param>
    /// <returns><see langword="true"/> when some sentence of the message asks for a secret.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public static bool AsksForSecret(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var folded = TextNormalizer.Fold(message);
        var text = Reassurance().Replace(TextNormalizer.Compact(folded).Text, " ");
        return AsksInSentences(text) || (TextNormalizer.HasSpacedLetters(folded.Text) && SpelledOutRequest.Asks(text));
    }

    private static bool AsksInSentences(string text)
    {
        // Sentences end at . ! ? ; and new lines. A sentence ending in ':' leads a list: under a warning lead-in
        // ("Support will never ask you to:") the items are warnings too, until a sentence ends with . ! or ?;
        // under any other lead-in ("Please send me the following:") each item is read together with it.
        var listLead = -1;
        var warnedList = false;
        var start = 0;
        while (start < text.Length)
        {
            var length = text.AsSpan(start).IndexOfAny(Terminators);
            var end = length < 0 ? text.Length : start + length;
            var terminator = end < text.Length ? text[end] : '.';
            var sentence = text.AsSpan(start, end - start);
            var closesList = terminator is '.' or '!' or '?' or '。' or '！' or '？';
            if (warnedList)
            {
                warnedList = !closesList;
            }
            else if (terminator is ':' or '：')
            {
                warnedList = Warning().IsMatch(sentence);
                if (!warnedList && SentenceAsks(sentence))
                {
                    return true;
                }

                listLead = warnedList ? -1 : start;
            }
            else
            {
                var read = listLead >= 0 ? text.AsSpan(listLead, end - listLead) : sentence;
                if (SentenceAsks(read))
                {
                    return true;
                }

                if (closesList)
                {
                    listLead = -1;
                }
            }

            start = end + 1;
        }

        return false;
    }

    private static bool SentenceAsks(ReadOnlySpan<char> sentence)
    {
        if (sentence.IsWhiteSpace())
        {
            return false;
        }

        if (!Warning().IsMatch(sentence))
        {
            return ClauseAsks(sentence);
        }

        // "Send me the code, don't tell anyone": a warning in one clause does not excuse a request in another.
        foreach (var range in ClauseBreak().EnumerateSplits(sentence))
        {
            var clause = sentence[range];
            if (!clause.IsWhiteSpace() && !Warning().IsMatch(clause) && ClauseAsks(clause))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ClauseAsks(ReadOnlySpan<char> clause)
    {
        if (RemoteAccess().IsMatch(clause))
        {
            return true;
        }

        var wallet = WalletSecret().IsMatch(clause);
        if (!wallet && !AccountSecret().IsMatch(clause))
        {
            return false;
        }

        return (wallet && (RequestsBefore(clause, WalletSecret(), Request()) || RequestsBefore(clause, WalletSecret(), WalletRequest())))
            || RequestsBefore(clause, AccountSecret(), Request())
            || (EnterVerb().IsMatch(clause) && ToSupport().IsMatch(clause));
    }

    /// <summary>Whether a request verb comes shortly before a secret ("send me your seed phrase"), so a request
    /// about something else in the same sentence ("confirm your 2FA, then upload a photo of your ID") does not count.
    /// Chinese puts the object first as often as not ("把验证码告诉我"), so there either order counts.</summary>
    private static bool RequestsBefore(ReadOnlySpan<char> clause, Regex secret, Regex request)
    {
        foreach (var verb in request.EnumerateMatches(clause))
        {
            var after = verb.Index + verb.Length;
            foreach (var noun in secret.EnumerateMatches(clause))
            {
                var chinese = clause[verb.Index] >= '\u3000';
                if ((noun.Index >= verb.Index && noun.Index - after <= MaxRequestDistance)
                    || (chinese && noun.Index < verb.Index && verb.Index - (noun.Index + noun.Length) <= MaxRequestDistance))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Phrases with a negation that do not warn: "don't worry", "不用担心", "if you don't send it ...".
    [GeneratedRegex(@"\b(?:don'?t|do\s+not|no\s+need\s+to)\s+(?:worry|panic|hesitate)\b|\bno\s+(?:worries|problem)\b|\bnot\s+to\s+worry\b|\bif\s+you\s+(?:don'?t|do\s+not)\b|\botherwise\b|不用担心|別擔心|别担心|不要担心|不要擔心|没问题|沒問題|不用怕|否则|否則|不然", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Reassurance();


    [GeneratedRegex(@"[,，]|\s+(?:and|so|because|but|however)\s+|并且|因为|因為|所以|但是|但|不过|不過", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"\b(?:never|not|don'?t|dont|doesn'?t|won'?t|wouldn'?t|shouldn'?t|can'?t|cannot|no\s+one|nobody|anyone|anybody|beware|scam(?:s|mers?)?|phishing|fraud(?:ster)?s?|impersonat\w*|fake)\b|绝不|絕不|决不|決不|不会|不會|不要|切勿|请勿|請勿|勿|永远不|永遠不|从不|從不|从来不|從來不|不得|千万别|千萬別|千万不要|千萬不要|任何人|谨防|謹防|诈骗|詐騙|骗子|騙子|冒充|假冒|钓鱼|釣魚|别(?!人)|別(?!人)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Warning();

    [GeneratedRegex(@"\b(?:any\s?desk|team\s?viewer|rust\s?desk|ultra\s?viewer|quick\s?assist|chrome\s+remote|logmein|splashtop|remote\s+(?:access|control|desktop|session|support\s+(?:tool|app))|screen\s?shar\w*|share\s+(?:your|the)\s+screen)\b|远程|遠程|屏幕共享|共享屏幕|共享桌面|向日葵|todesk", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RemoteAccess();

    [GeneratedRegex(@"\b(?:seed|mnemonic|recovery|backup|secret|wallet)\s+(?:phrase|words?|sentence)s?\b|\b(?:seed|recovery|wallet)\s+keys?\b|\b(?:12|24|twelve|twenty[-\s]four|18)[-\s]words?\b|\bmnemonics?\b|\bpriv(?:ate)?[\s_-]?keys?\b|\bkeystore\b|\bwallet\.dat\b|助记词|助記詞|助记|助記|私钥|私鑰|私匙|秘钥|秘鑰|恢复短语|恢復短語|种子短语|種子短語|种子词|種子詞|备份短语|備份短語|keystore", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WalletSecret();

    [GeneratedRegex(@"\b(?:pass(?:word|code|phrase)s?|pwd|pin(?:\s+code)?|2fa|mfa|otp|totp|one[-\s]?time\s+(?:code|password|passcode)|(?:verification|verify|security|confirmation|sms|text|e-?mail|login|auth(?:enticator)?|google\s+auth(?:enticator)?|2fa|6[-\s]?digit)\s+codes?|api\s+(?:secret|key)s?|secret\s+key|backup\s+key)\b|\bcodes?\b(?=[^.!?]{0,40}\b(?:we|i|you)\b[^.!?]{0,20}\b(?:sent|texted|emailed|received|got|get)\b)|\b(?:sent|texted|emailed)\s+you\b|\b(?:me|us)\s+(?:the|that|this|your)\s+(?:\d[-\s]?digit\s+)?codes?\b|密码|密碼|验证码|驗證碼|校验码|動態碼|动态码|安全码|安全碼|密钥|密鑰|口令", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AccountSecret();

    [GeneratedRegex(@"(?<!\b(?:we|i|will|we'll|i'll|shall|would|system|app|they)\s+)\b(?:send|give|provide|forward|tell)(?:ing)?\b(?!\s+(?:you|them|him|her)\b)|\b(?:share|sharing|spell\s+out|upload|screenshot|photo\s+of|picture\s+of)\b|\bread\s+(?:it\s+|them\s+)?(?:to\s+)?(?:me|us|out|back)\b|\b(?:reply|respond)\s+with\b|\b(?:text|e-?mail|message|dm|pm|whatsapp|telegram)\s+(?:me|us|it|them)\b|\bwhat(?:'s|\s+is|\s+are|\s+was)\s+(?:your|the\s+code)\b|\b(?:need|request(?:ing)?|want)\s+(?:your|the|that|this)\b|\b(?:i\s+am|i'm|we\s+are|we're)\s+asking\s+(?:you\s+)?for\b|\blet\s+me\s+(?:have|see|know\s+(?:your|the\s+code))\b|\b(?:can|could|may)\s+(?:i|we)\s+(?:have|get|see)\b|提供|告知|请(?:您)?(?:发送|發送)|請(?:您)?發送|发给|發給|发到(?:这|此|我)|發到(?:這|此|我)|上传到(?:这|此)|上傳到(?:這|此)|发我|發我|发送给|發送給|发过来|發過來|发一下|發一下|告诉我|告訴我|给我|給我|報給|报给|报一下|報一下|说一下|說一下|念一下|读一下|讀一下|回复|回覆|私信|截图|截圖|拍照|需要您的|需要你的|(?:您|你)的[^，,。？?]{0,8}(?:是多少|是什么|是什麼)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Request();

    // For seed phrases and private keys even "verify", "enter", "input", "import", "sync" is a request: support
    // never needs them typed anywhere.
    [GeneratedRegex(@"\b(?:verify|validate|confirm|require[sd]?|enter|input|import|submit|sync(?:hroni[sz]e)?|fill\s+in|write\s+(?:down\s+)?(?:here|below)|restore\s+(?:it\s+)?(?:here|on|at|via))\b|输入|輸入|填写|填寫|导入|導入|验证(?!码)|驗證(?!碼)|同步|填入", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WalletRequest();

    [GeneratedRegex(@"\b(?:enter|input|type|paste|submit|confirm|fill\s+in)\b|输入|輸入|填写|填寫|填入", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnterVerb();

    [GeneratedRegex(@"\b(?:here|below|in\s+(?:this|the)\s+(?:chat|conversation|ticket|form|link|page)|on\s+this\s+(?:page|form|link)|to\s+(?:me|us)|for\s+(?:me|us)|this\s+link|following\s+link)\b|这里|這裡|此处|此處|下方|对话框|對話框|聊天|给我|給我|这个链接|這個鏈接|此链接|此鏈接|表单|表單", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ToSupport();
}

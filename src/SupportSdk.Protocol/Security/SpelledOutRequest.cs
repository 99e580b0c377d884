namespace SupportSdk.Security;

/// <summary>Reads a message spelled out letter by letter with no gap between words ("s e n d m e y o u r s e e d
/// p h r a s e" becomes "sendmeyourseedphrase"): word boundaries are gone, so it looks for a request and a secret
/// inside the run of letters, the request first, and no warning ("never", "dont", "anyone", "scam") in the same
/// sentence.</summary>
internal static class SpelledOutRequest
{
    private const int MaxDistance = 30;

    private static readonly string[] s_secrets =
    [
        "seedphrase", "seedwords", "recoveryphrase", "recoverywords", "secretphrase", "backupphrase", "mnemonic",
        "privatekey", "password", "passcode", "2facode", "verificationcode", "smscode", "authcode", "otp", "pincode",
        "助记词", "助記詞", "私钥", "私鑰", "密码", "密碼", "验证码", "驗證碼",
    ];

    private static readonly string[] s_requests =
    [
        "send", "give", "provide", "tell", "share", "enter", "type", "paste", "reply", "whatis", "whats", "text",
        "发", "發", "提供", "告诉", "告訴", "输入", "輸入",
    ];

    private static readonly string[] s_warnings =
    [
        "never", "dont", "donot", "not", "noone", "nobody", "anyone", "anybody", "beware", "scam", "phishing", "fake",
        "绝不", "絕不", "不要", "切勿", "请勿", "請勿", "任何人", "骗", "騙",
    ];

    public static bool Asks(string text)
    {
        foreach (var sentence in text.Split(['.', '!', '?', ';', '\n', '。', '！', '？', '；']))
        {
            var squeezed = Squeeze(sentence);
            if (squeezed.Length > 0 && !ContainsAny(squeezed, s_warnings) && RequestBeforeSecret(squeezed))
            {
                return true;
            }
        }

        return false;
    }

    private static string Squeeze(string sentence)
    {
        var chars = new char[sentence.Length];
        var length = 0;
        foreach (var c in sentence)
        {
            if (char.IsLetterOrDigit(c))
            {
                chars[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(chars, 0, length);
    }

    private static bool RequestBeforeSecret(string squeezed)
    {
        foreach (var request in s_requests)
        {
            for (var at = squeezed.IndexOf(request, StringComparison.Ordinal); at >= 0; at = squeezed.IndexOf(request, at + 1, StringComparison.Ordinal))
            {
                var chinese = request[0] >= '\u3000';
                foreach (var secret in s_secrets)
                {
                    var noun = squeezed.IndexOf(secret, chinese ? 0 : at + request.Length, StringComparison.Ordinal);
                    if (noun >= 0 && Math.Abs(noun - at) <= MaxDistance)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool ContainsAny(string squeezed, string[] words)
    {
        foreach (var word in words)
        {
            if (squeezed.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Buffers;
using System.Text.RegularExpressions;

namespace SupportSdk.Security;

/// <summary>Finds one-time codes given with their label: "2FA code 123456", "google auth code is 123 456",
/// "the code is 482913", "验证码：654321", "谷歌验证码 123456". The span is the digits only.</summary>
/// <remarks>The pattern anchors on the code word itself ("code", "2FA", "验证码") so it is cheap on long text; the words
/// before a plain "code" then tell a one-time code from an error, order or promo code.</remarks>
internal static partial class OtpDetector
{
    private const int QualifierWords = 3;

    // "error code 500123", "order code", "promo code 2024": codes that are not one-time passwords.
    private static readonly string[] s_otherCodes =
    [
        "error", "order", "promo", "promotion", "referral", "refer", "invite", "invitation", "zip", "postal", "post",
        "country", "area", "status", "reference", "ref", "coupon", "bonus", "voucher", "tracking", "product", "swift",
        "bank", "branch", "sort", "tax", "qr", "source", "reason", "response", "exit", "http", "region", "currency",
        "asset", "network", "chain", "color", "colour", "discount", "gift", "redeem", "redemption", "activation",
        "affiliate", "agent", "ticket", "case", "tag", "memo", "payment", "merchant", "city", "dial", "pairing", "pair",
    ];

    // Words just before "code"/"token" that make it a one-time code ("SMS code", "google auth code").
    private static readonly string[] s_qualifiers =
    [
        "2fa", "mfa", "otp", "totp", "ga", "verification", "verify", "sms", "text", "texted", "email", "e-mail", "mail",
        "security", "confirmation", "confirm", "login", "auth", "authenticator", "authentication", "google", "one-time",
        "time", "factor", "2-factor", "two-factor", "phone", "mobile", "withdrawal", "2-step", "step", "binance", "okx",
    ];

    // Words between the label and the digits that show the number is something else.
    private static readonly string[] s_otherNumbers =
    [
        "order", "error", "amount", "fee", "balance", "usdt", "btc", "eth", "phone", "mobile", "tel", "number of",
        "ticket", "case", "id", "uid", "订单", "金额", "手机号", "电话", "余额", "工单", "编号",
    ];

    private static readonly string[] s_unitsAfter =
    [
        "usdt", "usdc", "btc", "eth", "usd", "cny", "rmb", "eur", "dollar", "元", "块", "%", "min", "sec", "hour", "hr",
        "day", "分钟", "分鐘", "秒", "小时", "小時", "天", "time", "次", "digit", "位", "个", "個", "character", "char",
        "attempt", "try", "tries",
    ];

    private static readonly string[] s_wordsBefore =
    [
        "of", "for", "in", "after", "within", "about", "last", "every", "than", "from", "to", "at", "on", "by", "under",
        "over", "around", "first", "next", "only", "until", "wait", "waited", "past", "least", "most",
    ];

    // Every anchor of Pattern() contains one of these ("passcode" and "code", "totp" and "otp", "g2fa" and "2fa"). Most
    // messages contain none, and a vectorized search for them is far cheaper than trying the pattern at every letter.
    private static readonly SearchValues<string> s_anchors = SearchValues.Create(
        ["code", "token", "2fa", "2-fa", "mfa", "otp", "authenticator", "验证码", "驗證碼", "校验码", "校驗碼", "动态码", "動態碼",
            "动态密码", "動態密碼", "安全码", "安全碼", "谷歌码", "谷歌碼", "授权码", "授權碼"],
        StringComparison.OrdinalIgnoreCase);

    public static void Scan(string text, List<SecretFinding> findings)
    {
        // U+212A KELVIN SIGN matches "k" under the pattern's invariant IgnoreCase but not under OrdinalIgnoreCase.
        if (!text.AsSpan().ContainsAny(s_anchors) && !text.Contains('\u212A', StringComparison.Ordinal))
        {
            return;
        }

        for (var m = Pattern().Match(text); m.Success; m = m.NextMatch())
        {
            var value = m.Groups["value"];
            var confidence = Classify(text, m, value);
            if (confidence is { } c)
            {
                findings.Add(new SecretFinding(SecretKind.Otp, value.Index, value.Length, c));
            }
        }
    }

    private static SecretConfidence? Classify(string text, Match match, Group value)
    {
        var digits = 0;
        foreach (var c in value.ValueSpan)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        if (digits is < 4 or > 8)
        {
            return null;
        }

        var gap = match.Groups["gap"].ValueSpan;
        foreach (var word in s_otherNumbers)
        {
            if (ContainsWord(gap, word))
            {
                return null;
            }
        }

        var confidence = SecretConfidence.High;
        var weak = match.Groups["weak"];
        if (weak.Success)
        {
            var qualified = QualifyCode(text.AsSpan(0, weak.Index));
            if (qualified is null)
            {
                return null;
            }

            if (qualified == false && QualifiedAfter(text.AsSpan(value.Index + value.Length)))
            {
                // "my code 123456 from google authenticator": the source named after the digits qualifies it.
                qualified = true;
            }

            if (qualified == false)
            {
                // A bare "code"/"token" needs a connector: "the code is 123456", "code: 123456".
                var trimmedGap = gap.Trim();
                if (!(trimmedGap.EndsWith("is", StringComparison.OrdinalIgnoreCase) || trimmedGap.EndsWith(':')
                    || trimmedGap.EndsWith('：') || trimmedGap.EndsWith('=')))
                {
                    return null;
                }

                confidence = SecretConfidence.Medium;
            }
        }

        var before = PreviousWord(text.AsSpan(0, value.Index));
        foreach (var word in s_wordsBefore)
        {
            if (before.Equals(word, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        var after = text.AsSpan(value.Index + value.Length).TrimStart();
        foreach (var unit in s_unitsAfter)
        {
            if (after.StartsWith(unit, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return confidence;
    }

    /// <summary>Looks at the words before "code"/"token": <see langword="true"/> when one makes it a one-time code
    /// ("SMS code", "google auth code"), <see langword="null"/> when the word right before makes it another code
    /// ("error code", "promo code"), <see langword="false"/> when it is a bare code.</summary>
    private static bool? QualifyCode(ReadOnlySpan<char> before)
    {
        for (var k = 0; k < QualifierWords; k++)
        {
            before = before.TrimEnd(" \t_");
            var start = before.Length;
            while (start > 0 && (char.IsAsciiLetterOrDigit(before[start - 1]) || before[start - 1] == '-'))
            {
                start--;
            }

            var word = before[start..].Trim('-');
            if (word.IsEmpty)
            {
                return false;
            }

            if (k == 0 && IsOneOf(word, s_otherCodes))
            {
                return null;
            }

            if (IsOneOf(word, s_qualifiers) || word.EndsWith("digit", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            before = before[..start];
        }

        return false;
    }

    private static readonly string[] s_sourcesAfter = ["authenticator", "google", "authy", "sms", "2fa", "otp", "totp", "text", "texted", "email", "e-mail"];

    /// <summary>Whether one of the next few words names where a one-time code comes from ("from google authenticator",
    /// "in the SMS").</summary>
    private static bool QualifiedAfter(ReadOnlySpan<char> after)
    {
        for (var k = 0; k < 4; k++)
        {
            after = after.TrimStart(" \t,");
            var end = 0;
            while (end < after.Length && (char.IsAsciiLetterOrDigit(after[end]) || after[end] == '-'))
            {
                end++;
            }

            if (end == 0)
            {
                return false;
            }

            if (IsOneOf(after[..end], s_sourcesAfter))
            {
                return true;
            }

            after = after[end..];
        }

        return false;
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] words)
    {
        foreach (var candidate in words)
        {
            if (word.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<char> PreviousWord(ReadOnlySpan<char> before)
    {
        before = before.TrimEnd();
        var start = before.Length;
        while (start > 0 && char.IsAsciiLetter(before[start - 1]))
        {
            start--;
        }

        return before[start..];
    }

    private static bool ContainsWord(ReadOnlySpan<char> text, string word)
    {
        var from = 0;
        while (from < text.Length)
        {
            var at = text[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            at += from;
            var end = at + word.Length;
            if (!char.IsAsciiLetter(word[0])
                || ((at == 0 || !char.IsAsciiLetter(text[at - 1])) && (end == text.Length || !char.IsAsciiLetter(text[end]))))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    [GeneratedRegex("""
        (?:
          (?<![A-Za-z0-9-])(?:(?<weak>codes?|tokens?)|passcodes?|2fa|2-fa|mfa|otp|totp|g2fa|authenticator)(?![A-Za-z])
        | 验证码|驗證碼|校验码|校驗碼|动态码|動態碼|动态密码|動態密碼|安全码|安全碼|谷歌码|谷歌碼|授权码|授權碼
        )
        (?<gap>[^\d.!?。！？\n]{0,40}?)
        (?<![\d+])(?<value>\d{2,4}(?:[ -]?\d{2,4}){0,2})(?![0-9A-Za-z]|[.,]\d)
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pattern();
}

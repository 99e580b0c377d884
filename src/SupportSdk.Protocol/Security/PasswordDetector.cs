using System.Text.RegularExpressions;

namespace SupportSdk.Security;

/// <summary>Finds passwords, PINs and passphrases given with their label, in English ("my password is X",
/// "pwd: X", "password for Binance is X", "password Hunter22") and Chinese ("密码是X", "登录密码：X"). The span is the value only.</summary>
internal static partial class PasswordDetector
{
    public static void Scan(string text, List<SecretFinding> findings)
    {
        for (var m = Pattern().Match(text); m.Success; m = m.NextMatch())
        {
            var value = m.Groups["value"];
            var trimmed = SecretValue.Trim(value.ValueSpan);
            if (trimmed.IsEmpty)
            {
                continue;
            }

            var offset = value.Index + value.ValueSpan.IndexOf(trimmed);
            var connector = m.Groups["conn"].Value;
            var pin = m.Groups["pin"].Success;
            if (LooksLikePassword(trimmed, connector, pin))
            {
                findings.Add(new SecretFinding(SecretKind.Password, offset, trimmed.Length, SecretConfidence.High));
            }
        }
    }

    private static bool LooksLikePassword(ReadOnlySpan<char> value, string connector, bool pin)
    {
        if (value.Length is < 4 or > 64 || SecretValue.IsNotSecretWord(value) || value.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (SecretValue.IsDigits(value))
        {
            return connector.Length > 0 && value.Length >= (pin ? 4 : 6);
        }

        if (pin)
        {
            return false;
        }

        if (connector.Length == 0)
        {
            // No "is"/":" ("password Hunter22", "密码 qwe123"): only a value that mixes letters and digits.
            return value.Length >= 6 && value.ContainsAnyInRange('0', '9') && (value.ContainsAnyInRange('a', 'z') || value.ContainsAnyInRange('A', 'Z'));
        }

        if (SecretValue.CharacterClasses(value) >= 2)
        {
            return true;
        }

        // A single-class word ("sunshine") only after an explicit "password:" / "密码是".
        return connector is ":" or "：" or "=" or "是" or "为" or "為" && value.Length >= 6;
    }

    [GeneratedRegex("""
        (?:
          \b(?:(?<pin>pin(?:\s*code)?)|pass(?:word|wd|code|phrase)?|pwd|pw)\b
          (?:\s+(?:for|on|of|to|at)\s+(?:(?:my|the|your|this)\s+)?[\w.@-]{1,40}(?:\s+(?:account|app|wallet|exchange|login))?)?
          (?:\s*(?<conn>is|was|=|:|：|->|-)\s*|\s+)
        |
          (?:登录|登陆|登錄|資金|资金|交易|支付|提现|提币|账户|账号|帳號|帳戶|钱包|錢包|邮箱|郵箱)?密[码碼]
          \s*(?<conn>是|为|為|:|：|=)?\s*
        )
        ["'“‘「『]?(?<value>[\x21-\x7E]{1,80})
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pattern();
}

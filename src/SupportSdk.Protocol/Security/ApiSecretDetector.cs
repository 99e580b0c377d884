using System.Text.RegularExpressions;

namespace SupportSdk.Security;

/// <summary>Finds exchange API secrets given with their label: "API secret: X", "secretKey=X", "secret key is X",
/// "api key and secret: K S", "API密钥：X". The span is the value only.</summary>
internal static partial class ApiSecretDetector
{
    private static readonly System.Buffers.SearchValues<string> s_labelHints =
        System.Buffers.SearchValues.Create(["secret", "密钥", "密鑰", "秘钥", "秘鑰"], StringComparison.OrdinalIgnoreCase);

    public static void Scan(string text, List<SecretFinding> findings)
    {
        // Every label holds "secret" or 密钥/秘钥: a vectorised search skips the pattern on most text.
        if (text.AsSpan().IndexOfAny(s_labelHints) < 0)
        {
            return;
        }

        for (var m = Pattern().Match(text); m.Success; m = m.NextMatch())
        {
            foreach (var name in (ReadOnlySpan<string>)["value", "second"])
            {
                var value = m.Groups[name];
                if (value.Success && LooksLikeSecret(value.ValueSpan))
                {
                    findings.Add(new SecretFinding(SecretKind.ApiSecret, value.Index, value.Length, SecretConfidence.High));
                }
            }
        }
    }

    private static bool LooksLikeSecret(ReadOnlySpan<char> value)
    {
        if (value.Length < 16)
        {
            return false;
        }

        // Random-looking: mixes letters and digits or cases; an all-lower-case word is not a secret.
        var classes = SecretValue.CharacterClasses(value);
        return classes >= 3 || (classes == 2 && !SecretValue.IsLetters(value.TrimEnd('=')));
    }

    [GeneratedRegex("""
        (?:
          \b(?:api[\s_-]*secret(?:[\s_-]*key)?|secret[\s_-]*key|client[\s_-]*secret|app[\s_-]*secret|api[\s_-]*key\s*(?:and|&|\+|/)\s*secret|secret)s?\b
        | (?:API\s*)?(?:密钥|密鑰|秘钥|秘鑰)
        )
        \s*(?:is|was|are|=|:|：|是|为|為|->)?\s*["'“‘]?
        (?<value>[A-Za-z0-9+/=_-]{16,160})(?![A-Za-z0-9+/=_-])
        (?:["'”’]?\s*(?:,|;|/|\band\b|&|\s)\s*(?<second>[A-Za-z0-9+/=_-]{16,160})(?![A-Za-z0-9+/=_-]))?
        """, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Pattern();
}

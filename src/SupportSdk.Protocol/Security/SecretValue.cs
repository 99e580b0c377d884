namespace SupportSdk.Security;

/// <summary>Shape checks for a value that follows a label ("my password is X"): how many character classes it
/// mixes and whether it is a plain word that says something about the secret instead of being it.</summary>
internal static class SecretValue
{
    // Words that follow "password is" / "code:" in ordinary support talk ("my password is wrong").
    private static readonly HashSet<string> s_notSecrets = new(StringComparer.OrdinalIgnoreCase)
    {
        "wrong", "incorrect", "invalid", "correct", "right", "expired", "expire", "expires", "reset", "changed", "change",
        "not", "never", "too", "the", "still", "being", "required", "needed", "missing", "forgotten", "forgot", "lost",
        "locked", "blocked", "fine", "same", "different", "weak", "strong", "case", "sensitive", "hidden", "saved",
        "stored", "working", "accepted", "rejected", "denied", "empty", "blank", "set", "updated", "new", "old",
        "correct.", "ok", "okay", "none", "null", "unknown", "secret", "private", "safe", "secure", "compromised",
        "leaked", "stolen", "hacked", "please", "help", "here", "there", "below", "above", "attached", "enabled",
        "disabled", "turned", "valid", "protected", "encrypted", "hashed", "shown", "displayed", "visible", "only",
        "always", "usually", "probably", "definitely", "something", "anything", "nothing", "what", "which", "where",
        "mine", "yours", "this", "that", "those", "these", "your", "my", "our", "their", "his", "her", "its",
        "password", "passcode", "pwd", "code", "settings", "security", "account", "login", "e-mail", "email", "sms",
        "example", "asterisks", "stars", "dots", "long", "short", "characters", "letters", "digits", "numbers",
    };

    /// <summary>Trims punctuation that ends the sentence rather than the value, and quotes around it.</summary>
    public static ReadOnlySpan<char> Trim(ReadOnlySpan<char> value) =>
        value.TrimStart("\"'`(<[").TrimEnd(".,;:?\"'`)>]");

    /// <summary>How many of lower case, upper case, digits and symbols the value mixes (0–4).</summary>
    public static int CharacterClasses(ReadOnlySpan<char> value)
    {
        bool lower = false, upper = false, digit = false, symbol = false;
        foreach (var c in value)
        {
            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
            digit |= char.IsAsciiDigit(c);
            symbol |= !char.IsAsciiLetterOrDigit(c);
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    /// <summary>Whether the value is all ASCII digits.</summary>
    public static bool IsDigits(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExceptInRange('0', '9');

    /// <summary>Whether the value is all ASCII letters.</summary>
    public static bool IsLetters(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return !value.IsEmpty;
    }

    /// <summary>Whether the value is a word that talks about a secret ("wrong", "reset", "expired").</summary>
    public static bool IsNotSecretWord(ReadOnlySpan<char> value) =>
        s_notSecrets.GetAlternateLookup<ReadOnlySpan<char>>().Contains(value);
}

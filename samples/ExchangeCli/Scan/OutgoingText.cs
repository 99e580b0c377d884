using ExchangeCli.Cli;
using SupportSdk;
using SupportSdk.Security;

namespace ExchangeCli.Scan;

/// <summary>
/// Applies the default <see cref="SecretPolicy"/> to text before it leaves the machine (ticket subjects, bodies,
/// replies): a seed phrase, private key or API secret stops the command; a password or 2FA code is replaced by
/// <c>[redacted]</c>, with a warning on stderr. The server applies its own policy again.
/// </summary>
internal static class OutgoingText
{
    /// <returns>The text to send (redacted when the policy says so).</returns>
    /// <exception cref="CliException"><c>sensitive_data_blocked</c> when the policy blocks the text.</exception>
    public static string Guard(string field, string text, CliOutput output)
    {
        var findings = SecretScanner.Default.Scan(text);
        var described = string.Join(", ", findings);
        switch (SecretPolicy.Default.Decide(findings))
        {
            case SecretAction.Block:
                throw new CliException(ErrorCodes.SensitiveDataBlocked,
                    $"Not sent: the {field} contains a secret ({described}). Support never needs your seed phrase, private keys or API secrets; remove it and try again.",
                    ExitCodes.Refused);
            case SecretAction.Redact:
                output.Warn($"the {field} contained a secret ({described}); it is sent with the secret replaced by {SecretPolicy.RedactionMarker}.");
                return SecretPolicy.Default.Redact(text, findings);
            case SecretAction.Warn:
                output.Warn($"the {field} may contain a secret ({described}).");
                return text;
            default:
                return text;
        }
    }
}

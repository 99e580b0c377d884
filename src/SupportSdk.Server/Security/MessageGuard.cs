using Microsoft.Extensions.Options;
using SupportSdk.Security;
using SupportSdk.Server.Channels;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Security;

/// <summary>
/// The server's copy of the client's secret guard (defence in depth): customer text is screened with
/// <see cref="SupportServerOptions.SecretPolicy"/> before it is stored — blocked with 422
/// <c>sensitive_data_blocked</c> (findings, never the secret) or stored redacted — and agent and bot messages get
/// the scam flags.
/// </summary>
internal sealed class MessageGuard(IOptions<SupportServerOptions> options, ManifestPublisher channels)
{
    /// <summary>Screens the fields of one customer request together; returns their texts to store, in order.</summary>
    public string[] ScreenCustomer(params ReadOnlySpan<(string Field, string? Text)> fields)
    {
        var policy = options.Value.SecretPolicy;
        var texts = new string[fields.Length];
        List<SensitiveFinding>? blocked = null;
        for (var i = 0; i < fields.Length; i++)
        {
            var (field, text) = fields[i];
            if (string.IsNullOrEmpty(text))
            {
                texts[i] = text ?? string.Empty;
                continue;
            }

            var screened = SecretGuard.Screen(field, text, policy);
            if (screened.IsBlocked)
            {
                (blocked ??= []).AddRange(screened.Findings);
            }

            texts[i] = screened.Text;
        }

        return blocked is null ? texts : throw Blocked(blocked);
    }

    /// <summary>The flags an agent's or bot's message earns.</summary>
    public IReadOnlyList<string> FlagsFor(string text) => SecretGuard.FlagsFor(text, channels.Verifier);

    private static ApiError Blocked(IReadOnlyList<SensitiveFinding> findings) =>
        new(422, ErrorCodes.SensitiveDataBlocked, "The message contains a secret and was not sent.",
            "Support never needs your seed phrase, private key or API secret. Remove it and send the message again.")
        {
            Findings = findings,
        };
}

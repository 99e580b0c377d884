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
    /// <summary>Screens every text a customer wrote in <paramref name="request"/> (<see cref="CustomerText"/> decides
    /// which): 422 when one holds a secret the policy blocks; otherwise the request to store, redacted where the policy redacts.</summary>
    public T Screen<T>(T request)
        where T : class
    {
        var screened = CustomerText.ScreenAll(request, options.Value.SecretPolicy);
        return screened.IsBlocked ? throw Blocked(screened.Findings) : screened.Request;
    }

    /// <summary>Screens texts a customer wrote outside a request model (a query, a file name, a text file's content).</summary>
    public IReadOnlyList<string?> Screen(params CustomerField[] fields)
    {
        var screened = CustomerText.ScreenTexts(fields, options.Value.SecretPolicy);
        return screened.IsBlocked ? throw Blocked(screened.Findings) : screened.Texts;
    }

    /// <summary>A chat message with the author's consecutive earlier messages (<see cref="CustomerText.ScreenMessage"/>).</summary>
    public ScreenedMessage ScreenMessage(string text, IReadOnlyList<string> earlier) =>
        CustomerText.ScreenMessage(text, earlier, options.Value.SecretPolicy);

    /// <summary>The flags an agent's or bot's message earns.</summary>
    public IReadOnlyList<string> FlagsFor(string text) => SecretGuard.FlagsFor(text, channels.Verifier);

    public static ApiError Blocked(IReadOnlyList<SensitiveFinding> findings) =>
        new(422, ErrorCodes.SensitiveDataBlocked, "The message contains a secret and was not sent.",
            "Support never needs your seed phrase, private key or API secret. Remove it and send the message again.")
        {
            Findings = findings,
        };
}

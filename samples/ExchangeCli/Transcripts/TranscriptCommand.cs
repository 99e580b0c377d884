using System.CommandLine;
using System.Globalization;
using ExchangeCli.Cli;
using Spectre.Console;
using SupportSdk.Transcripts;

namespace ExchangeCli.Transcripts;

/// <summary>
/// <c>transcript verify FILE</c>: is a support transcript (or one forwarded message) genuine and complete, altered
/// (at which message), or not signed by this exchange? The keys trusted are <c>--public-key</c> (or
/// $SUPPORT_MANIFEST_PUBLIC_KEY), else the ones the exchange publishes at <c>--endpoint</c> (over HTTPS).
/// </summary>
internal static class TranscriptCommand
{
    public static Command Create(GlobalOptions options)
    {
        var publicKeys = new Option<string[]>("--public-key")
        {
            Description = "Trusted channel public key (base64 SubjectPublicKeyInfo); repeat during a key rotation. Default: $SUPPORT_MANIFEST_PUBLIC_KEY, else the keys published at --endpoint.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var file = new Argument<string>("file") { Description = "The transcript: its JSON, one forwarded message's JSON, or the saved HTML page ('-' reads standard input)." };
        var verify = new Command("verify", "Tell whether a support transcript or message is genuine, altered, or not from this exchange (exit 0 only when genuine).")
        {
            publicKeys, options.Endpoint, options.Json, file,
        };
        verify.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var document = await ReadAsync(result.GetValue(file)!, cancellationToken);
            var pins = result.GetValue(publicKeys) is { Length: > 0 } given ? given : await KeysAsync(result.GetValue(options.Endpoint), output, cancellationToken);
            var verification = TranscriptVerifier.Verify(document, pins);
            if (output.Json)
            {
                output.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("verdict", verification.Verdict.ToWireName());
                    if (verification.Message is { } index)
                    {
                        w.WriteNumber("message", index);
                    }
                    else
                    {
                        w.WriteNull("message");
                    }

                    w.WriteEndObject();
                });
            }
            else
            {
                output.Human.MarkupLine(verification.Verdict switch
                {
                    TranscriptVerdict.Genuine => string.Create(CultureInfo.InvariantCulture,
                        $"[green bold]GENUINE[/]  signed by the exchange (key {TerminalText.Markup(verification.KeyId)}), complete and unchanged: {verification.Messages} message(s)."),
                    TranscriptVerdict.Altered when verification.Message is { } index => string.Create(CultureInfo.InvariantCulture,
                        $"[red bold]ALTERED[/]  message {index + 1} was changed, removed or moved after the exchange signed it."),
                    TranscriptVerdict.Altered => "[red bold]ALTERED[/]  the transcript was changed after the exchange signed it.",
                    _ => "[red bold]NOT SIGNED BY THIS EXCHANGE[/]  no trusted key signed it: do not trust what it says support wrote.",
                });

                // What was signed, with who wrote each message: trust this, not the file's own rendering.
                foreach (var m in verification.Verified)
                {
                    var who = m.Role == "customer" ? "customer" : "[green]" + TerminalText.Markup(m.Role, singleLine: true) + "[/]";
                    output.Human.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                        $"[dim]{m.SentAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC[/] {TerminalText.Markup(m.Author, singleLine: true)} ({who}): {TerminalText.Markup(m.Text)}"));
                }
            }

            return verification.Verdict == TranscriptVerdict.Genuine ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return new Command("transcript", "Support transcripts signed by the exchange.") { verify };
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            if (path == "-")
            {
                return await Console.In.ReadToEndAsync(cancellationToken);
            }

            var info = new FileInfo(path);
            if (info.Exists && info.Length > TranscriptVerifier.MaxDocumentLength)
            {
                throw CliException.Usage($"{path} is larger than {TranscriptVerifier.MaxDocumentLength / (1024 * 1024)} MiB: not a support transcript.");
            }

            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException("file_not_found", $"Cannot read {path}: {e.Message}", ExitCodes.Usage);
        }
    }

    private static async Task<string[]> KeysAsync(string? endpointOption, CliOutput output, CancellationToken cancellationToken)
    {
        if (endpointOption is null && SupportConnection.Env(SupportConnection.ManifestKeyVariable) is { } variable)
        {
            return variable.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (endpointOption is null && SupportConnection.Env(SupportConnection.EndpointVariable) is null)
        {
            throw CliException.Usage($"No key to trust: pass --public-key, set {SupportConnection.ManifestKeyVariable}, or name the exchange with --endpoint.");
        }

        using var client = SupportConnection.Anonymous(SupportConnection.ResolveEndpoint(endpointOption));
        var keys = await output.WithSpinnerAsync("Fetching the exchange's channel keys…", () => client.Channels.GetChannelKeysAsync(cancellationToken));
        return [.. keys.Select(k => k.PublicKey)];
    }
}

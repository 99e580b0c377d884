using System.CommandLine;
using System.Globalization;
using ExchangeCli.Cli;
using Spectre.Console;
using SupportSdk.Channels;

namespace ExchangeCli.Verify;

/// <summary>
/// <c>verify</c>: is a URL, e-mail address, phone number or handle one of the exchange's official channels, a
/// lookalike, or unknown? Online it fetches the signed manifest through <c>SupportClient.Channels</c>; with
/// <c>--offline</c> it reads a signed manifest file (the demo brand's by default). Either way the manifest is
/// trusted only when a pinned public key signed it and it has not expired.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(GlobalOptions options)
    {
        var offline = new Option<bool>("--offline") { Description = "Use a signed manifest file instead of the server (default: the demo brand's, shipped in DemoData)." };
        var manifestFile = new Option<string?>("--manifest") { Description = "With --offline: the signed manifest file, e.g. saved from GET /v1/channels/official." };
        var publicKeys = new Option<string[]>("--public-key")
        {
            Description = "Pinned manifest public key (base64 SubjectPublicKeyInfo); repeat during a key rotation. Default: $SUPPORT_MANIFEST_PUBLIC_KEY (comma-separated), or the demo key with the demo manifest.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var input = new Argument<string>("input") { Description = "A URL, domain, e-mail address, phone number or @handle." };
        var verify = new Command("verify", "Tell whether a URL, e-mail address, phone number or handle is an official channel, a lookalike, or unknown.")
        {
            offline, manifestFile, publicKeys, options.Endpoint, options.Json, input,
        };
        verify.Validators.Add(r =>
        {
            var isOffline = r.GetValue(offline);
            if (isOffline && r.GetResult(options.Endpoint) is not null)
            {
                r.AddError("--offline and --endpoint cannot be used together.");
            }

            if (!isOffline && r.GetResult(manifestFile) is not null)
            {
                r.AddError("--manifest needs --offline.");
            }
        });
        verify.SetAction(options.Action(async (result, output, cancellationToken) =>
        {
            var text = result.GetValue(input)!;
            var pins = result.GetValue(publicKeys) is { Length: > 0 } given ? given : null;
            var (verification, manifest) = result.GetValue(offline)
                ? VerifyOffline(text, result.GetValue(manifestFile), pins)
                : await VerifyOnlineAsync(text, result.GetValue(options.Endpoint), pins, output, cancellationToken);
            if (output.Json)
            {
                output.WriteJson(verification, CliJson.Channels.ChannelVerification);
            }
            else
            {
                WriteHuman(output.Human, verification, manifest);
            }

            return ExitCodes.Ok;
        }));
        return verify;
    }

    private static (ChannelVerification, OfficialChannelManifest) VerifyOffline(string input, string? path, string[]? pins)
    {
        pins ??= path is null ? LocalManifest.DemoPublicKeys() : EnvironmentKeys();
        if (pins.Length == 0)
        {
            throw CliException.Usage($"No manifest public key to trust: pass --public-key or set {SupportConnection.ManifestKeyVariable}.");
        }

        var manifest = LocalManifest.Load(path ?? LocalManifest.DemoManifestPath, pins, DateTimeOffset.UtcNow);
        return (new ChannelVerifier(manifest).Verify(input), manifest);
    }

    private static async Task<(ChannelVerification, OfficialChannelManifest)> VerifyOnlineAsync(string input, string? endpointOption,
        string[]? pins, CliOutput output, CancellationToken cancellationToken)
    {
        var endpoint = SupportConnection.ResolveEndpoint(endpointOption);
        pins ??= EnvironmentKeys();
        if (pins.Length == 0)
        {
            throw CliException.Usage($"No manifest public key to trust: pass --public-key or set {SupportConnection.ManifestKeyVariable} (or use --offline for the demo).");
        }

        using var client = SupportConnection.Anonymous(endpoint, pins);
        return await output.WithSpinnerAsync("Fetching the signed official-channel manifest…", async () =>
        {
            var verification = await client.Channels.VerifyChannelAsync(input, cancellationToken);
            var manifest = await client.Channels.GetOfficialChannelsAsync(cancellationToken); // cached by the call above
            return (verification, manifest);
        });
    }

    private static string[] EnvironmentKeys() =>
        SupportConnection.Env(SupportConnection.ManifestKeyVariable)?.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    private static void WriteHuman(IAnsiConsole console, ChannelVerification v, OfficialChannelManifest manifest)
    {
        var brand = TerminalText.Markup(manifest.Brand, singleLine: true);
        var matched = TerminalText.Markup(v.Matched, singleLine: true);
        console.MarkupLine(v.Verdict switch
        {
            ChannelVerdict.Official when v.Reason is null => $"[green bold]OFFICIAL[/]  an official {brand} channel: {matched}",
            ChannelVerdict.Official => $"[yellow bold]OFFICIAL, WITH A CAVEAT[/]  {matched}: {Describe(v.Reason)}",
            ChannelVerdict.Lookalike => $"[red bold]LOOKALIKE[/]  imitates {matched}: {Describe(v.Reason)}",
            _ => $"[grey bold]UNKNOWN[/]  not an official {brand} channel",
        });
        var details = new Grid().AddColumn().AddColumn();
        details.AddRow(new Text("Input"), TerminalText.Cell(v.Input));
        details.AddRow(new Text("Read as"), new Text(v.Kind.ToWireName()));
        console.Write(details);
        if (v.Verdict == ChannelVerdict.Lookalike)
        {
            console.MarkupLine("[red]Do not sign in, send funds or share codes there.[/] Official support never asks for your password, 2FA codes or seed phrase.");
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[dim]Checked against {brand}'s manifest signed by key {TerminalText.Markup(manifest.KeyId)}, valid until {manifest.ExpiresAt.UtcDateTime:yyyy-MM-dd}.[/]"));
    }

    private static string Describe(string? reason) => reason switch
    {
        ChannelReasons.Homoglyph => "look-alike characters spell the official name",
        ChannelReasons.Punycode => "an xn-- (punycode) name that displays like the official one",
        ChannelReasons.EditDistance => "a name a typo away from the official one",
        ChannelReasons.BrandInDomain => "the brand inside another domain",
        ChannelReasons.BrandSubdomain => "the official name used as a subdomain of another domain",
        ChannelReasons.TldVariant => "the brand under another top-level domain",
        ChannelReasons.BrandInPath => "the brand in the path of another site",
        ChannelReasons.Userinfo => "the official name before an @: the real host is elsewhere",
        ChannelReasons.InsecureScheme => "an official domain over plain HTTP, not HTTPS",
        ChannelReasons.HandleVariant => "a handle that imitates an official one",
        ChannelReasons.BrandInMailbox => "a mailbox on another domain named after the brand",
        ChannelReasons.BrandInDisplayName => "a sender name that claims the brand",
        _ => TerminalText.Markup(reason ?? "no reason given", singleLine: true),
    };
}

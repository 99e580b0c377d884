using System.Globalization;
using System.Text.Json;
using ExchangeCli.Cli;
using SupportSdk.Channels;

namespace ExchangeCli.Verify;

/// <summary>
/// A signed official-channel manifest read from a file (by default the demo brand's, shipped in DemoData), trusted
/// only when a pinned key signed it and it is within its validity window.
/// </summary>
internal static class LocalManifest
{
    public static string DemoManifestPath => Path.Combine(AppContext.BaseDirectory, "DemoData", "official-channels.signed.json");

    public static string DemoPublicKeyPath => Path.Combine(AppContext.BaseDirectory, "DemoData", "public-key.txt");

    public static string[] DemoPublicKeys() => [ReadFile(DemoPublicKeyPath, "public key").Trim()];

    /// <summary>Reads and verifies a signed manifest.</summary>
    /// <exception cref="CliException"><c>manifest_not_found</c> (exit 2), <c>manifest_untrusted</c> or <c>manifest_expired</c> (exit 4).</exception>
    public static OfficialChannelManifest Load(string path, IReadOnlyList<string> pinnedKeys, DateTimeOffset now)
    {
        var json = ReadFile(path, "manifest");
        SignedChannelManifest? signed;
        try
        {
            signed = JsonSerializer.Deserialize(json, ChannelsJsonContext.Default.SignedChannelManifest);
        }
        catch (JsonException)
        {
            throw Untrusted($"{path} is not a signed channel manifest (invalid JSON); refusing to use it.");
        }

        signed ??= new SignedChannelManifest();
        var manifest = signed.Manifest;
        return ChannelManifestSigner.Verify(signed, pinnedKeys, now) switch
        {
            ChannelManifestValidation.Valid => manifest,
            ChannelManifestValidation.Expired => throw Expired($"The official-channel manifest {path} expired on {Utc(manifest.ExpiresAt)}; refusing to use it."),
            ChannelManifestValidation.NotYetValid => throw Expired($"The official-channel manifest {path} is not valid before {Utc(manifest.IssuedAt)}; refusing to use it."),
            ChannelManifestValidation.UnknownKey => throw Untrusted($"The official-channel manifest {path} is signed by key {manifest.KeyId}, which is not a pinned key (--public-key); refusing to use it."),
            ChannelManifestValidation.BadSignature => throw Untrusted($"The official-channel manifest {path} does not match its signature: it was altered. Refusing to use it."),
            _ => throw Untrusted($"The official-channel manifest {path} is malformed (missing parts, unsupported algorithm or unreadable signature); refusing to use it."),
        };
    }

    private static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException("manifest_not_found", $"Cannot read the {what} file {path}: {e.Message}", ExitCodes.Usage);
        }
    }

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static CliException Untrusted(string message) => new("manifest_untrusted", message, ExitCodes.Refused);

    private static CliException Expired(string message) => new("manifest_expired", message, ExitCodes.Refused);
}

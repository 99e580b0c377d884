using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using SupportSdk.Channels;

namespace SupportSdk.Server.Channels;

/// <summary>
/// Signs the configured official channels (ECDSA P-256 over the canonical encoding) and keeps the signed manifest
/// until half its lifetime has passed. Also gives the server its own verifier for flagging links in agent messages.
/// </summary>
internal sealed class ManifestPublisher : IDisposable
{
    private readonly SupportServerOptions _options;
    private readonly TimeProvider _time;
    private readonly Lazy<ECDsa> _key;
    private readonly Lock _gate = new();
    private SignedChannelManifest? _signed;

    public ManifestPublisher(IOptions<SupportServerOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _key = new Lazy<ECDsa>(LoadKey);
        Manifest = Configured(_options.OfficialChannels);
        Verifier = Manifest is null ? null : new ChannelVerifier(Manifest);
    }

    /// <summary>The unsigned manifest content, or null when no channels are configured.</summary>
    public OfficialChannelManifest? Manifest { get; }

    /// <summary>A verifier over the configured channels, or null when none are configured.</summary>
    public ChannelVerifier? Verifier { get; }

    public SignedChannelManifest? GetSigned()
    {
        if (Manifest is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_signed is { } signed && signed.Manifest.ExpiresAt - now > _options.OfficialChannels.ManifestLifetime / 2)
            {
                return signed;
            }

            var content = new OfficialChannelManifest
            {
                Brand = Manifest.Brand,
                WebDomains = Manifest.WebDomains,
                EmailDomains = Manifest.EmailDomains,
                PhoneNumbers = Manifest.PhoneNumbers,
                SocialHandles = Manifest.SocialHandles,
                IssuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()),
                ExpiresAt = DateTimeOffset.FromUnixTimeSeconds((now + _options.OfficialChannels.ManifestLifetime).ToUnixTimeSeconds()),
            };
            return _signed = ChannelManifestSigner.Sign(content, _key.Value);
        }
    }

    /// <summary>Creates a new P-256 signing key file readable by its owner only; returns the public key (SPKI, base64).</summary>
    public static string CreateKeyFile(string path)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The public key (SPKI, base64) clients must pin, or null when no channels are configured.</summary>
    public string? PublicKey => Manifest is null ? null : Convert.ToBase64String(_key.Value.ExportSubjectPublicKeyInfo());

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }

    /// <summary>The channel key that signs the manifest and transcripts (created beside the database when missing).</summary>
    public ECDsa SigningKey => _key.Value;

    /// <summary>The keys a verifier should pin: the current one first, then the retired ones still trusted during a rotation.</summary>
    public IReadOnlyList<ChannelKey> TrustedKeys()
    {
        var current = Convert.ToBase64String(_key.Value.ExportSubjectPublicKeyInfo());
        var keys = new List<ChannelKey> { new() { KeyId = ChannelManifestSigner.KeyIdOf(_key.Value), PublicKey = current, Current = true } };
        foreach (var retired in _options.OfficialChannels.RetiredPublicKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim()).Distinct(StringComparer.Ordinal))
        {
            using var key = ECDsa.Create();
            try
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(retired), out _);
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                continue; // not a key: nothing to publish
            }

            if (!string.Equals(retired, current, StringComparison.Ordinal))
            {
                keys.Add(new ChannelKey { KeyId = ChannelManifestSigner.KeyIdOf(key), PublicKey = retired });
            }
        }

        return keys;
    }

    private ECDsa LoadKey()
    {
        var path = _options.OfficialChannels.SigningKeyPath
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(_options.DatabasePath)) ?? ".", "manifest-signing-key.pem");
        if (!File.Exists(path))
        {
            CreateKeyFile(path);
        }

        var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static OfficialChannelManifest? Configured(OfficialChannelsOptions o) =>
        string.IsNullOrWhiteSpace(o.Brand) ? null : new OfficialChannelManifest
        {
            Brand = o.Brand,
            WebDomains = [.. o.WebDomains],
            EmailDomains = [.. o.EmailDomains],
            PhoneNumbers = [.. o.PhoneNumbers],
            SocialHandles = [.. o.SocialHandles.Select(h => h.Split(':', 2)).Where(p => p.Length == 2).Select(p => new SocialHandle { Network = p[0].Trim(), Handle = p[1].Trim().TrimStart('@') })],
        };
}

namespace SupportSdk.Channels;

/// <summary>An <see cref="OfficialChannelManifest"/> with its detached signature.</summary>
public sealed class SignedChannelManifest
{
    /// <summary>The signed manifest.</summary>
    public OfficialChannelManifest Manifest { get; init; } = new();

    /// <summary>The signature algorithm; only <c>ES256</c> (ECDSA P-256 with SHA-256) is accepted.</summary>
    public string Algorithm { get; init; } = ChannelManifestSigner.Es256;

    /// <summary>
    /// The signature, base64url without padding, in IEEE P1363 form (r||s, 64 bytes) over
    /// <see cref="ChannelManifestSigner.CanonicalBytes"/> of <see cref="Manifest"/>.
    /// </summary>
    public string Signature { get; init; } = string.Empty;
}

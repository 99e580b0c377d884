namespace SupportSdk.Channels;

/// <summary>The outcome of <see cref="ChannelManifestSigner.Verify"/>.</summary>
public enum ChannelManifestValidation
{
    /// <summary>The signature is good, made by a pinned key, and the manifest is within its validity window.</summary>
    Valid,

    /// <summary>The manifest's key id matches none of the pinned keys.</summary>
    UnknownKey,

    /// <summary>The signature does not verify with the pinned key named by the key id (tampered or forged).</summary>
    BadSignature,

    /// <summary>The signature is good but the manifest has expired.</summary>
    Expired,

    /// <summary>The signature is good but the manifest's issue time is in the future.</summary>
    NotYetValid,

    /// <summary>The envelope is unusable: missing parts, an algorithm other than ES256, an undecodable signature.</summary>
    Malformed,
}

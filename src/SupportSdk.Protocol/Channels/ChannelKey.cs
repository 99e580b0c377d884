namespace SupportSdk.Channels;

/// <summary>A public key of the exchange's channel key family (it signs the official-channel manifest and support transcripts).</summary>
public sealed class ChannelKey
{
    /// <summary>Gets the key id (<see cref="ChannelManifestSigner.KeyIdOf"/>).</summary>
    /// <value>16 hex characters.</value>
    public string KeyId { get; init; } = string.Empty;

    /// <summary>Gets the public key: base64 DER SubjectPublicKeyInfo, the form verifiers pin.</summary>
    /// <value>The key.</value>
    public string PublicKey { get; init; } = string.Empty;

    /// <summary>Gets whether the server signs with this key now (the others are retired by a rotation, still trusted).</summary>
    /// <value><see langword="true"/> for the signing key.</value>
    public bool Current { get; init; }
}

/// <summary>The keys published at <c>GET /v1/channels/keys</c>.</summary>
public sealed class ChannelKeys
{
    /// <summary>Gets the keys, the current one first.</summary>
    /// <value>The keys.</value>
    public IReadOnlyList<ChannelKey> Keys { get; init; } = [];
}

namespace SupportSdk.Server;

/// <summary>The exchange's official channels, published signed at <c>GET /v1/channels/official</c>.</summary>
public sealed class OfficialChannelsOptions
{
    /// <summary>Gets or sets the brand name.</summary>
    /// <value>Default empty: no channels are published (the endpoint answers 404 <c>channels_not_configured</c>).</value>
    public string Brand { get; set; } = string.Empty;

    /// <summary>Gets the official web domains; every subdomain is official too (HTTPS only).</summary>
    /// <value>Default empty.</value>
    public IList<string> WebDomains { get; } = [];

    /// <summary>Gets the domains official e-mail comes from.</summary>
    /// <value>Default empty.</value>
    public IList<string> EmailDomains { get; } = [];

    /// <summary>Gets the official phone numbers in E.164 (e.g. <c>+18005550199</c>).</summary>
    /// <value>Default empty.</value>
    public IList<string> PhoneNumbers { get; } = [];

    /// <summary>Gets the official social handles as <c>network:handle</c>, e.g. <c>telegram:ExampleExchange</c>, <c>x:example_exchange</c>.</summary>
    /// <value>Default empty.</value>
    public IList<string> SocialHandles { get; } = [];

    /// <summary>Gets or sets the PEM file of the ECDSA P-256 private key that signs the manifest.</summary>
    /// <value>Default <see langword="null"/>: <c>manifest-signing-key.pem</c> beside the database, created (owner-only) when missing.</value>
    public string? SigningKeyPath { get; set; }

    /// <summary>Gets the public keys (base64 SubjectPublicKeyInfo) of signing keys retired by a rotation, still
    /// published at <c>GET /v1/channels/keys</c> so transcripts they signed keep verifying.</summary>
    /// <value>Default empty.</value>
    public IList<string> RetiredPublicKeys { get; } = [];

    /// <summary>Gets or sets how long a published manifest is valid.</summary>
    /// <value>Default 7 days.</value>
    public TimeSpan ManifestLifetime { get; set; } = TimeSpan.FromDays(7);
}

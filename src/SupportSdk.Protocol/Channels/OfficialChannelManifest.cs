namespace SupportSdk.Channels;

/// <summary>
/// The list of an exchange's official support channels. Signed by the exchange (see <see cref="ChannelManifestSigner"/>)
/// and pinned in the SDK so that users and agents can tell real channels from impersonations offline.
/// </summary>
public sealed class OfficialChannelManifest
{
    /// <summary>The brand's display name, e.g. <c>Example Exchange</c>.</summary>
    public string Brand { get; init; } = string.Empty;

    /// <summary>Registrable web domains, e.g. <c>example-exchange.com</c>. Every subdomain is official too, over HTTPS only.</summary>
    public IReadOnlyList<string> WebDomains { get; init; } = [];

    /// <summary>Domains whose addresses (and those of their subdomains) are official e-mail senders.</summary>
    public IReadOnlyList<string> EmailDomains { get; init; } = [];

    /// <summary>Official phone numbers in E.164 form, e.g. <c>+18005550199</c>.</summary>
    public IReadOnlyList<string> PhoneNumbers { get; init; } = [];

    /// <summary>Official social and messaging accounts.</summary>
    public IReadOnlyList<SocialHandle> SocialHandles { get; init; } = [];

    /// <summary>When the manifest was issued; it is not valid before this instant.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>When the manifest expires; it is not valid at or after this instant.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The id of the signing key, see <see cref="ChannelManifestSigner.KeyIdOf"/>.</summary>
    public string KeyId { get; init; } = string.Empty;

    internal OfficialChannelManifest WithKeyId(string keyId) => new()
    {
        Brand = Brand,
        WebDomains = WebDomains,
        EmailDomains = EmailDomains,
        PhoneNumbers = PhoneNumbers,
        SocialHandles = SocialHandles,
        IssuedAt = IssuedAt,
        ExpiresAt = ExpiresAt,
        KeyId = keyId,
    };
}

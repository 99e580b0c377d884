using System.Buffers.Text;
using System.Security.Cryptography;

namespace SupportSdk.Channels;

/// <summary>Signs and verifies <see cref="OfficialChannelManifest"/>s with ES256 (ECDSA P-256, SHA-256).</summary>
public static class ChannelManifestSigner
{
    /// <summary>The only accepted algorithm name.</summary>
    public const string Es256 = "ES256";

    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const int SignatureLength = 64;

    /// <summary>
    /// The canonical bytes that are signed: UTF-8 JSON with no whitespace, object keys sorted ordinally
    /// (<c>brand, emailDomains, expiresAt, issuedAt, keyId, phoneNumbers, socialHandles, webDomains</c>; a social
    /// handle is <c>{"handle":...,"network":...}</c>), arrays in their given order, strings escaped per RFC 8785
    /// (only <c>"</c>, <c>\</c> and U+0000–U+001F; non-ASCII as raw UTF-8), and both timestamps converted to UTC
    /// and written as RFC 3339 <c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> (fraction only when non-zero, trailing zeros
    /// dropped). Values are not otherwise normalised: sign exactly what you publish.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="ArgumentException">A string or list is null, or a string holds an unpaired surrogate.</exception>
    public static byte[] CanonicalBytes(OfficialChannelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var json = new CanonicalJson().Raw('{')
            .Key("brand", first: true).String(manifest.Brand ?? throw new ArgumentException("Brand is null.", nameof(manifest)))
            .Key("emailDomains").StringArray(manifest.EmailDomains, nameof(manifest.EmailDomains))
            .Key("expiresAt").Timestamp(manifest.ExpiresAt)
            .Key("issuedAt").Timestamp(manifest.IssuedAt)
            .Key("keyId").String(manifest.KeyId ?? throw new ArgumentException("KeyId is null.", nameof(manifest)))
            .Key("phoneNumbers").StringArray(manifest.PhoneNumbers, nameof(manifest.PhoneNumbers))
            .Key("socialHandles").Raw('[');
        var handles = manifest.SocialHandles ?? throw new ArgumentException("SocialHandles is null.", nameof(manifest));
        for (var i = 0; i < handles.Count; i++)
        {
            var handle = handles[i] ?? throw new ArgumentException("SocialHandles contains null.", nameof(manifest));
            if (i > 0)
            {
                json.Raw(',');
            }

            json.Raw('{')
                .Key("handle", first: true).String(handle.Handle ?? throw new ArgumentException("A handle is null.", nameof(manifest)))
                .Key("network").String(handle.Network ?? throw new ArgumentException("A network is null.", nameof(manifest)))
                .Raw('}');
        }

        json.Raw(']').Key("webDomains").StringArray(manifest.WebDomains, nameof(manifest.WebDomains)).Raw('}');
        return json.ToUtf8();
    }

    /// <summary>
    /// Signs a manifest. An empty <see cref="OfficialChannelManifest.KeyId"/> is filled in with
    /// <see cref="KeyIdOf"/> of the key before signing; a different non-empty key id is rejected.
    /// </summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="privateKey">A P-256 private key.</param>
    /// <returns>The signed manifest.</returns>
    /// <exception cref="ArgumentException">The key is not P-256 or the key id does not belong to it.</exception>
    public static SignedChannelManifest Sign(OfficialChannelManifest manifest, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!IsP256(privateKey))
        {
            throw new ArgumentException("ES256 needs a NIST P-256 key.", nameof(privateKey));
        }

        var keyId = KeyIdOf(privateKey);
        if (string.IsNullOrEmpty(manifest.KeyId))
        {
            manifest = manifest.WithKeyId(keyId);
        }
        else if (!string.Equals(manifest.KeyId, keyId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The manifest names key '{manifest.KeyId}' but the signing key is '{keyId}'.", nameof(manifest));
        }

        var signature = privateKey.SignData(CanonicalBytes(manifest), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new SignedChannelManifest { Manifest = manifest, Algorithm = Es256, Signature = Base64Url.EncodeToString(signature) };
    }

    /// <summary>The key id: the first 16 lower-case hex characters of SHA-256 over the key's DER SubjectPublicKeyInfo.</summary>
    /// <param name="key">A public or private EC key.</param>
    /// <returns>The key id.</returns>
    public static string KeyIdOf(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyIdOfSpki(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>How far a verifier's clock may run behind the signer's: a manifest issued up to this long "in the
    /// future" is accepted (devices' clocks drift; expiry is checked exactly).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Verifies a signed manifest against pinned public keys (base64 DER SubjectPublicKeyInfo; several may be pinned
    /// during a key rotation). Checks, in order: envelope shape and algorithm (<see cref="ChannelManifestValidation.Malformed"/>),
    /// key id among the pins (<see cref="ChannelManifestValidation.UnknownKey"/>), signature
    /// (<see cref="ChannelManifestValidation.BadSignature"/>), then the validity window: not before
    /// <see cref="OfficialChannelManifest.IssuedAt"/>, and before <see cref="OfficialChannelManifest.ExpiresAt"/>.
    /// Pins that are not valid base64 P-256 keys are ignored.
    /// </summary>
    /// <param name="signedManifest">The signed manifest.</param>
    /// <param name="pinnedPublicKeysSpkiBase64">The pinned public keys.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The validation outcome.</returns>
    public static ChannelManifestValidation Verify(SignedChannelManifest signedManifest, IEnumerable<string> pinnedPublicKeysSpkiBase64, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pinnedPublicKeysSpkiBase64);
        if (signedManifest?.Manifest is not { } manifest || !string.Equals(signedManifest.Algorithm, Es256, StringComparison.Ordinal)
            || string.IsNullOrEmpty(manifest.KeyId) || manifest.ExpiresAt < manifest.IssuedAt)
        {
            return ChannelManifestValidation.Malformed;
        }

        byte[] signature;
        byte[] canonical;
        try
        {
            signature = Base64Url.DecodeFromChars(signedManifest.Signature ?? string.Empty);
            canonical = CanonicalBytes(manifest);
        }
        catch (FormatException)
        {
            return ChannelManifestValidation.Malformed;
        }
        catch (ArgumentException)
        {
            return ChannelManifestValidation.Malformed;
        }

        if (signature.Length != SignatureLength)
        {
            return ChannelManifestValidation.Malformed;
        }

        using var key = FindPinnedKey(pinnedPublicKeysSpkiBase64, manifest.KeyId);
        if (key is null)
        {
            return ChannelManifestValidation.UnknownKey;
        }

        if (!key.VerifyData(canonical, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return ChannelManifestValidation.BadSignature;
        }

        if (now + MaxClockSkew < manifest.IssuedAt)
        {
            return ChannelManifestValidation.NotYetValid;
        }

        return now >= manifest.ExpiresAt ? ChannelManifestValidation.Expired : ChannelManifestValidation.Valid;
    }

    internal static ECDsa? FindPinnedKey(IEnumerable<string> pins, string keyId)
    {
        foreach (var pin in pins)
        {
            if (string.IsNullOrWhiteSpace(pin))
            {
                continue;
            }

            byte[] spki;
            try
            {
                spki = Convert.FromBase64String(pin.Trim());
            }
            catch (FormatException)
            {
                continue;
            }

            if (!string.Equals(KeyIdOfSpki(spki), keyId, StringComparison.Ordinal))
            {
                continue;
            }

            var key = ECDsa.Create();
            try
            {
                key.ImportSubjectPublicKeyInfo(spki, out _);
                if (IsP256(key))
                {
                    return key;
                }
            }
            catch (CryptographicException)
            {
                // Not an EC key: ignore this pin.
            }

            key.Dispose();
        }

        return null;
    }

    private static string KeyIdOfSpki(byte[] spki) => Convert.ToHexStringLower(SHA256.HashData(spki), 0, 8);

    internal static bool IsP256(ECDsa key)
    {
        try
        {
            var curve = key.ExportParameters(false).Curve;
            return curve.IsNamed && (string.Equals(curve.Oid.Value, P256Oid, StringComparison.Ordinal)
                || string.Equals(curve.Oid.FriendlyName, "nistP256", StringComparison.OrdinalIgnoreCase)
                || string.Equals(curve.Oid.FriendlyName, "ECDSA_P256", StringComparison.OrdinalIgnoreCase));
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SupportSdk.Channels;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class ChannelManifestSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private static string Pin(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    [Test]
    public void Sign_then_verify_round_trips()
    {
        using var key = NewKey();
        var signed = ChannelManifestSigner.Sign(DemoChannels.Manifest(), key);
        Assert.Multiple(() =>
        {
            Assert.That(signed.Algorithm, Is.EqualTo("ES256"));
            Assert.That(signed.Manifest.KeyId, Is.EqualTo(ChannelManifestSigner.KeyIdOf(key)).And.Length.EqualTo(16));
            Assert.That(signed.Signature, Does.Not.Contain("=").And.Not.Contain("+").And.Not.Contain("/"));
            Assert.That(ChannelManifestSigner.Verify(signed, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Valid));
        });
    }

    [Test]
    public void Signed_manifest_survives_json_round_trip()
    {
        using var key = NewKey();
        var signed = ChannelManifestSigner.Sign(DemoChannels.Manifest(), key);
        var json = JsonSerializer.Serialize(signed, ChannelsJsonContext.Default.SignedChannelManifest);
        var back = JsonSerializer.Deserialize(json, ChannelsJsonContext.Default.SignedChannelManifest)!;
        Assert.That(ChannelManifestSigner.Verify(back, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Valid));
        Assert.That(json, Does.Contain("\"webDomains\":[\"example-exchange.com\"]").And.Contain("\"keyId\":"));
    }

    [Test]
    public void Tampered_domain_is_a_bad_signature()
    {
        using var key = NewKey();
        var signed = ChannelManifestSigner.Sign(DemoChannels.Manifest(), key);
        var json = JsonSerializer.Serialize(signed, ChannelsJsonContext.Default.SignedChannelManifest)
            .Replace("\"example-exchange.com\"", "\"examp1e-exchange.com\"", StringComparison.Ordinal);
        var tampered = JsonSerializer.Deserialize(json, ChannelsJsonContext.Default.SignedChannelManifest)!;
        Assert.That(tampered.Manifest.WebDomains, Does.Contain("examp1e-exchange.com"));
        Assert.That(ChannelManifestSigner.Verify(tampered, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.BadSignature));
    }

    [Test]
    public void Signature_by_another_key_with_a_forged_key_id_is_bad()
    {
        using var key = NewKey();
        using var attacker = NewKey();
        var forged = ChannelManifestSigner.Sign(DemoChannels.Manifest(), attacker);
        var relabelled = new SignedChannelManifest
        {
            Manifest = ChannelManifestSignerTestsHelpers.WithKeyId(forged.Manifest, ChannelManifestSigner.KeyIdOf(key)),
            Signature = forged.Signature,
        };
        Assert.That(ChannelManifestSigner.Verify(relabelled, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.BadSignature));
    }

    [Test]
    public void Expired_and_not_yet_valid()
    {
        using var key = NewKey();
        var signed = ChannelManifestSigner.Sign(DemoChannels.Manifest(), key);
        Assert.Multiple(() =>
        {
            Assert.That(ChannelManifestSigner.Verify(signed, [Pin(key)], new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(ChannelManifestValidation.Expired));
            Assert.That(ChannelManifestSigner.Verify(signed, [Pin(key)], new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)), Is.EqualTo(ChannelManifestValidation.Expired));
            Assert.That(ChannelManifestSigner.Verify(signed, [Pin(key)], new DateTimeOffset(2024, 12, 31, 23, 54, 59, TimeSpan.Zero)), Is.EqualTo(ChannelManifestValidation.NotYetValid));
            Assert.That(ChannelManifestSigner.Verify(signed, [Pin(key)], new DateTimeOffset(2024, 12, 31, 23, 55, 0, TimeSpan.Zero)), Is.EqualTo(ChannelManifestValidation.Valid), "a clock 5 minutes behind is tolerated");
        });
    }

    [Test]
    public void Key_rotation()
    {
        using var keyA = NewKey();
        using var keyB = NewKey();
        var signedByB = ChannelManifestSigner.Sign(DemoChannels.Manifest(), keyB);
        Assert.Multiple(() =>
        {
            Assert.That(ChannelManifestSigner.Verify(signedByB, [Pin(keyA), Pin(keyB)], Now), Is.EqualTo(ChannelManifestValidation.Valid));
            Assert.That(ChannelManifestSigner.Verify(signedByB, [Pin(keyB), Pin(keyA)], Now), Is.EqualTo(ChannelManifestValidation.Valid));
            Assert.That(ChannelManifestSigner.Verify(signedByB, [Pin(keyA)], Now), Is.EqualTo(ChannelManifestValidation.UnknownKey));
            Assert.That(ChannelManifestSigner.Verify(signedByB, [], Now), Is.EqualTo(ChannelManifestValidation.UnknownKey));
            Assert.That(ChannelManifestSigner.Verify(signedByB, ["not base64!", Pin(keyB)], Now), Is.EqualTo(ChannelManifestValidation.Valid));
        });
    }

    [Test]
    public void Malformed_envelopes()
    {
        using var key = NewKey();
        var signed = ChannelManifestSigner.Sign(DemoChannels.Manifest(), key);
        Assert.Multiple(() =>
        {
            Assert.That(ChannelManifestSigner.Verify(new SignedChannelManifest { Manifest = signed.Manifest, Algorithm = "RS256", Signature = signed.Signature }, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Malformed));
            Assert.That(ChannelManifestSigner.Verify(new SignedChannelManifest { Manifest = signed.Manifest, Signature = "***" }, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Malformed));
            Assert.That(ChannelManifestSigner.Verify(new SignedChannelManifest { Manifest = signed.Manifest, Signature = "AAAA" }, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Malformed));
            Assert.That(ChannelManifestSigner.Verify(new SignedChannelManifest { Manifest = DemoChannels.Manifest(), Signature = signed.Signature }, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Malformed));
            Assert.That(ChannelManifestSigner.Verify(null!, [Pin(key)], Now), Is.EqualTo(ChannelManifestValidation.Malformed));
        });
    }

    [Test]
    public void Sign_rejects_wrong_curve_and_foreign_key_id()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var key = NewKey();
        Assert.Multiple(() =>
        {
            Assert.That(() => ChannelManifestSigner.Sign(DemoChannels.Manifest(), p384), Throws.ArgumentException);
            Assert.That(() => ChannelManifestSigner.Sign(DemoChannels.Manifest("0123456789abcdef"), key), Throws.ArgumentException);
        });
    }

    [Test]
    public void Canonical_bytes_follow_the_documented_rules()
    {
        var manifest = new OfficialChannelManifest
        {
            Brand = "Ex\"ample\\ Exchange\n\u00e9\u4e2d",
            WebDomains = ["b.com", "a.com"],
            EmailDomains = [],
            PhoneNumbers = ["+18005550199"],
            SocialHandles = [new SocialHandle { Network = "x", Handle = "h" }],
            IssuedAt = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.FromHours(8)),
            ExpiresAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, 500, TimeSpan.Zero),
            KeyId = "k",
        };
        const string expected = "{\"brand\":\"Ex\\\"ample\\\\ Exchange\\n\u00e9\u4e2d\",\"emailDomains\":[],\"expiresAt\":\"2026-01-01T00:00:00.5Z\","
            + "\"issuedAt\":\"2025-01-01T00:00:00Z\",\"keyId\":\"k\",\"phoneNumbers\":[\"+18005550199\"],"
            + "\"socialHandles\":[{\"handle\":\"h\",\"network\":\"x\"}],\"webDomains\":[\"b.com\",\"a.com\"]}";
        Assert.That(Encoding.UTF8.GetString(ChannelManifestSigner.CanonicalBytes(manifest)), Is.EqualTo(expected));
    }

    [Test]
    public void Canonical_bytes_do_not_depend_on_input_property_order_or_offsets()
    {
        const string first = """
            {"brand":"Example Exchange","webDomains":["example-exchange.com"],"emailDomains":["example-exchange.com"],
             "phoneNumbers":["+18005550199"],"socialHandles":[{"network":"telegram","handle":"ExampleExchange"}],
             "issuedAt":"2025-01-01T00:00:00Z","expiresAt":"2027-01-01T00:00:00Z","keyId":"abc"}
            """;
        const string second = """
            { "keyId": "abc", "expiresAt": "2027-01-01T08:00:00+08:00", "issuedAt": "2024-12-31T19:00:00-05:00",
              "socialHandles": [ { "handle": "ExampleExchange", "network": "telegram" } ], "phoneNumbers": [ "+18005550199" ],
              "emailDomains": [ "example-exchange.com" ], "webDomains": [ "example-exchange.com" ], "brand": "Example Exchange" }
            """;
        var a = JsonSerializer.Deserialize(first, ChannelsJsonContext.Default.OfficialChannelManifest)!;
        var b = JsonSerializer.Deserialize(second, ChannelsJsonContext.Default.OfficialChannelManifest)!;
        Assert.That(ChannelManifestSigner.CanonicalBytes(b), Is.EqualTo(ChannelManifestSigner.CanonicalBytes(a)));
    }

    [Test]
    public void Key_id_is_stable_for_public_and_private_halves()
    {
        using var key = NewKey();
        using var pub = ECDsa.Create();
        pub.ImportSubjectPublicKeyInfo(key.ExportSubjectPublicKeyInfo(), out _);
        Assert.That(ChannelManifestSigner.KeyIdOf(pub), Is.EqualTo(ChannelManifestSigner.KeyIdOf(key)).And.Match("^[0-9a-f]{16}$"));
    }
}

internal static class ChannelManifestSignerTestsHelpers
{
    public static OfficialChannelManifest WithKeyId(OfficialChannelManifest m, string keyId) => new()
    {
        Brand = m.Brand,
        WebDomains = m.WebDomains,
        EmailDomains = m.EmailDomains,
        PhoneNumbers = m.PhoneNumbers,
        SocialHandles = m.SocialHandles,
        IssuedAt = m.IssuedAt,
        ExpiresAt = m.ExpiresAt,
        KeyId = keyId,
    };
}

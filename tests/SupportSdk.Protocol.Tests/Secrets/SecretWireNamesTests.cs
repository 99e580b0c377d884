using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class SecretWireNamesTests
{
    [TestCase(SecretKind.Mnemonic, "mnemonic")]
    [TestCase(SecretKind.PrivateKey, "private_key")]
    [TestCase(SecretKind.Password, "password")]
    [TestCase(SecretKind.Otp, "otp")]
    [TestCase(SecretKind.ApiSecret, "api_secret")]
    public void Kind_round_trips_through_its_wire_name(SecretKind kind, string wire)
    {
        Assert.Multiple(() =>
        {
            Assert.That(kind.ToWireName(), Is.EqualTo(wire));
            Assert.That(SecretWireNames.ParseKind(wire), Is.EqualTo(kind));
            Assert.That(SecretWireNames.TryParseKind(wire, out var parsed) && parsed == kind, Is.True);
        });
    }

    [TestCase(SecretConfidence.Low, "low")]
    [TestCase(SecretConfidence.Medium, "medium")]
    [TestCase(SecretConfidence.High, "high")]
    public void Confidence_round_trips_through_its_wire_name(SecretConfidence confidence, string wire)
    {
        Assert.Multiple(() =>
        {
            Assert.That(confidence.ToWireName(), Is.EqualTo(wire));
            Assert.That(SecretWireNames.TryParseConfidence(wire, out var parsed) && parsed == confidence, Is.True);
        });
    }

    [TestCase(SecretAction.Allow, "allow")]
    [TestCase(SecretAction.Warn, "warn")]
    [TestCase(SecretAction.Redact, "redact")]
    [TestCase(SecretAction.Block, "block")]
    public void Action_round_trips_through_its_wire_name(SecretAction action, string wire)
    {
        Assert.Multiple(() =>
        {
            Assert.That(action.ToWireName(), Is.EqualTo(wire));
            Assert.That(SecretWireNames.TryParseAction(wire, out var parsed) && parsed == action, Is.True);
        });
    }

    [Test]
    public void Unknown_names_do_not_parse()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SecretWireNames.TryParseKind("PrivateKey", out _), Is.False);
            Assert.That(SecretWireNames.TryParseKind(null, out _), Is.False);
            Assert.That(() => SecretWireNames.ParseKind("seed"), Throws.TypeOf<FormatException>());
            Assert.That(() => ((SecretKind)42).ToWireName(), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Finding_describes_itself_without_text()
    {
        var finding = new SecretFinding(SecretKind.PrivateKey, 12, 64, SecretConfidence.High);
        Assert.Multiple(() =>
        {
            Assert.That(finding.ToString(), Is.EqualTo("private_key@12+64 (high)"));
            Assert.That(finding.End, Is.EqualTo(76));
            Assert.That(() => new SecretFinding(SecretKind.Otp, -1, 3, SecretConfidence.Low), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }
}

using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class SecretPolicyTests
{
    [Test]
    public void Default_blocks_wallet_and_api_secrets_and_redacts_account_secrets()
    {
        var policy = SecretPolicy.Default;
        Assert.Multiple(() =>
        {
            Assert.That(policy[SecretKind.Mnemonic], Is.EqualTo(SecretAction.Block));
            Assert.That(policy[SecretKind.PrivateKey], Is.EqualTo(SecretAction.Block));
            Assert.That(policy[SecretKind.ApiSecret], Is.EqualTo(SecretAction.Block));
            Assert.That(policy[SecretKind.Password], Is.EqualTo(SecretAction.Redact));
            Assert.That(policy[SecretKind.Otp], Is.EqualTo(SecretAction.Redact));
        });
    }

    [Test]
    public void Actions_are_ordered_by_severity()
    {
        Assert.That(new[] { SecretAction.Allow, SecretAction.Warn, SecretAction.Redact, SecretAction.Block }, Is.Ordered);
    }

    [Test]
    public void Decide_takes_the_most_severe_action_and_allows_when_nothing_is_found()
    {
        var password = new SecretFinding(SecretKind.Password, 0, 3, SecretConfidence.High);
        var seed = new SecretFinding(SecretKind.Mnemonic, 5, 3, SecretConfidence.Medium);
        Assert.Multiple(() =>
        {
            Assert.That(SecretPolicy.Default.Decide([]), Is.EqualTo(SecretAction.Allow));
            Assert.That(SecretPolicy.Default.Decide([password]), Is.EqualTo(SecretAction.Redact));
            Assert.That(SecretPolicy.Default.Decide([password, seed]), Is.EqualTo(SecretAction.Block));
            Assert.That(SecretPolicy.Default.With(SecretKind.Mnemonic, SecretAction.Warn).Decide([seed]), Is.EqualTo(SecretAction.Warn));
        });
    }

    [Test]
    public void Custom_policy_falls_back_to_the_default_for_missing_kinds()
    {
        var policy = new SecretPolicy(new Dictionary<SecretKind, SecretAction> { [SecretKind.Otp] = SecretAction.Block });
        Assert.Multiple(() =>
        {
            Assert.That(policy[SecretKind.Otp], Is.EqualTo(SecretAction.Block));
            Assert.That(policy[SecretKind.Password], Is.EqualTo(SecretAction.Redact));
            Assert.That(SecretPolicy.Default[SecretKind.Otp], Is.EqualTo(SecretAction.Redact), "With/ctor never change the default");
        });
    }

    [Test]
    public void Redact_replaces_redacted_and_blocked_findings_but_not_warned_ones()
    {
        const string Text = "pwd: Hunter22! and the 2FA code is 482913 ok";
        var findings = SecretScanner.Default.Scan(Text);

        Assert.Multiple(() =>
        {
            Assert.That(SecretPolicy.Default.Redact(Text, findings), Is.EqualTo("pwd: [redacted] and the 2FA code is [redacted] ok"));
            Assert.That(SecretPolicy.Default.With(SecretKind.Otp, SecretAction.Warn).Redact(Text, findings), Is.EqualTo("pwd: [redacted] and the 2FA code is 482913 ok"));
            Assert.That(SecretPolicy.Default.Redact(Text, []), Is.SameAs(Text));
        });
    }

    [Test]
    public void Redact_merges_overlapping_spans_and_rejects_spans_outside_the_text()
    {
        var findings = new[]
        {
            new SecretFinding(SecretKind.Password, 2, 4, SecretConfidence.High),
            new SecretFinding(SecretKind.Mnemonic, 4, 4, SecretConfidence.High),
        };
        Assert.Multiple(() =>
        {
            Assert.That(SecretPolicy.Default.Redact("0123456789", findings), Is.EqualTo("01[redacted]89"));
            Assert.That(() => SecretPolicy.Default.Redact("0123", findings), Throws.ArgumentException);
        });
    }

    [Test]
    public void Redacted_mnemonic_leaves_no_word_of_the_phrase()
    {
        const string Text = "my seed phrase is carry evolve chaos rubber screen welcome birth crack rib spring equip view render busy visual real dial tiger veteran lab danger flock portion better thanks";

        var redacted = SecretPolicy.Default.Redact(Text, SecretScanner.Default.Scan(Text));

        Assert.That(redacted, Is.EqualTo("my seed phrase is [redacted] thanks"));
    }
}

using FsCheck;
using FsCheck.Fluent;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

public sealed record EnglishPhrase(SecretCase Case)
{
    public override string ToString() => Case.ToString();
}

public sealed record ChinesePhrase(SecretCase Case)
{
    public override string ToString() => Case.ToString();
}

public sealed record GroupedKey(SecretCase Case)
{
    public override string ToString() => Case.ToString();
}

public sealed record EverydayMessage(string Text)
{
    public override string ToString() => Text;
}

/// <summary>The generators the property tests draw from (registered with <c>[Property(Arbitrary = ...)]</c>).
/// No shrinking: a failing case prints its layout and text, which is what one needs to reproduce it.</summary>
public static class SecretArbitraries
{
    public static Arbitrary<EnglishPhrase> EnglishPhraseArbitrary() => Arb.From(PhraseCases.English().Select(c => new EnglishPhrase(c)));

    public static Arbitrary<ChinesePhrase> ChinesePhraseArbitrary() => Arb.From(PhraseCases.Chinese().Select(c => new ChinesePhrase(c)));

    public static Arbitrary<GroupedKey> GroupedKeyArbitrary() => Arb.From(KeyCases.Any().Select(c => new GroupedKey(c)));

    public static Arbitrary<EverydayMessage> EverydayMessageArbitrary() => Arb.From(EverydayMessages.Any().Select(t => new EverydayMessage(t)));
}

internal static class Found
{
    /// <summary>Asserts every character of the case's secret lies inside a finding of <paramref name="kind"/>, with
    /// spans in the text as generated (so a redaction by span removes all of it).</summary>
    public static void Covers(SecretCase c, SecretKind kind)
    {
        var findings = SecretScanner.Default.Scan(c.Text);
        var missed = c.SecretAt.Where(p => !findings.Any(f => f.Kind == kind && f.Start <= p && p < f.End)).ToArray();
        Assert.That(missed, Is.Empty, $"{c}\nfindings: [{string.Join(", ", findings)}]");
    }
}

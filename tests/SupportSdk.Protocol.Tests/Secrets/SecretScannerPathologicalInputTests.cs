using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>
/// Pathological inputs (100 KB runs that make a backtracking pattern blow up) finish with the right answer. How fast the
/// scanner is, is measured by the benchmarks (<c>tests/SupportSdk.Benchmarks -- scanner</c>), not here.
/// </summary>
[TestFixture]
public sealed class SecretScannerPathologicalInputTests
{
    [Test]
    public void Adversarial_input_does_not_blow_up()
    {
        var inputs = new[]
        {
            new string('a', 100_000),
            string.Concat(Enumerable.Repeat("abandon ", 20_000)),
            string.Concat(Enumerable.Repeat("的", 50_000)),
            string.Concat(Enumerable.Repeat("code ", 20_000)),
            string.Concat(Enumerable.Repeat("password is ", 10_000)),
            string.Concat(Enumerable.Repeat("1 ", 50_000)),
        };
        var kinds = inputs.Select(input => (Kinds: SecretScanner.Default.Scan(input).Select(f => f.Kind).Distinct().ToArray(), Asks: SecretRequestDetector.AsksForSecret(input))).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(kinds[0].Kinds, Is.Empty, "one long word");
            Assert.That(kinds[1].Kinds, Is.EqualTo(new[] { SecretKind.Mnemonic }), "20,000 wordlist words are a phrase");
            Assert.That(kinds[2].Kinds, Is.Empty, "one repeated common character");
            Assert.That(kinds[3].Kinds, Does.Not.Contain(SecretKind.Otp), "'code' with no digits is no one-time code (it is a wordlist word, so a phrase)");
            Assert.That(kinds[5].Kinds, Is.Empty, "single digits");
        });
    }
}

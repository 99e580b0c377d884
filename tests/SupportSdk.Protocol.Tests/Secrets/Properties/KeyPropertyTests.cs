using FsCheck.NUnit;
using Property = FsCheck.NUnit.PropertyAttribute;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>Issue 13: key material written in groups ("5HueC avdRc ...", hex in blocks of 4), spelled out or split
/// over two lines, through full-width, zero-width, look-alike and mathematical characters, is found; an unlabelled
/// 64-hex string stays allowed.</summary>
[TestFixture]
public sealed class KeyPropertyTests
{
    [Property(Arbitrary = new[] { typeof(SecretArbitraries) }, MaxTest = 400, QuietOnSuccess = true)]
    public void Key_in_any_layout_is_found(GroupedKey key) => Found.Covers(key.Case, SecretKind.PrivateKey);

    [Test]
    public void Every_kind_and_layout_is_generated()
    {
        foreach (var kind in KeyCases.Kinds)
        {
            foreach (var layout in KeyCases.Layouts)
            {
                Found.Covers(KeyCases.Build(kind, layout, "none", kind.Length + layout.Length), SecretKind.PrivateKey);
            }
        }
    }

    [TestCase("5fbb cada f5b0 521d dc36 3449 bc25 e3e9 3946 29ee e608 b8dd 1083 3117 fcec aca5", SecretConfidence.Medium)]
    [TestCase("private key: 5fbb cada f5b0 521d dc36 3449 bc25 e3e9 3946 29ee e608 b8dd 1083 3117 fcec aca5", SecretConfidence.High)]
    public void Hex_in_blocks_is_key_formatting(string text, SecretConfidence confidence)
    {
        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => (f.Kind, f.Confidence)), Is.EqualTo(new[] { (SecretKind.PrivateKey, confidence) }));
    }

    [TestCase("5fbbcadaf5b0521ddc363449bc25e3e9394629eee608b8dd10833117fcecaca5")]
    [TestCase("it says 5fbbcadaf5b0521ddc363449bc25e3e9394629eee608b8dd10833117fcecaca5 on the explorer")]
    [TestCase("txid: 5fbb cada f5b0 521d dc36 3449 bc25 e3e9 3946 29ee e608 b8dd 1083 3117 fcec aca5")]
    [TestCase("ｔｘｉｄ　５ｆｂｂｃａｄａｆ５ｂ０５２１ｄｄｃ３６３４４９ｂｃ２５ｅ３ｅ９３９４６２９ｅｅｅ６０８ｂ８ｄｄ１０８３３１１７ｆｃｅｃａｃａ５")]
    public void Unlabelled_or_hash_labelled_hex_stays_allowed(string text)
    {
        Assert.That(SecretScanner.Default.Scan(text), Is.Empty);
    }
}

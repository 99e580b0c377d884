using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>Private keys: WIF and extended keys by Base58Check, 64-hex only with key context.</summary>
[TestFixture]
public sealed class PrivateKeyDetectionTests
{
    private const string Hex = "5fbbcadaf5b0521ddc363449bc25e3e9394629eee608b8dd10833117fcecaca5";

    // BIP32 test vector 1, master key.
    private const string Xprv = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi";
    private const string Xpub = "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8";

    [TestCase("my private key is {0} please help")]
    [TestCase("private key: 0x{0}")]
    [TestCase("privkey={0}")]
    [TestCase("here is my key {0} can you recover my funds")]
    [TestCase("私钥是{0}")]
    [TestCase("我的私钥：0x{0}，请帮我恢复")]
    [TestCase("导出的密钥 {0}")]
    [TestCase("{0} <- that's my private key")]
    [TestCase("wallet secret key {0}")]
    public void Hex_key_with_key_context_is_found(string template)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Hex);

        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => f.Kind), Is.EqualTo(new[] { SecretKind.PrivateKey }), text);
        Assert.That(text.Substring(findings[0].Start, findings[0].Length), Does.EndWith(Hex));
    }

    [TestCase("My deposit has not arrived. txid: {0}")]
    [TestCase("TxHash 0x{0} shows success on etherscan but balance is 0")]
    [TestCase("my deposit hash is {0}")]
    [TestCase("transaction {0} is still pending")]
    [TestCase("交易哈希 {0} 一直没有确认")]
    [TestCase("充值记录 0x{0}")]
    [TestCase("{0}")]
    [TestCase("block {0} confirmed")]
    [TestCase("my public key is {0}")]
    [TestCase("order {0} was cancelled, the key question is why")]
    public void Hex_without_key_context_is_not_a_key(string template)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Hex);

        Assert.That(SecretScanner.Default.Scan(text), Is.Empty, text);
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    [TestCase(true, true)]
    public void Wif_keys_are_found_by_checksum(bool compressed, bool testnet)
    {
        var key = Convert.FromHexString(Hex);
        var wif = TestBase58.Wif(key, compressed, testnet);
        var text = $"I exported {wif} from Electrum";

        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => (f.Kind, f.Confidence)), Is.EqualTo(new[] { (SecretKind.PrivateKey, SecretConfidence.High) }));
        Assert.That(text.Substring(findings[0].Start, findings[0].Length), Is.EqualTo(wif));
    }

    [Test]
    public void Known_wif_vector_is_found()
    {
        // The classic example: private key 0C28FCA3...C2D in wallet import format.
        Assert.That(SecretScanner.Default.Scan("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ").Select(f => f.Kind), Is.EqualTo(new[] { SecretKind.PrivateKey }));
    }

    [Test]
    public void Wif_with_a_broken_checksum_is_ignored()
    {
        var wif = TestBase58.Wif(Convert.FromHexString(Hex), compressed: true);
        var broken = wif[..^1] + (wif[^1] == 'a' ? 'b' : 'a');

        Assert.That(SecretScanner.Default.Scan("code " + broken), Is.Empty);
    }

    [Test]
    public void Extended_private_key_is_found_and_extended_public_key_is_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SecretScanner.Default.Scan("导出的扩展私钥 " + Xprv).Select(f => f.Kind), Is.EqualTo(new[] { SecretKind.PrivateKey }));
            Assert.That(SecretScanner.Default.Scan("my xpub is " + Xpub + " for watch-only"), Is.Empty);
            Assert.That(SecretScanner.Default.Scan(Xprv[..^1] + "j"), Is.Empty, "broken checksum");
        });
    }

    [TestCase("please send to 1HVjXZVwpAEGqyQAaFZQpxAhSppyWwibf6")]
    [TestCase("my address bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")]
    [TestCase("ETH address 0x742d35Cc6634C0532925a3b844Bc454e4438f44e")]
    [TestCase("TRON: TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7")]
    [TestCase("request id 3f2504e0-4f89-11d3-9a0c-0305e82c3301 failed")]
    [TestCase("Order id vBM0nHLHT80KGfS7X35Xmpy7FvJJWO2z was cancelled")]
    [TestCase("error code E1024, amount 0.00451 BTC, call +1 800 555 0199")]
    public void Addresses_ids_and_amounts_are_not_secrets(string text)
    {
        Assert.That(SecretScanner.Default.Scan(text), Is.Empty);
    }
}

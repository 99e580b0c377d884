using SupportSdk.Channels;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class ChannelVerifierTests
{
    private static readonly ChannelVerifier Verifier = DemoChannels.Verifier();

    [TestCase("https://www.example-exchange.com/login", ChannelKind.Web, "example-exchange.com")]
    [TestCase("https://help.example-exchange.com", ChannelKind.Web, "example-exchange.com")]
    [TestCase("www.example-exchange.com/en/support?x=1", ChannelKind.Web, "example-exchange.com")]
    [TestCase("https://api.eu.example-exchange.com:443/v1", ChannelKind.Web, "example-exchange.com")]
    [TestCase("https://user@example-exchange.com/", ChannelKind.Web, "example-exchange.com")]
    [TestCase("support@example-exchange.com", ChannelKind.Email, "example-exchange.com")]
    [TestCase("mailto:Support@Example-Exchange.com?subject=hi", ChannelKind.Email, "example-exchange.com")]
    [TestCase("\"Example Exchange\" <noreply@mail.example-exchange.com>", ChannelKind.Email, "example-exchange.com")]
    [TestCase("+1 (800) 555-0199", ChannelKind.Phone, "+18005550199")]
    [TestCase("001 800 555 0199", ChannelKind.Phone, "+18005550199")]
    [TestCase("1-800-555-0199", ChannelKind.Phone, "+18005550199")]
    [TestCase("(800) 555.0199", ChannelKind.Phone, "+18005550199")]
    [TestCase("tel:+1-800-555-0199", ChannelKind.Phone, "+18005550199")]
    [TestCase("+1 800 555 0199 ext. 12", ChannelKind.Phone, "+18005550199")]
    [TestCase("@ExampleExchange", ChannelKind.Handle, "@ExampleExchange")]
    [TestCase("@exampleexchangesupport", ChannelKind.Handle, "@ExampleExchangeSupport")]
    [TestCase("@EXAMPLE_EXCHANGE", ChannelKind.Handle, "@example_exchange")]
    [TestCase("t.me/ExampleExchangeSupport", ChannelKind.Handle, "@ExampleExchangeSupport")]
    [TestCase("https://telegram.me/exampleexchange", ChannelKind.Handle, "@ExampleExchange")]
    [TestCase("https://t.me/s/ExampleExchange", ChannelKind.Handle, "@ExampleExchange")]
    [TestCase("https://twitter.com/Example_Exchange", ChannelKind.Handle, "@example_exchange")]
    [TestCase("https://www.x.com/example_exchange/status/1", ChannelKind.Handle, "@example_exchange")]
    [TestCase("tg://resolve?domain=ExampleExchange", ChannelKind.Handle, "@ExampleExchange")]
    public void Official(string input, ChannelKind kind, string matched)
    {
        var result = Verifier.Verify(input);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(ChannelVerdict.Official), result.Reason);
            Assert.That(result.Kind, Is.EqualTo(kind));
            Assert.That(result.Matched, Is.EqualTo(matched));
            Assert.That(result.Reason, Is.Null);
            Assert.That(result.Input, Is.EqualTo(input));
        });
    }

    [TestCase("https://exаmple-exchange.com", ChannelReasons.Homoglyph)] // Cyrillic а
    [TestCase("https://examplе-exchange.com/login", ChannelReasons.Homoglyph)] // Cyrillic е
    [TestCase("https://exampIe-exchange.com", ChannelReasons.EditDistance)] // capital I, lower-cased by DNS
    [TestCase("https://ex\u03b1mple-exchange.com", ChannelReasons.Homoglyph)] // Greek alpha
    [TestCase("https://\u0435xample-\u0435xchange.com", ChannelReasons.Homoglyph)] // Cyrillic е twice
    [TestCase("https://exarnple-exchange.com", ChannelReasons.Homoglyph)]
    [TestCase("https://examp1e-exchange.com", ChannelReasons.Homoglyph)]
    [TestCase("https://examp1e-exchange.net", ChannelReasons.Homoglyph)]
    [TestCase("https://xn--exmple-exchange-vlm.com", ChannelReasons.Punycode)]
    [TestCase("https://login.xn--exmple-exchange-vlm.com", ChannelReasons.Punycode)]
    [TestCase("https://xn--exampl-exchange-ylb.com", ChannelReasons.Punycode)] // a near miss spelled with non-ASCII
    [TestCase("https://examp|e-exchange.com", ChannelReasons.Homoglyph)] // not navigable, still shown to users
    [TestCase("https://exampel-exchange.com", ChannelReasons.EditDistance)]
    [TestCase("https://example-exchnge.com", ChannelReasons.EditDistance)]
    [TestCase("https://exannple-exchange.com", ChannelReasons.EditDistance)]
    [TestCase("exampleexchange.com", ChannelReasons.BrandInDomain)]
    [TestCase("https://example-exchange-help.com", ChannelReasons.BrandInDomain)]
    [TestCase("https://secure-example-exchange.com", ChannelReasons.BrandInDomain)]
    [TestCase("https://exampleexchange.support", ChannelReasons.BrandInDomain)]
    [TestCase("https://exchange-example.com", ChannelReasons.BrandInDomain)]
    [TestCase("https://example.exchange", ChannelReasons.BrandInDomain)]
    [TestCase("https://example-exchange.co", ChannelReasons.TldVariant)]
    [TestCase("https://example-exchange.co.uk/login", ChannelReasons.TldVariant)]
    [TestCase("https://example-exchange.com.evil.io", ChannelReasons.BrandSubdomain)]
    [TestCase("https://example-exchange.com.secure-login.net/verify", ChannelReasons.BrandSubdomain)]
    [TestCase("https://example-exchange.evil.com", ChannelReasons.BrandSubdomain)]
    [TestCase("https://login-exampleexchange.web-auth.io", ChannelReasons.BrandSubdomain)]
    [TestCase("https://example-exchange.com@evil.example/login", ChannelReasons.Userinfo)]
    [TestCase("https://support.example-exchange.com:pw@203.0.113.9/", ChannelReasons.Userinfo)]
    [TestCase("http://example-exchange.com", ChannelReasons.InsecureScheme)]
    [TestCase("http://www.example-exchange.com/login", ChannelReasons.InsecureScheme)]
    [TestCase("https://sites.example.net/view/example-exchange-support", ChannelReasons.BrandInPath)]
    public void Lookalike_web(string input, string reason)
    {
        var result = Verifier.Verify(input);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(ChannelVerdict.Lookalike));
            Assert.That(result.Kind, Is.EqualTo(ChannelKind.Web));
            Assert.That(result.Reason, Is.EqualTo(reason));
            Assert.That(result.Matched, Is.EqualTo("example-exchange.com"));
        });
    }

    [TestCase("@ExampleExchange_Support", "@ExampleExchangeSupport")]
    [TestCase("@ExampleExchangeSupport1", "@ExampleExchangeSupport")]
    [TestCase("@Examp1eExchange", "@ExampleExchange")]
    [TestCase("@ExampIeExchange", "@ExampleExchange")] // capital I for l
    [TestCase("@ExampleExchangeHelp", "@ExampleExchange")]
    [TestCase("@ExampleExchange_Official", "@ExampleExchange")]
    [TestCase("@Example_Exchange_Support", "@ExampleExchangeSupport")]
    [TestCase("@ExampleExchangeSuport", "@ExampleExchangeSupport")]
    [TestCase("@ЕxampleExchange", "@ExampleExchange")] // Cyrillic Е
    [TestCase("https://t.me/ExampleExchange_Help", "@ExampleExchange")]
    [TestCase("https://t.me/example_exchange", "@example_exchange")] // the X handle on Telegram
    [TestCase("https://x.com/ExampleExchange", "@ExampleExchange")] // the Telegram handle on X
    [TestCase("https://x.com/example_exchange_support", "@ExampleExchangeSupport")]
    public void Lookalike_handle(string input, string matched)
    {
        var result = Verifier.Verify(input);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(ChannelVerdict.Lookalike));
            Assert.That(result.Kind, Is.EqualTo(ChannelKind.Handle));
            Assert.That(result.Reason, Is.EqualTo(ChannelReasons.HandleVariant));
            Assert.That(result.Matched, Is.EqualTo(matched));
        });
    }

    [TestCase("support@example-exchange.co", ChannelReasons.TldVariant)]
    [TestCase("support@examp1e-exchange.com", ChannelReasons.Homoglyph)]
    [TestCase("security@example-exchange-security.com", ChannelReasons.BrandInDomain)]
    [TestCase("help@example-exchange.com.mail-secure.ru", ChannelReasons.BrandSubdomain)]
    [TestCase("exampleexchange.support@gmail.com", ChannelReasons.BrandInMailbox)]
    [TestCase("example-exchange-help@outlook.com", ChannelReasons.BrandInMailbox)]
    [TestCase("Example Exchange Support <helpdesk2024@gmail.com>", ChannelReasons.BrandInDisplayName)]
    public void Lookalike_email(string input, string reason)
    {
        var result = Verifier.Verify(input);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(ChannelVerdict.Lookalike));
            Assert.That(result.Kind, Is.EqualTo(ChannelKind.Email));
            Assert.That(result.Reason, Is.EqualTo(reason));
            Assert.That(result.Matched, Is.EqualTo("example-exchange.com"));
        });
    }

    [TestCase("https://google.com", ChannelKind.Web)]
    [TestCase("https://www.example.com/exchange", ChannelKind.Web)]
    [TestCase("https://exchange.example.org", ChannelKind.Web)]
    [TestCase("https://binance.com", ChannelKind.Web)]
    [TestCase("https://coinbase.com/login", ChannelKind.Web)]
    [TestCase("http://192.0.2.10/login", ChannelKind.Web)]
    [TestCase("https://t.me/durov", ChannelKind.Handle)]
    [TestCase("https://x.com/elonmusk", ChannelKind.Handle)]
    [TestCase("@someone", ChannelKind.Handle)]
    [TestCase("https://t.me/+AbCdEf123", ChannelKind.Handle)]
    [TestCase("@support", ChannelKind.Handle)]
    [TestCase("@Exchange", ChannelKind.Handle)]
    [TestCase("bob@example.org", ChannelKind.Email)]
    [TestCase("support@gmail.com", ChannelKind.Email)]
    [TestCase("+1 800 555 0198", ChannelKind.Phone)]
    [TestCase("+1 800 555 0919", ChannelKind.Phone)]
    [TestCase("555 0199", ChannelKind.Phone)]
    [TestCase("+44 20 7946 0000", ChannelKind.Phone)]
    [TestCase("", ChannelKind.Web)]
    [TestCase("not a channel at all", ChannelKind.Web)]
    public void Unknown(string input, ChannelKind kind)
    {
        var result = Verifier.Verify(input);
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(ChannelVerdict.Unknown), $"{result.Matched} {result.Reason}");
            Assert.That(result.Kind, Is.EqualTo(kind));
            Assert.That(result.Matched, Is.Null);
        });
    }

    [Test]
    public void Insecure_official_can_be_accepted_by_option()
    {
        var lenient = new ChannelVerifier(DemoChannels.Manifest()) { InsecureSchemeVerdict = ChannelVerdict.Official };
        var result = lenient.Verify("http://example-exchange.com/login");
        Assert.Multiple(() =>
        {
            Assert.That(result.Verdict, Is.EqualTo(ChannelVerdict.Official));
            Assert.That(result.Reason, Is.EqualTo(ChannelReasons.InsecureScheme));
        });
    }

    [TestCase("https://www.example-exchange.com/login", true)]
    [TestCase("https://t.me/ExampleExchange", true)]
    [TestCase("http://example-exchange.com", false)]
    [TestCase("https://example-exchange.com@evil.example/", false)]
    [TestCase("https://example-exchange.com.evil.io", false)]
    [TestCase("https://google.com", false)]
    public void IsOfficialUrl(string url, bool expected)
    {
        Assert.That(Verifier.IsOfficialUrl(new Uri(url)), Is.EqualTo(expected));
    }

    [Test]
    public void Verifier_generalises_to_another_brand()
    {
        var verifier = new ChannelVerifier(new OfficialChannelManifest
        {
            Brand = "Coinwave",
            WebDomains = ["coinwave.io"],
            EmailDomains = ["mail.coinwave.io"],
            PhoneNumbers = ["+442079460123"],
            SocialHandles = [new SocialHandle { Network = "telegram", Handle = "coinwave" }],
        });
        Assert.Multiple(() =>
        {
            Assert.That(verifier.Verify("https://app.coinwave.io").Verdict, Is.EqualTo(ChannelVerdict.Official));
            Assert.That(verifier.Verify("https://coinvvave.io").Reason, Is.EqualTo(ChannelReasons.Homoglyph));
            Assert.That(verifier.Verify("https://c0inwave.com").Verdict, Is.EqualTo(ChannelVerdict.Lookalike));
            Assert.That(verifier.Verify("https://coinwav.io").Reason, Is.EqualTo(ChannelReasons.EditDistance));
            Assert.That(verifier.Verify("https://coins.io").Verdict, Is.EqualTo(ChannelVerdict.Unknown));
            Assert.That(verifier.Verify("020 7946 0123").Verdict, Is.EqualTo(ChannelVerdict.Official));
            Assert.That(verifier.Verify("team@mail.coinwave.io").Verdict, Is.EqualTo(ChannelVerdict.Official));
            Assert.That(verifier.Verify("@coinwave_help").Verdict, Is.EqualTo(ChannelVerdict.Lookalike));
        });
    }
}

using SupportSdk.Channels;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class LinkExtractionTests
{
    private static string[] Links(string text) => ChannelVerifier.ExtractLinks(text).Select(u => u.OriginalString).ToArray();

    [Test]
    public void Finds_urls_and_bare_domains_in_an_agent_message()
    {
        const string message = "Hi! Please reset your 2FA at https://www.example-exchange.com/security/2fa. "
            + "You can also read help.example-exchange.com/articles/1001, or message us on t.me/ExampleExchangeSupport.";
        Assert.That(Links(message), Is.EqualTo(new[]
        {
            "https://www.example-exchange.com/security/2fa",
            "https://help.example-exchange.com/articles/1001",
            "https://t.me/ExampleExchangeSupport",
        }));
    }

    [Test]
    public void Skips_emails_file_names_numbers_and_abbreviations()
    {
        const string message = "Mail support@example-exchange.com, attach report.pdf and id.png, e.g. version 1.2.3, amount 0.5 BTC.";
        Assert.That(Links(message), Is.Empty);
    }

    [Test]
    public void Trims_punctuation_and_keeps_balanced_parentheses()
    {
        const string message = "(see https://en.wikipedia.org/wiki/Phishing_(security)) and \"https://evil.example/login\"!";
        Assert.That(Links(message), Is.EqualTo(new[] { "https://en.wikipedia.org/wiki/Phishing_(security)", "https://evil.example/login" }));
    }

    [Test]
    public void Flags_only_non_official_links()
    {
        var verifier = DemoChannels.Verifier();
        const string message = "Verify at https://example-exchange.com.secure-login.net/verify or xn--exmple-exchange-vlm.com now, "
            + "official site: https://example-exchange.com, also http://example-exchange.com/promo and https://exampIe-exchange.com@evil.example";
        var flagged = ChannelVerifier.ExtractLinks(message).Where(u => !verifier.IsOfficialUrl(u)).Select(u => u.Host).ToArray();
        Assert.That(flagged, Is.EqualTo(new[] { "example-exchange.com.secure-login.net", "xn--exmple-exchange-vlm.com", "example-exchange.com", "evil.example" }));
    }

    [Test]
    public void Finds_unicode_domains()
    {
        var links = ChannelVerifier.ExtractLinks("go to exаmple-exchange.com/login now").ToArray();
        Assert.That(links, Has.Length.EqualTo(1));
        Assert.That(DemoChannels.Verifier().Verify(links[0].OriginalString).Reason, Is.EqualTo(ChannelReasons.Homoglyph));
    }

    [Test]
    public void Stops_at_chinese_text_without_spaces()
    {
        const string message = "请访问https://www.example-exchange.com/zh-cn/login。或者联系example-exchange-help.com客服，谢谢";
        Assert.That(Links(message), Is.EqualTo(new[] { "https://www.example-exchange.com/zh-cn/login", "https://example-exchange-help.com" }));
    }
}

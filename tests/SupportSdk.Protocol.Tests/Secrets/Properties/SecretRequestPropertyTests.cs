using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using SupportSdk.Channels;
using SupportSdk.Security;
using Property = FsCheck.NUnit.PropertyAttribute;

namespace SupportSdk.Protocol.Tests;

public sealed record DisguisedRequest(string Text)
{
    public override string ToString() => Text;
}

public sealed record DisguisedWarning(string Text)
{
    public override string ToString() => Text;
}

/// <summary>Issue 13, agent side: a request for a secret written to slip past a filter (full-width, zero-width,
/// look-alike letters, letters spaced out, spaces between Chinese characters) is still flagged
/// <c>asks_for_secret</c>; a warning never to share one, written the same ways, is not. Links written the same
/// ways are still checked against the official channels.</summary>
[TestFixture]
public sealed class SecretRequestPropertyTests
{
    private static readonly string[] s_requests =
    [
        "send me your seed phrase", "please send me your seed phrase to verify", "what is your private key",
        "give me your 2FA code", "tell me the SMS code we sent", "share your recovery phrase here",
        "请发送您的助记词", "请把验证码告诉我", "把你的私钥发给我", "请提供您的登录密码",
    ];

    private static readonly string[] s_warnings =
    [
        "never send your seed phrase to anyone", "we will never ask for your private key", "do not share your 2FA code",
        "support will never ask for your recovery phrase", "请勿向任何人透露您的助记词", "客服绝不会索要您的私钥", "不要把验证码告诉任何人",
    ];

    private static readonly string[] s_ways = ["fullwidth", "zero-width", "lookalike", "math-bold", "combining", "letter-spaced", "letter-spaced-run", "cjk-spaced"];

    public static Arbitrary<DisguisedRequest> Requests() => Arb.From(
        from text in Gen.Elements(s_requests)
        from way in Gen.Elements(s_ways)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new DisguisedRequest(Write(text, way, seed)));

    public static Arbitrary<DisguisedWarning> Warnings() => Arb.From(
        from text in Gen.Elements(s_warnings)
        from way in Gen.Elements(s_ways)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new DisguisedWarning(Write(text, way, seed)));

    [Property(Arbitrary = new[] { typeof(SecretRequestPropertyTests) }, MaxTest = 300, QuietOnSuccess = true)]
    public void Disguised_request_for_a_secret_is_flagged(DisguisedRequest request)
    {
        Assert.That(SecretRequestDetector.AsksForSecret(request.Text), Is.True, request.Text);
    }

    [Property(Arbitrary = new[] { typeof(SecretRequestPropertyTests) }, MaxTest = 300, QuietOnSuccess = true)]
    public void Disguised_warning_is_not_flagged(DisguisedWarning warning)
    {
        Assert.That(SecretRequestDetector.AsksForSecret(warning.Text), Is.False, warning.Text);
    }

    [Test]
    public void Every_request_is_flagged_every_way()
    {
        foreach (var text in s_requests)
        {
            foreach (var way in s_ways)
            {
                var written = Write(text, way, 3);
                Assert.That(SecretRequestDetector.AsksForSecret(written), Is.True, $"{way}: {written}");
            }
        }
    }

    [TestCase("ｖｅｒｉｆｙ ａｔ ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ－ｅｘｃｈａｎｇｅ．ｃｏ")]
    [TestCase("verify at https://exam\u200Bple-exchange.co/login")]
    [TestCase("请到 example-exchange。co 验证")]
    [TestCase("visit example-exchange.c\u200Bo/login")]
    public void Disguised_link_to_an_unofficial_host_is_flagged(string message)
    {
        var flags = SecretGuard.FlagsFor(message, DemoChannels.Verifier());

        Assert.That(flags, Does.Contain(MessageFlags.UnofficialLink), message);
    }

    [TestCase("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ－ｅｘｃｈａｎｇｅ．ｃｏｍ／ｆａｑ")]
    [TestCase("see https://example-exchange.com/faq\u200B for details")]
    [TestCase("请访问 example-exchange。com 查看公告")]
    public void Disguised_official_link_is_not_flagged(string message)
    {
        Assert.That(SecretGuard.FlagsFor(message, DemoChannels.Verifier()), Is.Empty, message);
    }

    [Test]
    public void Full_width_and_ideographic_dots_are_read_as_the_link_a_browser_opens()
    {
        Assert.That(ChannelVerifier.ExtractLinks("ｅｖｉｌ．ｃｏｍ and x\u200By。io/a").Select(u => u.Host), Is.EqualTo(new[] { "evil.com", "xy.io" }));
    }

    private static string Write(string text, string way, int seed) => way switch
    {
        "letter-spaced" => Disguises.SpaceLetters(text.Split(' '), runTogether: false),
        "letter-spaced-run" => Disguises.SpaceLetters(text.Split(' '), runTogether: true),
        "cjk-spaced" => string.Join(' ', text.ToCharArray()),
        _ => Disguises.Apply(text, way, new Random(seed)),
    };
}

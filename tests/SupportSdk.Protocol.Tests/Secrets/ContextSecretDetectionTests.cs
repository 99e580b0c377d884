using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>Passwords, one-time codes and API secrets: found by their label, span on the value only.</summary>
[TestFixture]
public sealed class ContextSecretDetectionTests
{
    [TestCase("my password is hunter2!", "hunter2!")]
    [TestCase("pwd: Qw3rty#2024", "Qw3rty#2024")]
    [TestCase("Password = S3cure.Pass", "S3cure.Pass")]
    [TestCase("the password for my binance account is Tr0ub4dor&3, please check", "Tr0ub4dor&3")]
    [TestCase("我的登录密码是 qwe123ASD!", "qwe123ASD!")]
    [TestCase("密码：abc123456", "abc123456")]
    [TestCase("资金密码是778899", "778899")]
    [TestCase("my password is \"letmein99\".", "letmein99")]
    [TestCase("password: sunshine", "sunshine")]
    [TestCase("PIN: 4821", "4821")]
    public void Password_value_is_found(string text, string secret) => AssertSingle(text, SecretKind.Password, secret);

    [TestCase("the 2FA code is 482913, hurry", "482913")]
    [TestCase("验证码：654321", "654321")]
    [TestCase("google auth code is 123 456", "123 456")]
    [TestCase("2FA code 123456", "123456")]
    [TestCase("here is the sms code: 778 812", "778 812")]
    [TestCase("谷歌验证码 246810", "246810")]
    [TestCase("the code is 902114", "902114")]
    [TestCase("OTP 55123", "55123")]
    [TestCase("短信验证码是 135790 请尽快处理", "135790")]
    [TestCase("my authenticator shows 310-554", "310-554")]
    [TestCase("my code 123456 from google authenticator", "123456")]
    [TestCase("code 884412 in the sms", "884412")]
    [TestCase("the to\u212Aen is 482913", "482913")] // KELVIN SIGN: "k" to the pattern, not to the anchor prefilter
    [TestCase("PASSCODE 7791 2234", "7791 2234")]
    public void One_time_code_is_found(string text, string secret) => AssertSingle(text, SecretKind.Otp, secret);

    [TestCase("API secret: vtIZrYQqflVXNDDueLpfi15NWg1Z7At29DqiE61aqFiyb1XQt6rsiDrYtgb9YEYv", "vtIZrYQqflVXNDDueLpfi15NWg1Z7At29DqiE61aqFiyb1XQt6rsiDrYtgb9YEYv")]
    [TestCase("secret key: 7Hc9XkQ2mPz4Lr8Tn1Wv6Yb3", "7Hc9XkQ2mPz4Lr8Tn1Wv6Yb3")]
    [TestCase("my api secret is NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j")]
    [TestCase("API密钥：A1b2C3d4E5f6G7h8I9j0K1l2", "A1b2C3d4E5f6G7h8I9j0K1l2")]
    public void Api_secret_is_found(string text, string secret) => AssertSingle(text, SecretKind.ApiSecret, secret);

    [Test]
    public void Key_and_secret_pair_flags_the_secret()
    {
        const string Text = "apiKey=VPYVnwtYpojxk3WeSlcGuJQjsm2ThJFadO6DakqqJkeScqeCzUOE2ydA8Cykleqa secretKey=QZbCzMbSzS3YTTebhWqigcPJxcbHxWqy3yeyg8WvbJrp6HEOnoXEL7zj9hYtYuSD";

        var findings = SecretScanner.Default.Scan(Text);

        Assert.That(findings.Select(f => Text.Substring(f.Start, f.Length)), Does.Contain("QZbCzMbSzS3YTTebhWqigcPJxcbHxWqy3yeyg8WvbJrp6HEOnoXEL7zj9hYtYuSD"));
        Assert.That(findings.Select(f => f.Kind), Is.All.EqualTo(SecretKind.ApiSecret));
    }

    [TestCase("hello, I forgot my password, how do I reset it?")]
    [TestCase("how do I reset my password?")]
    [TestCase("my password is wrong and the app says invalid")]
    [TestCase("the password must be at least 8 characters")]
    [TestCase("I forgot my 2FA")]
    [TestCase("the 2FA code expired after 30 seconds")]
    [TestCase("I did not receive the SMS code, my phone is +1 800 555 0199")]
    [TestCase("error code 500123 when I open the app")]
    [TestCase("promo code: 2024")]
    [TestCase("the withdrawal of 25000 USDT needs a 2FA code")]
    [TestCase("验证码一直收不到怎么办")]
    [TestCase("忘记密码了，怎么重置？")]
    [TestCase("Where can I find my API secret?")]
    [TestCase("The API secret is shown only once when you create the key")]
    [TestCase("reset your password at Settings > Security")]
    [TestCase("enter the verification code in the app")]
    [TestCase("Support will never ask for your seed phrase or private key.")]
    [TestCase("my UID is 38291045 and the order 2024051188 is stuck")]
    [TestCase("my phone number is 13800138000")]
    [TestCase("I sent 0.25 ETH, verification took 15 minutes")]
    [TestCase("my code 1234 is not working with the email you sent")]
    [TestCase("ticket code 556677 from the email")]
    public void Plain_support_questions_have_no_secrets(string text)
    {
        Assert.That(SecretScanner.Default.Scan(text), Is.Empty);
    }

    [Test]
    public void Several_kinds_in_one_message_are_ordered_and_do_not_overlap()
    {
        const string Text = "pwd: Hunter22! and the 2FA code is 482913 and private key 5fbbcadaf5b0521ddc363449bc25e3e9394629eee608b8dd10833117fcecaca5";

        var findings = SecretScanner.Default.Scan(Text);

        Assert.That(findings.Select(f => f.Kind), Is.EqualTo(new[] { SecretKind.Password, SecretKind.Otp, SecretKind.PrivateKey }));
        Assert.That(findings.Select(f => f.Start), Is.Ordered);
        for (var i = 1; i < findings.Count; i++)
        {
            Assert.That(findings[i].Start, Is.GreaterThanOrEqualTo(findings[i - 1].End));
        }
    }

    private static void AssertSingle(string text, SecretKind kind, string secret)
    {
        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => f.Kind), Is.EqualTo(new[] { kind }), text);
        Assert.That(text.Substring(findings[0].Start, findings[0].Length), Is.EqualTo(secret));
    }
}

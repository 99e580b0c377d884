using System.Text.Json;
using System.Text.RegularExpressions;
using SupportSdk.Security;
using SupportSdk.Testing;

namespace SupportSdk.Protocol.Tests;

/// <summary>S8: agent/bot messages that ask for a secret are flagged; warnings and neutral help are not.</summary>
[TestFixture]
public sealed partial class SecretRequestDetectorTests
{
    [TestCase("please send me your 12 words to verify")]
    [TestCase("To verify your wallet, please provide your seed phrase.")]
    [TestCase("tell me the code we just texted you")]
    [TestCase("install AnyDesk so I can fix it")]
    [TestCase("What is your 2FA code?")]
    [TestCase("Can you share your private key so we can restore your funds?")]
    [TestCase("Please reply with the 6-digit verification code from your email.")]
    [TestCase("I need your password to unlock the account.")]
    [TestCase("Don't worry, just send me your recovery phrase and I will fix it.")]
    [TestCase("Send me the code, don't tell anyone else.")]
    [TestCase("Please enter your mnemonic on this page to synchronise your wallet: https://example-verify.io")]
    [TestCase("Let's do a quick screen share so I can see your wallet.")]
    [TestCase("Please type your password here so I can check it.")]
    [TestCase("Please send me the following:\n- your seed phrase\n- your email")]
    [TestCase("If you don't send your 2FA code now, your account will be frozen.")]
    [TestCase("Could you read me the SMS code you received?")]
    [TestCase("请提供您的助记词以便核实")]
    [TestCase("请把刚才收到的验证码告诉我")]
    [TestCase("请安装AnyDesk，我帮您远程处理")]
    [TestCase("您的登录密码是多少？")]
    [TestCase("为了解冻账户，请发送您的私钥给我们")]
    [TestCase("请把谷歌验证码报给我，不要告诉其他人")]
    [TestCase("需要您的短信验证码来完成核实")]
    [TestCase("我们需要屏幕共享来检查您的钱包")]
    [TestCase("请在这里输入您的助记词完成验证")]
    [TestCase("请截图您的助记词发给我")]
    public void Request_for_a_secret_is_flagged(string message)
    {
        Assert.That(SecretRequestDetector.AsksForSecret(message), Is.True, message);
    }

    [TestCase("We will never ask for your seed phrase")]
    [TestCase("never share your password with anyone")]
    [TestCase("do not tell anyone your 2FA code")]
    [TestCase("reset your password at Settings > Security")]
    [TestCase("enter the verification code in the app")]
    [TestCase("Support will never ask you to install AnyDesk or TeamViewer.")]
    [TestCase("We will send a verification code to your phone.")]
    [TestCase("Your seed phrase is the only way to restore your wallet. Keep it offline.")]
    [TestCase("Did you share your seed phrase with anyone?")]
    [TestCase("Beware of scammers who ask for your private key.")]
    [TestCase("You can change your password in Settings, then log in again.")]
    [TestCase("Withdrawals need a 2FA code from your authenticator app.")]
    [TestCase("What is the error code shown on the screen?")]
    [TestCase("Can you tell me your order id and the amount?")]
    [TestCase("Please send me a screenshot of the error message.")]
    [TestCase("Enter the 6-digit code we send to your email or phone.")]
    [TestCase("Support staff will never ask you to:\n- tell them your password\n- share a 2FA code\n- reveal a seed phrase\nStay safe.")]
    [TestCase("客服绝不会索要您的私钥")]
    [TestCase("客服绝不会向您索要助记词、私钥或验证码，请勿透露给任何人。")]
    [TestCase("私钥或验证码")]
    [TestCase("请勿向任何人透露您的验证码")]
    [TestCase("不要把助记词告诉任何人，包括客服")]
    [TestCase("您可以在【安全中心】重置登录密码")]
    [TestCase("请在App中输入验证码完成登录")]
    [TestCase("我们已向您的手机发送验证码，有效期10分钟")]
    [TestCase("助记词是恢复钱包的唯一方式，请离线保存")]
    [TestCase("任何索要密码或验证码的人都是骗子")]
    [TestCase("请提供您的订单号和充值金额")]
    [TestCase("Thanks for waiting, your withdrawal has been processed.")]
    public void Warning_or_neutral_help_is_not_flagged(string message)
    {
        Assert.That(SecretRequestDetector.AsksForSecret(message), Is.False, message);
    }

    [TestCase("en-us")]
    [TestCase("zh-cn")]
    public void Help_center_articles_sent_by_the_bot_are_not_flagged(string locale)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.HelpCenterArticles(locale)));
        foreach (var article in doc.RootElement.GetProperty("articles").EnumerateArray())
        {
            var body = Block().Replace(article.GetProperty("body").GetString()!, "\n");
            var text = System.Net.WebUtility.HtmlDecode(Tag().Replace(body, string.Empty));
            Assert.That(SecretRequestDetector.AsksForSecret(text), Is.False, article.GetProperty("title").GetString());
        }
    }

    [GeneratedRegex("</?(?:p|li|ul|ol|h\\d)[^>]*>")]
    private static partial Regex Block();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}

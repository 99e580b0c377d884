using FsCheck;
using FsCheck.Fluent;

namespace SupportSdk.Protocol.Tests;

/// <summary>What users legitimately send support, which must never be flagged: order and ticket ids, transaction
/// hashes (bare 64-hex included), addresses, xpubs, UUIDs, amounts, dates, numbered lists of steps, and questions in
/// English and Chinese, with or without punctuation.</summary>
internal static class EverydayMessages
{
    private static readonly string[] s_questions =
    [
        "Hi, my USDT withdrawal has been pending for 3 hours. When will it arrive?",
        "How do I reset my password? The email never came.",
        "my 2FA code is not working after I changed phone",
        "I did not receive the verification code, can you resend it",
        "Why is my account locked? I only tried to log in twice.",
        "What is the fee for sending BTC on the Lightning network?",
        "please help, deposit not credited",
        "Where can I find my API key settings? I want to create a read-only key.",
        "The app shows error code 1002 when I open the wallet page",
        "Can you explain how the recovery phrase works for the web3 wallet? I have not written it down yet.",
        "Support will never ask for your seed phrase, right?",
        "I lost access to my authenticator app, how can I disable 2FA?",
        "thank you so much for the quick help, have a nice day",
        "My passport verification was rejected twice, what is wrong with the photo?",
    ];

    private static readonly string[] s_chinese =
    [
        "请问现货交易的手续费是多少", "我的提现为什么还没有到账", "怎么把币提到别的平台上去", "忘记登录密码了怎么办", "为什么我的账户被冻结了",
        "我充值了但是一直没有到账", "客服在吗我有个问题想问一下", "怎么开通谷歌验证", "我的订单一直显示处理中是什么原因", "怎么修改绑定的手机号",
        "提币到钱包多久能到", "你们的客服什么时候上班", "我的身份认证一直不通过", "能不能帮我取消这个订单", "为什么登录的时候提示错误",
        "助记词是什么意思我应该怎么保存", "请问验证码一直收不到怎么处理", "合约交易的资金费率是怎么计算的", "我想注销账户需要什么手续", "网页版和手机版的数据是同步的吗",
    ];

    private static readonly string[] s_steps =
    [
        "Open the app", "Tap Wallet", "Choose Withdraw", "Select the network", "Paste the address", "Enter the amount",
        "Confirm with your 2FA code", "Wait for the email", "Check the history page", "Contact support if it fails",
    ];

    public static Gen<string> Any() =>
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from count in Gen.Choose(1, 4)
        select Build(new Random(seed), count);

    public static string Build(Random random, int count)
    {
        var parts = new List<string>();
        for (var i = 0; i < count; i++)
        {
            parts.Add(Fragment(random));
        }

        return string.Join(random.Next(2) == 0 ? " " : "\n", parts);
    }

    private static string Fragment(Random random) => random.Next(14) switch
    {
        0 => $"My order {Digits(random, 8 + random.Next(5))} is still pending.",
        1 => random.Next(5) switch
        {
            0 => $"tx hash: {Hex(random, 32)}",
            1 => $"txid {Hex(random, 32)}",
            2 => $"TXID: 0x{Hex(random, 32)}",
            3 => Hex(random, 32),
            _ => $"https://etherscan.io/tx/0x{Hex(random, 32)}",
        },
        2 => $"I sent {random.Next(1, 5000)}.{random.Next(100):00} USDT to 0x{Hex(random, 20)} on {2024 + random.Next(3)}-{random.Next(1, 13):00}-{random.Next(1, 29):00} at {random.Next(24):00}:{random.Next(60):00} UTC",
        3 => $"my UID is {Digits(random, 8)} and ticket #{Digits(random, 5)}",
        4 => $"request id {new Guid(Bytes(random, 16))}",
        5 => Steps(random),
        6 => $"my xpub is {KeyCases.ExtendedKey(Bytes(random, 32), random, isPrivate: false)}",
        7 => s_questions[random.Next(s_questions.Length)],
        8 => s_chinese[random.Next(s_chinese.Length)] + (random.Next(2) == 0 ? "？" : string.Empty),
        9 => $"交易哈希：{Hex(random, 32)}，充值地址 T{Base58(random, 33)}，金额 {random.Next(1, 999)} USDT",
        10 => $"订单号{Digits(random, 10)}一直显示处理中，{2024 + random.Next(3)}年{random.Next(1, 13)}月{random.Next(1, 29)}日提交的",
        11 => $"withdrawal to bc1q{Base32(random, 38)} failed, amount {random.Next(1, 9)}.{Digits(random, 8)} BTC",
        12 => $"the code on the screen says {random.Next(100, 999)} error, balance {random.Next(10000):N0}.{random.Next(100):00}",
        _ => string.Concat(Enumerable.Range(0, 3).Select(_ => s_chinese[random.Next(s_chinese.Length)] + "，")),
    };

    private static string Steps(Random random)
    {
        var steps = s_steps.OrderBy(_ => random.Next()).Take(3 + random.Next(5)).ToArray();
        var style = random.Next(4);
        return string.Join(random.Next(2) == 0 ? "\n" : " ", steps.Select((s, i) => style switch
        {
            0 => $"{i + 1}. {s}",
            1 => $"{i + 1}) {s}",
            2 => $"Step {i + 1}: {s}",
            _ => char.ConvertFromUtf32(0x2460 + i) + " " + s,
        }));
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Hex(Random random, int bytes) => Convert.ToHexStringLower(Bytes(random, bytes));

    private static string Digits(Random random, int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

    private static string Base58(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"[random.Next(58)]));

    private static string Base32(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => "qpzry9x8gf2tvdw0s3jn54khce6mua7l"[random.Next(32)]));
}

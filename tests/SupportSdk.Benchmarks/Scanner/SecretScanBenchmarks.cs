using BenchmarkDotNet.Attributes;
using SupportSdk.Security;

namespace SupportSdk.Benchmarks.Scanner;

/// <summary>
/// The per-message cost of <see cref="SecretScanner"/>: what the client will add to every ticket, reply and chat message
/// once the guard is wired in, and what the server adds again before storing.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class SecretScanBenchmarks
{
    public static IReadOnlyDictionary<string, string> Messages { get; } = new Dictionary<string, string>
    {
        ["short-question"] = "Hi, my USDT withdrawal has been pending for 3 hours. When will it arrive?",
        ["2k-chars-txhash"] = TwoKilobytes(),
        ["seed-phrase-24w"] = "hi support my wallet won't open, my seed phrase is carry evolve chaos rubber screen welcome birth crack rib spring equip view render busy visual real dial tiger veteran lab danger flock portion better, please restore it",
        ["chinese-question"] = "你好，我昨天从其他平台提现了500 USDT到我的账户，网络是TRC20，交易已经确认了，但是余额一直没有到账。请帮我查一下，谢谢！",
        ["accents-emoji"] = "Olá! Não recebi meu depósito de 250 USDT 😢 já faz 3 horas, o hash é 9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f — “urgente” por favor",
        ["seed-phrase-chinese"] = "客服你好，钱包打不开了，我的助记词是 路 齿 售 刚 戏 铸 育 插 恐 十 骤 下 请帮我恢复",
    };

    [ParamsSource(nameof(Names))]
    public string Message { get; set; } = "short-question";

    public static IEnumerable<string> Names => Messages.Keys;

    private string _text = string.Empty;

    [GlobalSetup]
    public void Setup() => _text = Messages[Message];

    [Benchmark]
    public IReadOnlyList<SecretFinding> Scan() => SecretScanner.Default.Scan(_text);

    private static string TwoKilobytes()
    {
        const string Paragraph = "I withdrew 1,250 USDT to my hardware wallet on the Ethereum network yesterday at 14:05 UTC. The status says completed and " +
            "the transaction hash is 0x9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f but the funds never arrived at 0x52908400098527886E0F7030069857D2E4169EE7. " +
            "My order id is 20240611-88231 and I already contacted my wallet provider. ";
        var text = new System.Text.StringBuilder();
        while (text.Length < 2000)
        {
            text.Append(Paragraph);
        }

        return text.ToString(0, 2000);
    }
}

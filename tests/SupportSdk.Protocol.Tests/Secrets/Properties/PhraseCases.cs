using FsCheck;
using FsCheck.Fluent;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>A generated text holding a secret, with the positions of the secret's own characters.</summary>
public sealed record SecretCase(string Text, int[] SecretAt, string Description)
{
    internal static SecretCase From(MarkedText text, string description) => new(text.ToString(), [.. text.SecretPositions()], description);

    public override string ToString() => $"{Description}: {Text}";
}

/// <summary>Valid BIP39 phrases (12–24 words, checksum correct) in every layout people write them in.</summary>
internal static class PhraseCases
{
    public static readonly string[] EnglishLayouts =
    [
        "spaced", "double-space", "newline", "tab", "comma", "comma-nospace", "pipe", "slash", "semicolon", "dash",
        "dot", "middle-dot", "emoji", "glued", "camel", "upper", "title", "json", "numbered-dot", "numbered-paren",
        "numbered-both", "numbered-zero-dash", "numbered-circled", "numbered-hash", "numbered-colon", "numbered-bracket",
        "ordinal", "numbered-glued", "letter-spaced", "letter-spaced-run",
    ];

    public static readonly string[] ChineseLayouts =
    [
        "spaced", "ideographic-space", "enumeration-comma", "fullwidth-comma", "newline", "dash", "numbered-dot",
        "numbered-paren", "numbered-circled", "numbered-chinese", "numbered-chinese-paren", "unbroken", "unbroken-zero-width",
    ];

    private static readonly string[] s_englishContexts = ["bare", "sentence", "chinese-sentence", "label"];
    private static readonly string[] s_chineseContexts = ["bare", "keyword", "keyword-colon", "sentence", "english-label", "spaced-keyword"];
    private static readonly string[] s_chineseNumerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

    public static Gen<SecretCase> English() =>
        from words in Words(Bip39Wordlist.English)
        from layout in Gen.Elements(EnglishLayouts)
        from disguise in Gen.Elements(Disguises.Names)
        from context in Gen.Elements(s_englishContexts)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select BuildEnglish(words, layout, disguise, context, seed);

    public static Gen<SecretCase> Chinese() =>
        from list in Gen.Elements(Bip39Wordlist.ChineseSimplified, Bip39Wordlist.ChineseTraditional)
        from words in Words(list)
        from layout in Gen.Elements(ChineseLayouts)
        from context in Gen.Elements(s_chineseContexts)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select BuildChinese(words, list.Name, layout, context, seed);

    /// <summary>A valid phrase: random entropy of 16–32 bytes, encoded with its checksum by the tests' own encoder.</summary>
    public static Gen<string[]> Words(Bip39Wordlist list) =>
        from count in Gen.Elements(12, 15, 18, 21, 24)
        from entropy in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), count * 4 / 3)
        select Bip39TestPhrases.FromEntropy(entropy, list);

    public static SecretCase BuildEnglish(string[] words, string layout, string disguise, string context, int seed)
    {
        var random = new Random(seed);
        var text = new MarkedText();
        var (before, after) = context switch
        {
            "sentence" => ("Hi support, my wallet won't open. My words are: ", " pls fix it asap!"),
            "chinese-sentence" => ("客服你好，钱包打不开了，这是我的恢复短语：", " 麻烦看看"),
            "label" => ("seed phrase:\n", "\n"),
            _ => ("", ""),
        };

        text.Append(before, false);
        for (var i = 0; i < words.Length; i++)
        {
            var word = layout switch
            {
                "upper" => words[i].ToUpperInvariant(),
                "title" or "camel" => char.ToUpperInvariant(words[i][0]) + words[i][1..],
                "letter-spaced" or "letter-spaced-run" => string.Join(' ', words[i].ToCharArray()),
                _ => words[i],
            };

            Disguises.Append(text, Separator(layout, i, words.Length, english: true), disguise, random, secret: false);
            Disguises.Append(text, word, disguise, random, secret: true);
        }

        Disguises.Append(text, layout == "json" ? "\"]" : string.Empty, disguise, random, secret: false);
        text.Append(after, false);
        return SecretCase.From(text, $"english {words.Length} words, {layout}, {disguise}, {context}");
    }

    public static SecretCase BuildChinese(string[] words, string list, string layout, string context, int seed)
    {
        var random = new Random(seed);
        var text = new MarkedText();
        var (before, after) = context switch
        {
            "keyword" => ("我的助记词是", string.Empty),
            "keyword-colon" => ("助记词：", "。谢谢"),
            "sentence" => ("客服你好，这是我的恢复短语：", "。麻烦看看"),
            "english-label" => ("seed: ", string.Empty),
            "spaced-keyword" => ("助记词 ", " 请帮忙"),
            _ => (string.Empty, string.Empty),
        };

        text.Append(before, false);
        for (var i = 0; i < words.Length; i++)
        {
            text.Append(Separator(layout, i, words.Length, english: false), false);
            text.Append(words[i], true);
            if (layout == "unbroken-zero-width" && i < words.Length - 1 && random.Next(2) == 0)
            {
                text.Append("\u200B", false);
            }
        }

        text.Append(after, false);
        return SecretCase.From(text, $"{list} {words.Length} words, {layout}, {context}");
    }

    /// <summary>What goes before word <paramref name="i"/>: its number and the separator from the previous word.</summary>
    private static string Separator(string layout, int i, int count, bool english)
    {
        var n = i + 1;
        var first = i == 0;
        return layout switch
        {
            "numbered-dot" => (first ? "" : " ") + $"{n}." + (english ? " " : ""),
            "numbered-paren" => (first ? "" : "\n") + $"{n})",
            "numbered-both" => (first ? "" : " ") + $"({n}) ",
            "numbered-zero-dash" => (first ? "" : "\n") + $"{n:00} - ",
            "numbered-circled" => (first ? "" : " ") + char.ConvertFromUtf32(n <= 20 ? 0x2460 + n - 1 : 0x3251 + n - 21),
            "numbered-hash" => (first ? "" : " ") + $"#{n} ",
            "numbered-colon" => (first ? "" : "\n") + $"{n}: ",
            "numbered-bracket" => (first ? "" : " ") + $"[{n}] ",
            "ordinal" => (first ? "" : ", ") + n + (n % 10 == 1 && n != 11 ? "st" : n % 10 == 2 && n != 12 ? "nd" : n % 10 == 3 && n != 13 ? "rd" : "th") + ": ",
            "numbered-glued" => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "numbered-chinese" => (first ? "" : " ") + ChineseNumber(n) + "、",
            "numbered-chinese-paren" => (first ? "" : " ") + "（" + ChineseNumber(n) + "）",
            _ when first => layout == "json" ? "[\"" : string.Empty,
            "spaced" => " ",
            "double-space" or "letter-spaced" => "  ",
            "letter-spaced-run" => " ",
            "newline" => "\r\n",
            "tab" => "\t",
            "comma" => ", ",
            "comma-nospace" => ",",
            "pipe" => " | ",
            "slash" => "/",
            "semicolon" => ";",
            "dash" => "-",
            "dot" => ".",
            "middle-dot" => "·",
            "emoji" => "🔑",
            "json" => "\",\"",
            "ideographic-space" => "\u3000",
            "enumeration-comma" => "、",
            "fullwidth-comma" => "，",
            "upper" or "title" => " ",
            _ => string.Empty, // glued, camel, unbroken
        };
    }

    private static string ChineseNumber(int n) => n switch
    {
        <= 10 => s_chineseNumerals[n - 1],
        < 20 => "十" + s_chineseNumerals[n - 11],
        20 => "二十",
        _ => "二十" + s_chineseNumerals[n - 21],
    };
}

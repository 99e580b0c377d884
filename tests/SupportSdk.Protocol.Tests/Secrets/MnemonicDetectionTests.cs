using System.Text.Json;
using System.Text.RegularExpressions;
using SupportSdk.Security;
using SupportSdk.Testing;

namespace SupportSdk.Protocol.Tests;

/// <summary>Seed phrases: the official BIP39 (Trezor) vectors in the layouts users paste them in, Chinese phrases
/// generated from entropy, mistyped phrases, and prose that must not trigger.</summary>
[TestFixture]
public sealed partial class MnemonicDetectionTests
{
    // trezor/python-mnemonic vectors.json, "english": entropy -> mnemonic.
    private static readonly (string Entropy, string Mnemonic)[] s_trezor =
    [
        ("00000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"),
        ("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank yellow"),
        ("80808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"),
        ("ffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong"),
        ("000000000000000000000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent"),
        ("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal will"),
        ("808080808080808080808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter always"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo when"),
        ("0000000000000000000000000000000000000000000000000000000000000000", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art"),
        ("7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f", "legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title"),
        ("8080808080808080808080808080808080808080808080808080808080808080", "letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic avoid letter advice cage absurd amount doctor acoustic bless"),
        ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote"),
        ("7dce4ed2284c9134d026608ab684c05c", "lava include region explain simple omit dog slot melt reflect copy reward"),
        ("0ce452419635c1a5faf44d60f2029f73fdc43419b4de1f03", "artefact card motor cluster foster spray type meadow genius mosquito pond tree sword borrow grocery orange business burger"),
        ("00ac97c48106f0aeb8ba061e0250a559b3251dc35854e694780ba51d53a50120", "absent gorilla van acoustic humor firm title dolphin bulk barely citizen recall crane moment aspect appear track phrase actual enforce steel spoon afraid benefit"),
        ("5baf069620eff15c71dd97c9a6ee328f", "forum join pitch dove yellow purchase shuffle real situate danger million bunker"),
        ("977f8287f9ed670b8489838ab0476a63b65d4df12f406e68", "number winter peanut video stool magic banana corn melt lion surround shuffle grape plunge seven trend hover dwarf"),
        ("3edc83b60740d77af3afa2fcb82c2f1bc541ee4e2518ddef4996d32453f54a3c", "disagree tomato unique attend aspect runway solid violin witness scrap armed daring favorite warm decade perfect target kid grant play early wide cigar night"),
        ("63deb1e7f0c3de56f4ab43c9d2ae6c86", "glow void ketchup thunder digital clock sport half six nice open artefact"),
        ("e77c6500b49072aefdf0a8aa787cf557d1920e94103e0597", "trash tobacco dizzy hard already first water bench price sentence diary quick bomb also expect amazing airport royal"),
        ("89bb4bc5555992cdaf3444c5e7ca5a6e9f27efab894f1990bae41be8b2a26ea4", "meadow surge vanish primary odor grocery rubber mass shine dinner notable tag venue water purchase clarify book magic ribbon daughter menu eye ritual orchard"),
        ("00641669f095b433a304ed0f953f28eb", "about camera omit thrive forget border metal oval auto prepare sketch stomach"),
        ("b8b0ff94389d3ec591c7d2fb72d8d3666e4e52b8cdf5471d", "reward margin topic illness stadium glare either where window nothing crumble smoke top citizen tobacco salt either truth"),
        ("911fec0fbd88029f6fa99164896c18d898c9232af18bdcca3e42d53b86493104", "much youth advance kitchen lens exile salt cram goose enter alert raise milk muscle profit cousin system faint mouse price reveal cause series long"),
    ];

    private static readonly string[] s_layouts = ["spaced", "numbered", "numbered-paren", "comma", "newline", "upper", "title", "tabs", "sentence", "quoted-json"];

    public static IEnumerable<TestCaseData> TrezorLayouts() =>
        from vector in s_trezor
        from layout in s_layouts
        select new TestCaseData(vector.Mnemonic, layout).SetName($"{layout} {vector.Entropy[..8]} ({vector.Mnemonic.Split(' ').Length} words)");

    [Test]
    public void Independent_encoder_reproduces_the_trezor_vectors()
    {
        foreach (var (entropy, mnemonic) in s_trezor)
        {
            var words = Bip39TestPhrases.FromEntropy(Convert.FromHexString(entropy), Bip39Wordlist.English);
            Assert.That(string.Join(' ', words), Is.EqualTo(mnemonic), entropy);
        }
    }

    [TestCaseSource(nameof(TrezorLayouts))]
    public void Trezor_vector_is_found_with_high_confidence(string mnemonic, string layout)
    {
        var words = mnemonic.Split(' ');
        var text = Layout(words, layout);

        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings, Has.Count.EqualTo(1), text);
        var finding = findings[0];
        Assert.Multiple(() =>
        {
            Assert.That(finding.Kind, Is.EqualTo(SecretKind.Mnemonic));
            Assert.That(finding.Confidence, Is.EqualTo(SecretConfidence.High));
            Assert.That(Words(text.Substring(finding.Start, finding.Length)), Is.EqualTo(words.Select(w => w.ToLowerInvariant())));
        });
    }

    [TestCase(12)]
    [TestCase(15)]
    [TestCase(18)]
    [TestCase(21)]
    [TestCase(24)]
    public void Phrase_with_a_wrong_checksum_is_still_a_phrase_with_medium_confidence(int count)
    {
        var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(count, count * 4 / 3), Bip39Wordlist.English);
        var broken = Bip39TestPhrases.BreakChecksum(words, Bip39Wordlist.English);

        var findings = SecretScanner.Default.Scan("my recovery words are " + string.Join(' ', broken));

        Assert.That(findings.Select(f => (f.Kind, f.Confidence)), Is.EqualTo(new[] { (SecretKind.Mnemonic, SecretConfidence.Medium) }));
    }

    [Test]
    public void Eleven_words_are_not_a_phrase()
    {
        var words = s_trezor[1].Mnemonic.Split(' ')[..11];
        Assert.That(SecretScanner.Default.Scan("words: " + string.Join(' ', words) + " ok?"), Is.Empty);
    }

    [Test]
    public void One_misspelled_word_keeps_the_phrase_with_medium_confidence()
    {
        var text = "legal winner thank year wave sausage worth usefull legal winner thank yellow";

        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => (f.Kind, f.Confidence, f.Start, f.Length)), Is.EqualTo(new[] { (SecretKind.Mnemonic, SecretConfidence.Medium, 0, text.Length) }));
    }

    [Test]
    public void Two_misspelled_words_are_still_flagged()
    {
        var text = "hey: lava inclde region explain simple omit dog slot mlet reflect copy reward thanks";

        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => f.Kind), Is.EqualTo(new[] { SecretKind.Mnemonic }));
        Assert.That(findings[0].Confidence, Is.Not.EqualTo(SecretConfidence.High));
    }

    [TestCase("chinese_simplified")]
    [TestCase("chinese_traditional")]
    public void Chinese_phrases_are_found_in_every_layout(string listName)
    {
        var list = Bip39Wordlist.All.Single(l => l.Name == listName);
        foreach (var count in new[] { 12, 15, 18, 21, 24 })
        {
            for (var seed = 0; seed < 4; seed++)
            {
                var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(1000 + (count * 10) + seed, count * 4 / 3), list);
                var phrase = string.Concat(words);
                foreach (var text in new[]
                {
                    "我的助记词是" + phrase,
                    "我的助记词是 " + string.Join(' ', words) + " 请帮忙看看",
                    "助记词：" + string.Join('，', words),
                    string.Join(' ', words.Select((w, i) => $"{i + 1}.{w}")),
                    "客服你好，这是我的恢复短语：" + phrase + "。麻烦看看",
                    "seed: " + phrase,
                })
                {
                    var findings = SecretScanner.Default.Scan(text);
                    Assert.That(findings.Select(f => (f.Kind, f.Confidence)), Is.EqualTo(new[] { (SecretKind.Mnemonic, SecretConfidence.High) }), text);
                    Assert.That(Concat(text.Substring(findings[0].Start, findings[0].Length)), Does.Contain(phrase), text);
                }
            }
        }
    }

    [Test]
    public void Bare_unspaced_chinese_phrases_are_found_in_most_cases()
    {
        // Without a keyword an unspaced run must also look random (prose uses the most frequent characters), which
        // costs a little recall: measured, not assumed.
        var found = 0;
        const int Total = 200;
        for (var seed = 0; seed < Total; seed++)
        {
            var count = 12 + (3 * (seed % 5));
            var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(5000 + seed, count * 4 / 3), Bip39Wordlist.ChineseSimplified);
            var findings = SecretScanner.Default.Scan(string.Concat(words));
            found += findings.Any(f => f.Kind == SecretKind.Mnemonic) ? 1 : 0;
        }

        Assert.That(found, Is.GreaterThanOrEqualTo(Total * 95 / 100));
    }

    [Test]
    public void Chinese_phrase_with_a_wrong_checksum_after_a_keyword_is_medium()
    {
        var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(77, 16), Bip39Wordlist.ChineseSimplified);
        var broken = Bip39TestPhrases.BreakChecksum(words, Bip39Wordlist.ChineseSimplified);

        var spaced = SecretScanner.Default.Scan("助记词 " + string.Join(' ', broken));

        Assert.That(spaced.Select(f => (f.Kind, f.Confidence)), Is.EqualTo(new[] { (SecretKind.Mnemonic, SecretConfidence.Medium) }));
    }

    [Test]
    public void English_phrase_inside_chinese_text_is_found()
    {
        var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(3, 16), Bip39Wordlist.English);
        var text = "客服你好，钱包打不开了，这是我的恢复短语" + string.Join(' ', words) + "麻烦看看";

        var findings = SecretScanner.Default.Scan(text);

        Assert.That(findings.Select(f => (f.Kind, f.Confidence)), Is.EqualTo(new[] { (SecretKind.Mnemonic, SecretConfidence.High) }));
    }

    [TestCase("The film was about a brave young soldier who had to travel across the desert to find water")]
    [TestCase("I have the ability to find our account but the balance shows zero after the last update, can you help me")]
    [TestCase("Please help, my account is locked and I cannot find the email with the code you sent, thank you so much")]
    [TestCase("This story is about a young boy and his father who travel across the ocean to find a lost island")]
    [TestCase("gas fee was too high so I will wait until next week before I move my coin to another wallet")]
    [TestCase("word word word word word word word word word word word")]
    [TestCase("Recovery words: abandon ability able about above absent absorb abstract absurd abuse access")]
    [TestCase("Support will never ask for your seed phrase, recovery words or private key. Keep them offline.")]
    [TestCase("请问现货交易的手续费是多少?")]
    [TestCase("我昨天在App里充值了一笔钱但是一直没有到账请帮我查询一下谢谢你们的帮助")]
    [TestCase("您好，我想了解一下如何开启谷歌验证以及如何修改登录密码，另外提现需要多长时间才能到账")]
    [TestCase("助记词是什么意思？我应该如何安全地保存我的助记词，是不是写在纸上比较好")]
    public void Prose_is_not_a_phrase(string text)
    {
        Assert.That(SecretScanner.Default.Scan(text), Is.Empty);
    }

    [TestCase("en-us")]
    [TestCase("zh-cn")]
    public void Help_center_articles_have_no_secrets(string locale)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.HelpCenterArticles(locale)));
        foreach (var article in doc.RootElement.GetProperty("articles").EnumerateArray())
        {
            var text = System.Net.WebUtility.HtmlDecode(Tag().Replace(article.GetProperty("body").GetString()!, "\n"));
            Assert.That(SecretScanner.Default.Scan(text), Is.Empty, article.GetProperty("title").GetString());
        }
    }

    [Test]
    public void Shared_characters_of_both_chinese_lists_give_one_finding()
    {
        // Traditional and Simplified lists share 1275 characters at the same positions: one phrase, one finding.
        var simplified = Bip39Wordlist.ChineseSimplified;
        var traditional = Bip39Wordlist.ChineseTraditional;
        var shared = Enumerable.Range(0, 2048).Where(i => simplified.Words[i] == traditional.Words[i]).ToArray();
        for (var seed = 0; ; seed++)
        {
            var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(9000 + seed, 16), simplified);
            if (!words.All(w => shared.Contains(simplified.IndexOf(w))))
            {
                if (seed > 5000)
                {
                    Assert.Fail("no phrase made of shared characters found in 5000 deterministic seeds");
                }

                continue;
            }

            var findings = SecretScanner.Default.Scan("助记词 " + string.Join(' ', words));
            Assert.That(findings, Has.Count.EqualTo(1));
            return;
        }
    }

    private static string Layout(string[] words, string layout) => layout switch
    {
        "spaced" => string.Join(' ', words),
        "numbered" => string.Join(' ', words.Select((w, i) => $"{i + 1}. {w}")),
        "numbered-paren" => string.Join('\n', words.Select((w, i) => $"{i + 1}){w}")),
        "comma" => string.Join(", ", words),
        "newline" => string.Join("\r\n", words),
        "upper" => string.Join(' ', words).ToUpperInvariant(),
        "title" => string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
        "tabs" => string.Join("\t ", words),
        "sentence" => "Hi support, my wallet won't open. My words are: " + string.Join(' ', words) + " pls fix it asap!",
        "quoted-json" => "{\"mnemonic\": [" + string.Join(",", words.Select(w => $"\"{w}\"")) + "]}",
        _ => throw new ArgumentOutOfRangeException(nameof(layout)),
    };

    private static string[] Words(string text) => Word().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToArray();

    private static string Concat(string text) => string.Concat(text.Where(c => c is >= '\u3400' and <= '\u9FFF'));

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex Word();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}

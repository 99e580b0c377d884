using FsCheck.NUnit;
using Property = FsCheck.NUnit.PropertyAttribute;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>Issue 13: a valid phrase of 12–24 words in English, Simplified or Traditional Chinese is found in every
/// layout (numbering of any style, any separator or none, letters spaced out) and through every disguise (full-width,
/// zero-width characters, look-alike letters, mathematical letters, combining marks), and its span covers every
/// character of every word in the text as written.</summary>
[TestFixture]
public sealed class MnemonicPropertyTests
{
    [Property(Arbitrary = new[] { typeof(SecretArbitraries) }, MaxTest = 600, QuietOnSuccess = true)]
    public void English_phrase_is_found_in_every_layout_and_disguise(EnglishPhrase phrase) => Found.Covers(phrase.Case, SecretKind.Mnemonic);

    [Property(Arbitrary = new[] { typeof(SecretArbitraries) }, MaxTest = 600, QuietOnSuccess = true)]
    public void Chinese_phrase_is_found_in_every_layout(ChinesePhrase phrase) => Found.Covers(phrase.Case, SecretKind.Mnemonic);

    [Test]
    public void Every_layout_and_disguise_is_generated()
    {
        // The generators draw from these lists; a layout added to a list is covered by the properties above. This
        // test walks each English layout x disguise and each Chinese layout once, so none is left to chance.
        var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(11, 20), Bip39Wordlist.English);
        foreach (var layout in PhraseCases.EnglishLayouts)
        {
            foreach (var disguise in Disguises.Names)
            {
                Found.Covers(PhraseCases.BuildEnglish(words, layout, disguise, "bare", 7), SecretKind.Mnemonic);
            }
        }

        foreach (var list in new[] { Bip39Wordlist.ChineseSimplified, Bip39Wordlist.ChineseTraditional })
        {
            var chinese = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(12, 32), list);
            foreach (var layout in PhraseCases.ChineseLayouts)
            {
                Found.Covers(PhraseCases.BuildChinese(chinese, list.Name, layout, "bare", 7), SecretKind.Mnemonic);
            }
        }
    }
}

using System.Security.Cryptography;
using SupportSdk.Security;
using SupportSdk.Testing;

namespace SupportSdk.Protocol.Tests;

/// <summary>S7: the embedded wordlists are the BIP39 files, byte for byte.</summary>
[TestFixture]
public sealed class Bip39WordlistTests
{
    [Test]
    public void English_list_hashes_to_the_published_value_and_has_2048_unique_words()
    {
        var english = Bip39Wordlist.English;
        Assert.Multiple(() =>
        {
            Assert.That(english.Sha256, Is.EqualTo("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));
            Assert.That(english.Words, Has.Count.EqualTo(2048));
            Assert.That(english.Words, Is.Unique);
            Assert.That(english.Words[0], Is.EqualTo("abandon"));
            Assert.That(english.Words[2047], Is.EqualTo("zoo"));
        });
    }

    [TestCase("english")]
    [TestCase("chinese_simplified")]
    [TestCase("chinese_traditional")]
    public void Embedded_list_matches_its_file_in_the_repository(string name)
    {
        var list = Bip39Wordlist.All.Single(l => l.Name == name);
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(TestData.RepositoryRoot, "src", "SupportSdk.Protocol", "Security", "Wordlists", name + ".txt"))));
        Assert.Multiple(() =>
        {
            Assert.That(list.Sha256, Is.EqualTo(expected));
            Assert.That(list.Words, Has.Count.EqualTo(2048));
            Assert.That(list.Words, Is.Unique);
            Assert.That(list.IsSingleCharacter, Is.EqualTo(name != "english"));
        });
    }

    [Test]
    public void Lookup_ignores_case_for_english_and_misses_unknown_words()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Bip39Wordlist.English.IndexOf("ABANDON"), Is.Zero);
            Assert.That(Bip39Wordlist.English.IndexOf("Zoo"), Is.EqualTo(2047));
            Assert.That(Bip39Wordlist.English.IndexOf("the"), Is.EqualTo(-1));
            Assert.That(Bip39Wordlist.ChineseSimplified.IndexOf("的"), Is.Zero);
            Assert.That(Bip39Wordlist.ChineseSimplified.IndexOf("的一"), Is.EqualTo(-1));
        });
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using SupportSdk.Security;
using Property = FsCheck.NUnit.PropertyAttribute;

namespace SupportSdk.Protocol.Tests;

public sealed record SplitPhrase(string[] Parts, SecretCase Whole, int[] Cuts)
{
    public override string ToString() => string.Join(" ‖ ", Parts);
}

/// <summary>Issue 13: a phrase split between subject and body, or over one author's consecutive messages, is found
/// when the parts complete a valid phrase — in every part it touches, the completing part included — while
/// unrelated consecutive messages stay clean.</summary>
[TestFixture]
public sealed class ScanPartsPropertyTests
{
    public static Arbitrary<SplitPhrase> Splits() => Arb.From(
        from phrase in Gen.OneOf(PhraseCases.English(), PhraseCases.Chinese())
        from parts in Gen.Choose(2, 4)
        from cuts in Gen.ArrayOf(Gen.Choose(1, 1000), parts - 1)
        select Split(phrase, cuts));

    public static Arbitrary<EverydayMessage> Everyday() => Arb.From(EverydayMessages.Any().Select(t => new EverydayMessage(t)));

    [Property(Arbitrary = new[] { typeof(ScanPartsPropertyTests) }, MaxTest = 300, QuietOnSuccess = true)]
    public void Phrase_split_over_parts_is_found_in_every_part_it_touches(SplitPhrase split)
    {
        var found = SecretScanner.Default.ScanParts(split.Parts);

        Assert.That(found, Has.Count.EqualTo(split.Parts.Length));
        var offset = 0;
        for (var k = 0; k < split.Parts.Length; k++)
        {
            var end = offset + split.Parts[k].Length;
            var local = offset;
            var missed = split.Whole.SecretAt.Where(p => p >= local && p < end)
                .Where(p => !found[k].Any(f => f.Kind == SecretKind.Mnemonic && f.Start <= p - local && p - local < f.End)).ToArray();
            Assert.That(missed, Is.Empty, $"part {k} of {split}\nfindings: [{string.Join(" | ", found.Select(f => string.Join(", ", f)))}]");
            offset = end;
        }
    }

    /// <summary>The shortcut that spares re-reading earlier parts (<c>MayJoin</c>) never closes a boundary a
    /// phrase crosses, whatever its disguise.</summary>
    [Property(Arbitrary = new[] { typeof(ScanPartsPropertyTests) }, MaxTest = 300, QuietOnSuccess = true)]
    public void Every_cut_inside_a_phrase_may_join(SplitPhrase split)
    {
        for (var k = 1; k < split.Parts.Length; k++)
        {
            Assert.That(SecretScanner.Default.MayJoin(split.Parts[k - 1], split.Parts[k]), Is.True, $"cut {k} of {split}");
        }
    }

    [TestCase("Deposit not credited", "My USDT deposit is missing.")]
    [TestCase("my withdrawal is pending", "any update?")]
    [TestCase("I sent 0.5 BTC yesterday", "the txid is in my wallet history")]
    [TestCase("hello", "is anyone there")]
    [TestCase("I sent it", "I am waiting")]
    public void Everyday_boundaries_are_closed_so_earlier_messages_are_not_read_again(string before, string after)
    {
        Assert.That(SecretScanner.Default.MayJoin(before, after), Is.False);
    }

    [TestCase("abandon ability", "able about", Description = "wordlist words on both sides")]
    [TestCase("11. zoo 12.", "abandon", Description = "numbering at the edge")]
    [TestCase("z o o", "a b a n d o n", Description = "letters spaced out")]
    [TestCase("z-o-o", "a-b-a-n-d-o-n", Description = "letters spaced out with hyphens")]
    [TestCase("z.o.o", "a_b_a_n_d_o_n", Description = "letters spaced out with dots and underscores")]
    [TestCase("abandonability", "ableabout", Description = "words written together")]
    [TestCase("abandn", "abilty", Description = "misspelled words")]
    [TestCase("zоо", "abandon", Description = "a Cyrillic look-alike at the edge")]
    [TestCase("我的", "助记词", Description = "Chinese characters")]
    [TestCase("2.", "3.", Description = "nothing but numbering")]
    public void Boundaries_a_phrase_could_cross_stay_open(string before, string after)
    {
        Assert.That(SecretScanner.Default.MayJoin(before, after), Is.True);
    }

    [Property(Arbitrary = new[] { typeof(ScanPartsPropertyTests) }, MaxTest = 200, QuietOnSuccess = true)]
    public void Consecutive_everyday_messages_stay_clean(EverydayMessage first, EverydayMessage second, EverydayMessage third)
    {
        var found = SecretScanner.Default.ScanParts([first.Text, second.Text, third.Text]);

        Assert.That(found.SelectMany(f => f), Is.Empty, $"{first} ‖ {second} ‖ {third}");
    }

    [Test]
    public void Subject_and_body_complete_a_phrase_and_both_are_reported()
    {
        var words = Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(21, 16), Bip39Wordlist.English);
        var subject = "help: " + string.Join(' ', words[..5]);
        var body = string.Join(' ', words[5..]) + " thanks";

        var found = SecretScanner.Default.ScanParts([subject, body]);

        Assert.Multiple(() =>
        {
            Assert.That(SecretScanner.Default.Scan(subject), Is.Empty, "five words alone are no phrase");
            Assert.That(SecretScanner.Default.Scan(body), Is.Empty, "seven words alone are no phrase");
            Assert.That(found[0].Select(f => (f.Kind, f.Start, f.Length)), Is.EqualTo(new[] { (SecretKind.Mnemonic, 6, subject.Length - 6) }));
            Assert.That(found[1].Select(f => (f.Kind, f.Start, f.Length)), Is.EqualTo(new[] { (SecretKind.Mnemonic, 0, body.Length - " thanks".Length) }));
        });
    }

    [Test]
    public void Parts_that_do_not_complete_a_valid_phrase_are_not_joined()
    {
        var words = Bip39TestPhrases.BreakChecksum(Bip39TestPhrases.FromEntropy(Bip39TestPhrases.Entropy(5, 16), Bip39Wordlist.English), Bip39Wordlist.English);

        var found = SecretScanner.Default.ScanParts([string.Join(' ', words[..6]), string.Join(' ', words[6..])]);

        Assert.That(found.SelectMany(f => f), Is.Empty);
    }

    [Test]
    public void Each_part_keeps_its_own_findings()
    {
        var found = SecretScanner.Default.ScanParts(["my password is Hunter22", "", "验证码：654321"]);

        Assert.That(found.Select(f => string.Join(",", f.Select(x => x.Kind))), Is.EqualTo(new[] { "Password", "", "Otp" }));
    }

    [Test]
    public void Null_parts_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => SecretScanner.Default.ScanParts(null!), Throws.ArgumentNullException);
            Assert.That(() => SecretScanner.Default.ScanParts(["a", null!]), Throws.ArgumentNullException);
        });
    }

    /// <summary>Whether a cut at <paramref name="i"/> (just after a secret character) falls between two words: a
    /// visible separator follows, or the word is a Chinese character (one character, one word).</summary>
    private static bool BetweenWords(string text, HashSet<int> secret, int i)
    {
        if (char.IsLowSurrogate(text[i]) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(text[i]) is System.Globalization.UnicodeCategory.NonSpacingMark)
        {
            return false;
        }

        var next = i;
        while (next < text.Length && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(text[next]) == System.Globalization.UnicodeCategory.Format)
        {
            next++;
        }

        return next < text.Length && (!secret.Contains(next) || (text[i - 1] >= '\u3400' && text[i - 1] <= '\u9FFF'));
    }

    /// <summary>Cuts the generated text at word boundaries between its secret characters, so each cut falls between
    /// two words of the phrase (the way one sends a phrase in pieces).</summary>
    private static SplitPhrase Split(SecretCase whole, int[] cuts)
    {
        var text = whole.Text;
        var secret = whole.SecretAt.ToHashSet();
        var boundaries = Enumerable.Range(1, text.Length - 1)
            .Where(i => secret.Contains(i - 1) && whole.SecretAt.Any(p => p > i) && BetweenWords(text, secret, i))
            .ToArray();
        if (boundaries.Length == 0)
        {
            return new SplitPhrase([text], whole, []);
        }

        var chosen = cuts.Select(c => boundaries[c % boundaries.Length]).Distinct().Order().ToArray();
        var parts = new List<string>();
        var from = 0;
        foreach (var cut in chosen)
        {
            parts.Add(text[from..cut]);
            from = cut;
        }

        parts.Add(text[from..]);
        return new SplitPhrase([.. parts], whole, chosen);
    }
}

namespace SupportSdk.Security;

/// <summary>Finds BIP39 recovery phrases in English (<see cref="EnglishMnemonicDetector"/>) and in Simplified or
/// Traditional Chinese (<see cref="ChineseMnemonicDetector"/>).</summary>
internal sealed class MnemonicDetector
{
    private readonly EnglishMnemonicDetector _english;
    private readonly Bip39Wordlist _simplified;
    private readonly Bip39Wordlist _traditional;

    public MnemonicDetector(Bip39Wordlist english, Bip39Wordlist simplified, Bip39Wordlist traditional)
    {
        _english = new EnglishMnemonicDetector(english);
        _simplified = simplified;
        _traditional = traditional;
    }

    public void Scan(string text, List<SecretFinding> findings)
    {
        _english.Scan(text, findings);
        if (text.AsSpan().IndexOfAnyInRange('\u3400', '\u9FFF') >= 0)
        {
            ChineseMnemonicDetector.Scan(text, _simplified, findings);
            ChineseMnemonicDetector.Scan(text, _traditional, findings);
        }
    }
}

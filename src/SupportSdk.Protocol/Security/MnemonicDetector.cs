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

    /// <summary>Whether a phrase could cross from the end of <paramref name="before"/> into the start of
    /// <paramref name="after"/> (see <see cref="EnglishMnemonicDetector.EdgeMayContinue"/>; Chinese characters at
    /// either edge always may).</summary>
    public bool MayJoin(string before, string after) =>
        _english.EdgeMayContinue(before, atEnd: true) && _english.EdgeMayContinue(after, atEnd: false);

    /// <summary>English words are read in the compact text (letters spaced out joined); Chinese characters in the
    /// folded one, where the spaces between them still tell a spaced phrase from prose.</summary>
    public void Scan(NormalizedText folded, NormalizedText compact, List<SecretFinding> findings)
    {
        var from = findings.Count;
        _english.Scan(compact.Text, findings);
        compact.ToOriginal(findings, from);

        var text = folded.Text;
        if (text.AsSpan().IndexOfAnyInRange('\u3400', '\u9FFF') >= 0)
        {
            from = findings.Count;
            foreach (var list in (ReadOnlySpan<Bip39Wordlist>)[_simplified, _traditional])
            {
                if (ChineseMnemonicDetector.Scan(text, list, findings, numerals: true))
                {
                    ChineseMnemonicDetector.Scan(text, list, findings, numerals: false);
                }
            }

            folded.ToOriginal(findings, from);
        }
    }
}

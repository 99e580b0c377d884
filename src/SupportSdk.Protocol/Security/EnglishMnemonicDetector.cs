using static SupportSdk.Security.MnemonicRuns;

namespace SupportSdk.Security;

/// <summary>Finds English BIP39 phrases: 12+ consecutive wordlist words with nothing but separators and numbering
/// between them (spaced, numbered, comma- or line-separated, any case), allowing up to two misspelled words.
/// Ordinary prose never gets that far: its short function words ("the", "to", "of") are not BIP39 words.</summary>
internal sealed class EnglishMnemonicDetector
{
    private readonly Bip39Wordlist _english;
    private readonly MnemonicTypos _typos;

    public EnglishMnemonicDetector(Bip39Wordlist english)
    {
        _english = english;
        _typos = new MnemonicTypos(english);
    }

    public void Scan(string text, List<SecretFinding> findings)
    {
        if (!HasWords(text, MinWords))
        {
            return; // a phrase is 12+ words, each one run of ASCII letters: most messages are shorter than that
        }

        List<MnemonicWord>? run = null;
        Span<char> lower = stackalloc char[9];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsAsciiLetter(c))
            {
                var j = i + 1;
                while (j < text.Length && char.IsAsciiLetter(text[j]))
                {
                    j++;
                }

                var length = j - i;
                var glued = (i > 0 && IsOtherLatinLetter(text[i - 1])) || (j < text.Length && IsOtherLatinLetter(text[j]));
                var index = -1;
                var typo = false;
                if (!glued && length <= lower.Length)
                {
                    var word = lower[..length];
                    text.AsSpan(i, length).ToLowerInvariant(word);
                    index = _english.IndexOfLower(word);
                    // A typo only ever continues a run (a phrase starts and ends with exact words): skip the
                    // lookup for the many prose words that do not follow a BIP39 word.
                    typo = index < 0 && run is { Count: > 0 } && _typos.TryCorrect(word, out index);
                }

                if (index >= 0 || typo)
                {
                    (run ??= []).Add(new MnemonicWord(i, j, index, typo, GapBefore: true));
                }
                else
                {
                    FlushEnglish(run, findings);
                }

                i = j;
            }
            else if (char.IsAsciiDigit(c))
            {
                var j = SkipDigits(text, i);
                if (j - i > 2)
                {
                    FlushEnglish(run, findings);
                }

                i = j;
            }
            else
            {
                if (char.IsLetter(c) || char.IsSurrogate(c))
                {
                    FlushEnglish(run, findings);
                }

                i++;
            }
        }

        FlushEnglish(run, findings);
    }

    /// <summary>Whether <paramref name="text"/> has at least <paramref name="count"/> runs of ASCII letters.</summary>
    internal static bool HasWords(ReadOnlySpan<char> text, int count)
    {
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsAsciiLetter(c);
            if (letter && !inWord && --count == 0)
            {
                return true;
            }

            inWord = letter;
        }

        return false;
    }

    private static void FlushEnglish(List<MnemonicWord>? run, List<SecretFinding> findings)
    {
        if (run is null || run.Count == 0)
        {
            return;
        }

        if (run.Count >= MinWords)
        {
            EvaluateEnglish(run, findings);
        }

        run.Clear();
    }

    /// <summary>Exact stretches of 12+ words are phrases; shorter stretches joined by at most two typos are too.</summary>
    private static void EvaluateEnglish(List<MnemonicWord> run, List<SecretFinding> findings)
    {
        var words = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run);
        var segments = new List<(int From, int To)>();
        var from = 0;
        for (var k = 0; k <= words.Length; k++)
        {
            if (k == words.Length || words[k].Typo)
            {
                segments.Add((from, k));
                from = k + 1;
            }
        }

        foreach (var (f, t) in segments)
        {
            if (t - f >= MinWords)
            {
                ReportSpacedRun(words[f..t], findings);
            }
        }

        for (var a = 0; a < segments.Count; a++)
        {
            var first = segments[a];
            if (first.To - first.From is 0 or >= MinWords)
            {
                continue;
            }

            var best = -1;
            for (var b = a + 1; b < segments.Count && b - a <= 2; b++)
            {
                var length = segments[b].To - segments[b].From;
                if (length >= MinWords)
                {
                    break;
                }

                if (length > 0 && segments[b].To - first.From >= MinWords)
                {
                    best = b;
                }
            }

            if (best >= 0)
            {
                ReportTypoRun(words[first.From..segments[best].To], findings);
                a = best;
            }
        }
    }

    /// <summary>Words with one or two misspellings: Medium when the corrected phrase checks, else Low.</summary>
    private static void ReportTypoRun(ReadOnlySpan<MnemonicWord> words, List<SecretFinding> findings)
    {
        var corrected = true;
        foreach (var word in words)
        {
            corrected &= word.Index >= 0;
        }

        var confidence = corrected && Bip39Checksum.IsValidLength(words.Length) && ChecksumValid(words)
            ? SecretConfidence.Medium
            : SecretConfidence.Low;
        Add(findings, words, confidence);
    }

    private static bool IsOtherLatinLetter(char c) => c is > '\u007F' and < '\u0250' && char.IsLetter(c);
}

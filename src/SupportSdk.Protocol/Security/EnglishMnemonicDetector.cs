using static SupportSdk.Security.MnemonicRuns;

namespace SupportSdk.Security;

/// <summary>Finds English BIP39 phrases: 12+ consecutive wordlist words with nothing but separators and numbering
/// between them (spaced, numbered "1." "1)" "(1)" "01 -" "1st", comma- or line-separated, any case, or written
/// together with no separator at all), allowing up to two misspelled words. Ordinary prose never gets that far: its
/// short function words ("the", "to", "of") are not BIP39 words.</summary>
/// <remarks>Words written together are split back (<see cref="GluedWords"/>) but count only towards a phrase whose
/// checksum holds: an ordinary compound ("network", "runway") never grows prose into a phrase.</remarks>
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
            return; // a phrase is 12+ words (or one long glued run): most messages are shorter than that
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
                    if (index < 0 && IsOrdinalSuffix(text, i, word))
                    {
                        i = j; // "1st", "2nd": numbering
                        continue;
                    }
                }

                if (!glued && index < 0 && length >= GluedWords.MinLetters && length <= GluedWords.MaxLetters && GluedWords.TryAdd(_english, text, i, j, ref run))
                {
                    i = j;
                    continue;
                }

                if (!glued && index < 0 && length <= lower.Length)
                {
                    // A typo only ever continues a run (a phrase starts and ends with exact words): skip the
                    // lookup for the many prose words that do not follow a BIP39 word.
                    typo = run is { Count: > 0 } && _typos.TryCorrect(lower[..length], out index);
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
                // Letters of other scripts end a run; emoji, symbols and punctuation separate words.
                var letter = char.IsSurrogate(c)
                    ? char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLetter(text, i)
                    : char.IsLetter(c);
                if (letter)
                {
                    FlushEnglish(run, findings);
                }

                i++;
            }
        }

        FlushEnglish(run, findings);
    }

    private const int EdgeWindow = 48;

    /// <summary>
    /// Whether a phrase could run on past one end of <paramref name="text"/>: the letters nearest that end (past white
    /// space, punctuation, symbols and numbering) are a wordlist word, a misspelled one, words written together, or
    /// too short to tell (letters spaced out). Conservative: another script, full-width or invisible characters at
    /// the edge (which the scanner folds), or no letters at all, answer true. Lets <see cref="SecretScanner.ScanParts"/>
    /// skip joining parts where no phrase can cross, the usual case, instead of re-reading every earlier part.
    /// </summary>
    internal bool EdgeMayContinue(ReadOnlySpan<char> text, bool atEnd)
    {
        // Anything outside ASCII near the edge (another script, combining marks, full-width or invisible characters)
        // is folded by the scanner into what may be letters: never close the boundary on it.
        var edge = atEnd ? text[Math.Max(0, text.Length - EdgeWindow)..] : text[..Math.Min(text.Length, EdgeWindow)];
        if (!System.Text.Ascii.IsValid(edge))
        {
            return true;
        }

        var step = atEnd ? -1 : 1;
        var i = atEnd ? text.Length - 1 : 0;
        while (i >= 0 && i < text.Length && !char.IsAsciiLetter(text[i]))
        {
            if (text[i] > '\u007F')
            {
                return true;
            }

            i += step;
        }

        if (i < 0 || i >= text.Length)
        {
            return true;
        }

        var j = i;
        while (j >= 0 && j < text.Length && char.IsAsciiLetter(text[j]))
        {
            j += step;
        }

        if (j >= 0 && j < text.Length && text[j] > '\u007F')
        {
            return true;
        }

        var length = Math.Abs(j - i);
        if (length == 1)
        {
            // One letter: part of letters spaced out ("a b a n d o n", "a-b-a-n-d-o-n": the separators
            // TextNormalizer.Compact joins) when the next token inward is one letter too.
            var k = j + step;
            return j < 0 || j >= text.Length || k < 0 || k >= text.Length || (text[j] is ' ' or '\t' or '.' or '-' or '_' or '*' && char.IsAsciiLetter(text[k])
                && (k + step < 0 || k + step >= text.Length || !char.IsAsciiLetter(text[k + step])));
        }

        if (length == 2)
        {
            // No BIP39 word has two letters; "1st", "2nd" are numbering.
            var before = atEnd ? j : i - 1;
            return before >= 0 && before < text.Length && char.IsAsciiDigit(text[before]);
        }

        if (length > GluedWords.MaxLetters)
        {
            return false;
        }

        Span<char> lower = stackalloc char[length];
        text.Slice(Math.Min(i, j + 1), length).ToLowerInvariant(lower);
        if (length <= 9 && (_english.IndexOfLower(lower) >= 0 || _typos.TryCorrect(lower, out _)))
        {
            return true;
        }

        return length >= GluedWords.MinLetters && GluedWords.Split(_english, lower) is not null;
    }

    /// <summary>Whether <paramref name="text"/> may hold <paramref name="count"/> words: runs of ASCII letters, a run
    /// of six or more letters counting as the words it could hold written together (a third of its letters).</summary>
    internal static bool HasWords(ReadOnlySpan<char> text, int count)
    {
        var length = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                length++;
                continue;
            }

            if (length > 0)
            {
                count -= length >= GluedWords.MinLetters ? length / 3 : 1;
                if (count <= 0)
                {
                    return true;
                }
            }

            length = 0;
        }

        return false;
    }

    private static bool IsOrdinalSuffix(string text, int start, ReadOnlySpan<char> lower) =>
        start > 0 && char.IsAsciiDigit(text[start - 1]) && lower is "st" or "nd" or "rd" or "th";

    private static void FlushEnglish(List<MnemonicWord>? run, List<SecretFinding> findings)
    {
        if (run is null || run.Count == 0)
        {
            return;
        }

        if (run.Count >= MinWords)
        {
            EvaluateWithGlued(run, findings);
        }

        run.Clear();
    }

    /// <summary>Words split out of glued runs count only in a phrase whose checksum holds; otherwise the stretches
    /// between them are judged on their own.</summary>
    private static void EvaluateWithGlued(List<MnemonicWord> run, List<SecretFinding> findings)
    {
        var words = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run);
        var glued = false;
        foreach (var word in words)
        {
            glued |= word.Glued;
        }

        if (!glued)
        {
            EvaluateEnglish(words, findings);
            return;
        }

        if (TryReportValid(words, findings))
        {
            return;
        }

        var from = 0;
        for (var k = 0; k <= words.Length; k++)
        {
            if (k == words.Length || words[k].Glued)
            {
                if (k - from >= MinWords)
                {
                    EvaluateEnglish(words[from..k], findings);
                }

                from = k + 1;
            }
        }
    }

    /// <summary>Exact stretches of 12+ words are phrases; shorter stretches joined by at most two typos are too.</summary>
    private static void EvaluateEnglish(ReadOnlySpan<MnemonicWord> words, List<SecretFinding> findings)
    {
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

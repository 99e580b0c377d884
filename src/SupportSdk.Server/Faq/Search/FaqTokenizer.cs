namespace SupportSdk.Server.Faq;

internal enum FaqTokenKind
{
    Word,
    JoinedWord,
    CjkUnigram,
    CjkBigram,
}

internal interface IFaqTokenSink
{
    void OnToken(ReadOnlySpan<char> term, int start, int end, FaqTokenKind kind, bool isStopword);
}

/// <summary>
/// Splits text into index terms: Latin/Cyrillic/digit words (folded, stemmed, hyphen parts + joined form)
/// and CJK runs as character unigrams and bigrams. Offsets refer to the original text.
/// </summary>
internal static class FaqTokenizer
{
    public const int MaxWordLength = 40;
    private const int MaxSegments = 8;

    public static void Tokenize<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IFaqTokenSink
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = FaqChars.Fold(text[i]);
            if (FaqChars.IsCjk(c))
            {
                i = ReadCjk(text, i, ref sink);
            }
            else if (char.IsLetterOrDigit(c))
            {
                i = ReadWord(text, i, ref sink);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>
    /// The folded, unstemmed letters of one word of <paramref name="text"/> (apostrophes dropped), as the typo
    /// matcher compares them; 0 when it is not a plain a–z word or does not fit.
    /// </summary>
    public static int Surface(ReadOnlySpan<char> text, Span<char> destination)
    {
        int n = 0;
        foreach (char raw in text)
        {
            char c = FaqChars.Fold(raw);
            if (c == '\'')
            {
                continue;
            }

            if (c < 'a' || c > 'z' || n == destination.Length)
            {
                return 0;
            }

            destination[n++] = c;
        }

        return n;
    }

    private static int ReadCjk<TSink>(ReadOnlySpan<char> text, int i, ref TSink sink)
        where TSink : struct, IFaqTokenSink
    {
        Span<char> buf = stackalloc char[2];
        char prev = '\0';
        int prevPos = -1;
        while (i < text.Length)
        {
            char c = FaqChars.Fold(text[i]);
            if (!FaqChars.IsCjk(c))
            {
                break;
            }

            buf[0] = c;
            sink.OnToken(buf[..1], i, i + 1, FaqTokenKind.CjkUnigram, FaqStopwords.IsCjkStopChar(c));
            if (prevPos >= 0)
            {
                buf[0] = prev;
                buf[1] = c;
                sink.OnToken(buf, prevPos, i + 1, FaqTokenKind.CjkBigram, FaqStopwords.IsCjkStopBigram(buf));
            }

            prev = c;
            prevPos = i;
            i++;
        }

        return i;
    }

    private static int ReadWord<TSink>(ReadOnlySpan<char> text, int i, ref TSink sink)
        where TSink : struct, IFaqTokenSink
    {
        Span<char> word = stackalloc char[MaxWordLength];
        Span<int> segBufStart = stackalloc int[MaxSegments + 1];
        Span<int> segTextStart = stackalloc int[MaxSegments + 1];
        Span<int> segTextEnd = stackalloc int[MaxSegments];
        int len = 0;
        int segs = 0;
        bool overflow = false;
        segBufStart[0] = 0;
        segTextStart[0] = i;
        int j = i;
        while (j < text.Length)
        {
            char c = FaqChars.Fold(text[j]);
            if (FaqChars.IsWordChar(c))
            {
                if (len < MaxWordLength)
                {
                    word[len++] = c;
                }
                else
                {
                    overflow = true;
                }

                j++;
                continue;
            }

            bool nextIsWord = j + 1 < text.Length && FaqChars.IsWordChar(FaqChars.Fold(text[j + 1]));
            if (c == '\'' && nextIsWord)
            {
                j++;
                continue;
            }

            if ((c == '-' || c == '_') && nextIsWord && segs < MaxSegments - 1)
            {
                segTextEnd[segs] = j;
                segs++;
                segBufStart[segs] = len;
                segTextStart[segs] = j + 1;
                j++;
                continue;
            }

            break;
        }

        segTextEnd[segs] = j;
        segs++;
        segBufStart[segs] = len;
        if (overflow)
        {
            return j;
        }

        if (segs == 1)
        {
            Emit(word[..len], i, j, FaqTokenKind.Word, ref sink);
            return j;
        }

        for (int s = 0; s < segs; s++)
        {
            int a = segBufStart[s];
            int b = segBufStart[s + 1];
            if (b > a)
            {
                Emit(word[a..b], segTextStart[s], segTextEnd[s], FaqTokenKind.Word, ref sink);
            }
        }

        Emit(word[..len], i, j, FaqTokenKind.JoinedWord, ref sink);
        return j;
    }

    private static void Emit<TSink>(ReadOnlySpan<char> word, int start, int end, FaqTokenKind kind, ref TSink sink)
        where TSink : struct, IFaqTokenSink
    {
        bool stop = FaqStopwords.IsEnglishStopword(word) || (word.Length == 1 && !char.IsDigit(word[0]));
        Span<char> stem = stackalloc char[MaxWordLength];
        word.CopyTo(stem);
        int n = EnglishStemmer.Stem(stem[..word.Length]);
        sink.OnToken(stem[..n], start, end, kind, stop);
    }
}

namespace SupportSdk.Server.Faq;

/// <summary>
/// A compact, conservative English suffix stemmer (S-stemmer + -ing/-ed + a few derivational suffixes).
/// It only needs to be self-consistent: documents and queries go through the same function.
/// </summary>
internal static class EnglishStemmer
{
    public static int Stem(Span<char> w)
    {
        int n = w.Length;
        if (n <= 3)
        {
            return n;
        }

        for (int i = 0; i < n; i++)
        {
            if (w[i] < 'a' || w[i] > 'z')
            {
                return n;
            }
        }

        // Plurals.
        if (EndsWith(w, n, "sses"))
        {
            n -= 2;
        }
        else if (n > 4 && EndsWith(w, n, "ies"))
        {
            n -= 2;
        }
        else if (w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i')
        {
            n--;
        }

        // Inflections.
        if (n > 5 && EndsWith(w, n, "ing") && HasVowel(w, n - 3))
        {
            n -= 3;
        }
        else if (n > 4 && EndsWith(w, n, "ed") && HasVowel(w, n - 2))
        {
            n -= 2;
        }

        // Derivational suffixes.
        if (n > 9 && EndsWith(w, n, "ification"))
        {
            n -= 6; // verification -> verifi
        }
        else if (n > 8 && EndsWith(w, n, "ication"))
        {
            n -= 5; // authentication -> authentic
        }
        else if (n > 10 && EndsWith(w, n, "istration"))
        {
            n -= 5; // registration -> regist(er)
            w[n++] = 'e';
            w[n++] = 'r';
        }
        else if (n > 8 && EndsWith(w, n, "ation"))
        {
            n -= 5; // confirmation -> confirm
        }
        else if (n > 7 && EndsWith(w, n, "ator"))
        {
            n -= 4; // authenticator -> authentic
        }
        else if (n > 6 && EndsWith(w, n, "ly"))
        {
            n -= 2;
        }
        else if (n > 5 && (EndsWith(w, n, "awal") || EndsWith(w, n, "oval") || EndsWith(w, n, "ival")))
        {
            n -= 2; // withdrawal -> withdraw, approval -> approv, arrival -> arriv
        }

        if (n > 3 && w[n - 1] == 'e')
        {
            n--;
        }

        if (n > 6 && EndsWith(w, n, "at"))
        {
            n -= 2; // validat(e) -> valid, impersonat(e) -> imperson
        }

        if (n > 3 && w[n - 1] == 'y' && !IsVowel(w[n - 2]))
        {
            w[n - 1] = 'i';
        }

        if (n > 3 && w[n - 1] == w[n - 2] && !IsVowel(w[n - 1]))
        {
            n--;
        }

        return n;
    }

    private static bool EndsWith(Span<char> w, int n, string suffix) =>
        n >= suffix.Length && w[..n].EndsWith(suffix.AsSpan(), StringComparison.Ordinal);

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static bool HasVowel(Span<char> w, int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (IsVowel(w[i]) || (i > 0 && w[i] == 'y'))
            {
                return true;
            }
        }

        return false;
    }
}

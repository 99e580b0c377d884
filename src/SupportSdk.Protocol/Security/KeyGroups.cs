namespace SupportSdk.Security;

/// <summary>Finds private keys written in groups, as paper wallets and careful users write them: a WIF key or an
/// extended private key in groups of 4–8 ("5HueC GU8rM jxEXx ..."), proven by its Base58Check checksum, or 64 hex
/// digits in blocks ("5fbb cada f5b0 ...") judged by <see cref="PrivateKeyDetector.HexKeyConfidence"/>.</summary>
/// <remarks>Groups are runs of ASCII letters and digits of one length (2–64, so a key split over two lines too; the last may be shorter) separated by
/// one to three spaces, tabs, line breaks or hyphens. Prose words rarely share a length with the next word, so a
/// chain ends after a word or two and the scan stays linear.</remarks>
internal static class KeyGroups
{
    private const int MaxKey = 111;
    private const int MaxSeparator = 3;

    public static void Scan(string text, List<SecretFinding> findings)
    {
        Span<char> joined = stackalloc char[MaxKey];
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
            {
                i++;
                continue;
            }

            var first = TokenEnd(text, i);
            var group = first - i;
            if (group is >= 2 and <= 64 && CanStartKey(text.AsSpan(i, group)) && TryChain(text, i, group, joined, findings, out var end))
            {
                i = end;
                continue;
            }

            i = first;
        }
    }

    /// <summary>Follows groups of <paramref name="group"/> characters from <paramref name="start"/> and checks the
    /// joined text each time it reaches a key's length.</summary>
    private static bool TryChain(string text, int start, int group, Span<char> joined, List<SecretFinding> findings, out int end)
    {
        var length = 0;
        var at = start;
        var groups = 0;
        end = start;
        while (true)
        {
            var tokenEnd = TokenEnd(text, at);
            var token = text.AsSpan(at, tokenEnd - at);
            if (token.Length > group || length + token.Length > MaxKey)
            {
                return false;
            }

            token.CopyTo(joined[length..]);
            length += token.Length;
            groups++;
            if (groups >= 2 && Check(text, start, tokenEnd, joined[..length], findings))
            {
                end = tokenEnd;
                return true;
            }

            if (token.Length < group)
            {
                return false; // a shorter group ends the key
            }

            var next = tokenEnd;
            while (next < text.Length && next - tokenEnd < MaxSeparator && text[next] is ' ' or '\t' or '\r' or '\n' or '-')
            {
                next++;
            }

            if (next == tokenEnd || next >= text.Length || !char.IsAsciiLetterOrDigit(text[next]))
            {
                return false;
            }

            at = next;
        }
    }

    private static bool Check(string text, int start, int end, ReadOnlySpan<char> key, List<SecretFinding> findings)
    {
        SecretConfidence? confidence = key.Length switch
        {
            51 or 52 when PrivateKeyDetector.IsWif(key) => SecretConfidence.High,
            MaxKey when PrivateKeyDetector.IsExtendedPrivateKey(key) => SecretConfidence.High,
            64 when !key.ContainsAnyExcept(PrivateKeyDetector.HexDigits) => PrivateKeyDetector.HexKeyConfidence(text, start, end, grouped: true),
            _ => null,
        };

        if (confidence is { } c)
        {
            findings.Add(new SecretFinding(SecretKind.PrivateKey, start, end - start, c));
            return true;
        }

        return false;
    }

    /// <summary>Whether a first group could begin a key: hex digits, or Base58 starting as a WIF key (5, 9, K, L, c)
    /// or an extended private key (xprv, tprv ...) does. Most words fail here, so most text never builds a chain.</summary>
    private static bool CanStartKey(ReadOnlySpan<char> group) =>
        !group.ContainsAnyExcept(PrivateKeyDetector.HexDigits)
        || (group[0] is '5' or '9' or 'K' or 'L' or 'c' && Base58Check.IsBase58(group))
        || (group.Length >= 4 && group[1..4] is "prv");

    private static int TokenEnd(string text, int i)
    {
        while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}

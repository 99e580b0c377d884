namespace SupportSdk.Security;

/// <summary>Finds wallet private keys: WIF keys and extended private keys (xprv, tprv, yprv, zprv ...) proven by their
/// Base58Check checksum, and 64-digit hex keys, which look exactly like transaction hashes and so count only with
/// key context ("private key", "私钥", "my key") nearer to them than any hash context ("txid", "hash", "交易"); keys
/// written in groups ("5HueC avdRc ...", hex in blocks of 4) are found by <see cref="KeyGroups"/>.</summary>
internal static class PrivateKeyDetector
{
    private const int ContextBefore = 48;
    private const int ContextAfter = 40;

    private static readonly string[] s_extendedPrefixes = ["xprv", "tprv", "yprv", "zprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv"];

    // The nearest label decides. Strong: a key for sure; Weak: probably; Api: an exchange API credential
    // (left to the API secret detector); Other: a hash, an id, an address.
    private static readonly (string Label, Context Context)[] s_labels =
    [
        ("private key", Context.Strong), ("private_key", Context.Strong), ("privatekey", Context.Strong),
        ("priv key", Context.Strong), ("privkey", Context.Strong), ("priv_key", Context.Strong), ("wif", Context.Strong),
        ("私钥", Context.Strong), ("私鑰", Context.Strong), ("私匙", Context.Strong), ("秘钥", Context.Strong),
        ("秘鑰", Context.Strong), ("密钥", Context.Strong), ("密鑰", Context.Strong), ("secret exponent", Context.Strong),
        ("key", Context.Weak), ("keys", Context.Weak), ("secret key", Context.Weak), ("secretkey", Context.Weak),
        ("secret_key", Context.Weak), ("secret", Context.Weak), ("钥匙", Context.Weak),
        ("api key", Context.Api), ("apikey", Context.Api), ("api_key", Context.Api), ("api secret", Context.Api),
        ("api_secret", Context.Api), ("apisecret", Context.Api), ("api", Context.Api),
        ("txid", Context.Other), ("tx id", Context.Other), ("tx", Context.Other), ("txhash", Context.Other),
        ("tx hash", Context.Other), ("hash", Context.Other), ("transaction", Context.Other), ("trx", Context.Other),
        ("block", Context.Other), ("blockhash", Context.Other), ("deposit", Context.Other), ("withdraw", Context.Other),
        ("withdrawal", Context.Other), ("order", Context.Other), ("address", Context.Other), ("addr", Context.Other),
        ("public key", Context.Other), ("pubkey", Context.Other), ("public_key", Context.Other), ("public", Context.Other),
        ("contract", Context.Other), ("id", Context.Other), ("uuid", Context.Other), ("checksum", Context.Other),
        ("sha256", Context.Other), ("sha-256", Context.Other), ("md5", Context.Other), ("signature", Context.Other),
        ("交易", Context.Other), ("哈希", Context.Other), ("区块", Context.Other), ("區塊", Context.Other),
        ("地址", Context.Other), ("公钥", Context.Other), ("公鑰", Context.Other), ("订单", Context.Other),
        ("訂單", Context.Other), ("充值", Context.Other), ("提现", Context.Other), ("提币", Context.Other),
        ("转账", Context.Other), ("單號", Context.Other), ("单号", Context.Other),
    ];

    private enum Context
    {
        None,
        Strong,
        Weak,
        Api,
        Other,
    }

    public static void Scan(string text, List<SecretFinding> findings)
    {
        ScanTokens(text, findings);
        KeyGroups.Scan(text, findings);
    }

    private static void ScanTokens(string text, List<SecretFinding> findings)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var j = i + 1;
            while (j < text.Length && char.IsAsciiLetterOrDigit(text[j]))
            {
                j++;
            }

            var token = text.AsSpan(i, j - i);
            switch (token.Length)
            {
                case 64 or 66:
                    CheckHex(text, i, j, findings);
                    break;
                case 51 or 52 when IsWif(token):
                case 111 when IsExtendedPrivateKey(token):
                    findings.Add(new SecretFinding(SecretKind.PrivateKey, i, j - i, SecretConfidence.High));
                    break;
                default:
                    break;
            }

            i = j;
        }
    }

    private static void CheckHex(string text, int start, int end, List<SecretFinding> findings)
    {
        var token = text.AsSpan(start, end - start);
        if (token.Length == 66)
        {
            if (token[0] != '0' || (token[1] | 0x20) != 'x')
            {
                return;
            }

            token = token[2..];
        }

        if (token.ContainsAnyExcept(HexDigits))
        {
            return;
        }

        if (HexKeyConfidence(text, start, end, grouped: false) is { } confidence)
        {
            findings.Add(new SecretFinding(SecretKind.PrivateKey, start, end - start, confidence));
        }
    }

    /// <summary>How sure the label around 64 hex digits at <paramref name="start"/>..<paramref name="end"/> makes them
    /// a key: the nearest label decides. Unlabelled hex is a key only when written in groups (<paramref name="grouped"/>,
    /// "5fbb cada f5b0 ..."): nobody groups a transaction hash, wallets print keys that way.</summary>
    internal static SecretConfidence? HexKeyConfidence(string text, int start, int end, bool grouped)
    {
        // Labels count within the key's own sentence.
        var before = SentenceStart(text, start, Math.Max(0, start - ContextBefore));
        Span<char> window = stackalloc char[Math.Max(ContextBefore, ContextAfter)];
        var lowerBefore = window[..(start - before)];
        text.AsSpan(before, start - before).ToLowerInvariant(lowerBefore);
        var context = Nearest(lowerBefore, fromEnd: true);
        if (context == Context.None)
        {
            var after = text.AsSpan(end, Math.Min(ContextAfter, text.Length - end));
            var stop = after.IndexOfAny(SentenceEnds);
            var lowerAfter = window[..(stop < 0 ? after.Length : stop)];
            after[..lowerAfter.Length].ToLowerInvariant(lowerAfter);
            context = Nearest(lowerAfter, fromEnd: false);
            lowerBefore = [];
        }

        if (context == Context.Weak && lowerBefore.Contains("api", StringComparison.Ordinal))
        {
            return null;
        }

        return context switch
        {
            Context.Strong => SecretConfidence.High,
            Context.Weak => SecretConfidence.Medium,
            Context.None when grouped => SecretConfidence.Medium,
            _ => null,
        };
    }

    private static readonly System.Buffers.SearchValues<char> SentenceEnds = System.Buffers.SearchValues.Create(".!?。！？");

    /// <summary>Where the sentence holding <paramref name="start"/> begins, but not before <paramref name="limit"/>:
    /// after the last . ! ? 。 that ends a sentence (not the dot of "0.5" or "example.com").</summary>
    private static int SentenceStart(string text, int start, int limit)
    {
        for (var i = start - 1; i >= limit; i--)
        {
            var c = text[i];
            if (c is '.' or '!' or '?' or '。' or '！' or '？' && (i + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[i + 1])))
            {
                return i + 1;
            }

        }

        return limit;
    }

    internal static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The label nearest to the key in a lower-cased window: the one ending last before it, or starting
    /// first after it; on a tie the longer label ("public key" over "key").</summary>
    private static Context Nearest(ReadOnlySpan<char> window, bool fromEnd)
    {
        var best = Context.None;
        var bestPosition = fromEnd ? -1 : int.MaxValue;
        var bestLength = 0;
        foreach (var (label, context) in s_labels)
        {
            var at = fromEnd ? LastWordIndex(window, label) : FirstWordIndex(window, label);
            if (at < 0)
            {
                continue;
            }

            var position = fromEnd ? at + label.Length : at;
            var better = fromEnd ? position > bestPosition : position < bestPosition;
            if (better || (position == bestPosition && label.Length > bestLength))
            {
                best = context;
                bestPosition = position;
                bestLength = label.Length;
            }
        }

        return best;
    }

    private static int LastWordIndex(ReadOnlySpan<char> window, string label)
    {
        var end = window.Length;
        while (end > 0)
        {
            var at = window[..end].LastIndexOf(label, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            if (IsWordAt(window, at, label.Length))
            {
                return at;
            }

            end = at + label.Length - 1;
        }

        return -1;
    }

    private static int FirstWordIndex(ReadOnlySpan<char> window, string label)
    {
        var from = 0;
        while (from < window.Length)
        {
            var at = window[from..].IndexOf(label, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            at += from;
            if (IsWordAt(window, at, label.Length))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    /// <summary>Latin labels must stand as words ("key" not inside "monkey"); Chinese labels need no boundary.</summary>
    private static bool IsWordAt(ReadOnlySpan<char> window, int at, int length) =>
        !char.IsAsciiLetter(window[at])
        || ((at == 0 || !char.IsAsciiLetter(window[at - 1])) && (at + length == window.Length || !char.IsAsciiLetter(window[at + length])));

    internal static bool IsWif(ReadOnlySpan<char> token)
    {
        var compressed = token.Length == 52;
        if (compressed ? token[0] is not ('K' or 'L' or 'c') : token[0] is not ('5' or '9'))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[48];
        if (!Base58Check.TryDecodeChecked(token, bytes, out var written))
        {
            return false;
        }

        return bytes[0] is 0x80 or 0xEF && (compressed ? written == 38 && bytes[33] == 0x01 : written == 37);
    }

    internal static bool IsExtendedPrivateKey(ReadOnlySpan<char> token)
    {
        var prefixed = false;
        foreach (var prefix in s_extendedPrefixes)
        {
            prefixed |= token.StartsWith(prefix, StringComparison.Ordinal);
        }

        Span<byte> bytes = stackalloc byte[96];
        return prefixed && Base58Check.TryDecodeChecked(token, bytes, out var written) && written == 82 && bytes[45] == 0x00;
    }
}

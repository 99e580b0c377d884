namespace SupportSdk.Security;

/// <summary>Finds secrets a user should never send to support — BIP39 seed phrases, private keys, passwords,
/// one-time codes and API secrets — in English and Chinese text, without flagging what users legitimately send
/// (transaction hashes, addresses, xpubs, order ids, UUIDs, plain questions).</summary>
/// <remarks>
/// <para>The scanner is immutable and thread-safe; use <see cref="Default"/>. It is cheap enough to run on every
/// keystroke (no backtracking-prone patterns, wordlists hashed once). Findings carry the kind, span and confidence,
/// never the secret. Decide what to do with them through a <see cref="SecretPolicy"/>.</para>
/// <para>It reads through disguises first: Unicode NFKC (full-width "ｓｅｅｄ", circled "①"), invisible characters
/// (zero-width space and joiners, word joiner, soft hyphen, BOM), Cyrillic and Greek look-alike letters ("ѕeed"),
/// letters spaced out ("H u n t e r 2"), any numbering ("1." "1)" "(1)" "01 -" "①" "一、") and any separator or none
/// between the words of a phrase, and keys written in groups. Spans always refer to the text as given, so a caller
/// can redact by span. A phrase split over several messages is found by <see cref="ScanParts"/>.</para>
/// </remarks>
public sealed partial class SecretScanner
{
    private static readonly Lazy<SecretScanner> s_default = new(() => new SecretScanner());

    private readonly MnemonicDetector _mnemonics;

    private SecretScanner()
    {
        _mnemonics = new MnemonicDetector(Bip39Wordlist.English, Bip39Wordlist.ChineseSimplified, Bip39Wordlist.ChineseTraditional);
    }

    /// <summary>Gets the shared scanner (wordlists loaded and verified on first use).</summary>
    /// <exception cref="InvalidOperationException">An embedded wordlist is missing or altered.</exception>
    public static SecretScanner Default => s_default.Value;

    /// <summary>Scans a text for secrets.</summary>
    /// <param name="text">The text, e.g. a chat message or ticket body the user is typing.</param>
    /// <returns>The findings ordered by <see cref="SecretFinding.Start"/>. Findings of one kind never overlap, and
    /// a span is reported under one kind only (seed phrase, then private key, API secret, password, one-time code).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<SecretFinding> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var found = new List<SecretFinding>();
        Detect(text, found);
        return found.Count == 0 ? [] : Resolve(found);
    }

    /// <summary>Runs every detector on the normalized views of <paramref name="text"/> and adds their findings with
    /// spans in <paramref name="text"/>.</summary>
    private void Detect(string text, List<SecretFinding> found)
    {
        var folded = TextNormalizer.Fold(text);
        var compact = TextNormalizer.Compact(folded);
        _mnemonics.Scan(folded, compact, found);

        var from = found.Count;
        var normalized = compact.Text;
        PrivateKeyDetector.Scan(normalized, found);
        ApiSecretDetector.Scan(normalized, found);
        PasswordDetector.Scan(normalized, found);
        OtpDetector.Scan(normalized, found);
        compact.ToOriginal(found, from);
    }

    /// <summary>Merges overlapping findings of one kind, then drops findings that overlap a finding of a kind that
    /// ranks higher, and orders the rest by position.</summary>
    private static SecretFinding[] Resolve(List<SecretFinding> found)
    {
        found.Sort(static (a, b) => a.Kind != b.Kind ? Rank(a.Kind).CompareTo(Rank(b.Kind)) : a.Start.CompareTo(b.Start));
        var kept = new List<SecretFinding>(found.Count);
        foreach (var finding in found)
        {
            var last = kept.Count > 0 ? kept[^1] : null;
            if (last is not null && last.Kind == finding.Kind && finding.Start < last.End)
            {
                var end = Math.Max(last.End, finding.End);
                var confidence = (SecretConfidence)Math.Max((int)last.Confidence, (int)finding.Confidence);
                kept[^1] = new SecretFinding(last.Kind, last.Start, end - last.Start, confidence);
                continue;
            }

            if (!kept.Exists(k => k.Kind != finding.Kind && k.Start < finding.End && finding.Start < k.End))
            {
                kept.Add(finding);
            }
        }

        kept.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : Rank(a.Kind).CompareTo(Rank(b.Kind)));
        return [.. kept];
    }

    private static int Rank(SecretKind kind) => kind switch
    {
        SecretKind.Mnemonic => 0,
        SecretKind.PrivateKey => 1,
        SecretKind.ApiSecret => 2,
        SecretKind.Password => 3,
        _ => 4,
    };
}

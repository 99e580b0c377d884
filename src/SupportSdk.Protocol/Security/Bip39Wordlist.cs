using System.Security.Cryptography;

namespace SupportSdk.Security;

/// <summary>One of the BIP39 wordlists embedded in this assembly (English, Simplified and Traditional Chinese):
/// 2048 words, loaded once, verified against the pinned SHA-256 of the BIP39 standard's file.</summary>
public sealed class Bip39Wordlist
{
    private const string ResourcePrefix = "SupportSdk.Security.Wordlists.";
    private const int WordCount = 2048;

    private static readonly Lazy<Bip39Wordlist> s_english = new(() => Load("english", "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));
    private static readonly Lazy<Bip39Wordlist> s_simplified = new(() => Load("chinese_simplified", "5c5942792bd8340cb8b27cd592f1015edf56a8c5b26276ee18a482428e7c5726"));
    private static readonly Lazy<Bip39Wordlist> s_traditional = new(() => Load("chinese_traditional", "417b26b3d8500a4ae3d59717d7011952db6fc2fb84b807f3f94ac734e89c1b5f"));

    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly short[]? _charIndex;

    private Bip39Wordlist(string name, string[] words, string sha256)
    {
        Name = name;
        Words = words;
        Sha256 = sha256;
        _index = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            _index.Add(words[i], i);
        }

        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (words.All(w => w.Length == 1))
        {
            _charIndex = new short[char.MaxValue + 1];
            Array.Fill(_charIndex, (short)-1);
            for (var i = 0; i < words.Length; i++)
            {
                _charIndex[words[i][0]] = (short)i;
            }
        }
    }

    /// <summary>Gets the English wordlist (<c>english.txt</c>).</summary>
    /// <exception cref="InvalidOperationException">The embedded resource is missing or does not match its pinned hash.</exception>
    public static Bip39Wordlist English => s_english.Value;

    /// <summary>Gets the Simplified Chinese wordlist (<c>chinese_simplified.txt</c>); each word is one character.</summary>
    /// <exception cref="InvalidOperationException">The embedded resource is missing or does not match its pinned hash.</exception>
    public static Bip39Wordlist ChineseSimplified => s_simplified.Value;

    /// <summary>Gets the Traditional Chinese wordlist (<c>chinese_traditional.txt</c>); each word is one character.</summary>
    /// <exception cref="InvalidOperationException">The embedded resource is missing or does not match its pinned hash.</exception>
    public static Bip39Wordlist ChineseTraditional => s_traditional.Value;

    /// <summary>Gets all embedded wordlists: English, Simplified Chinese, Traditional Chinese.</summary>
    public static IReadOnlyList<Bip39Wordlist> All => [English, ChineseSimplified, ChineseTraditional];

    /// <summary>Gets the list's name, as in the BIP39 repository: <c>english</c>, <c>chinese_simplified</c> or <c>chinese_traditional</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the 2048 words in BIP39 order (a word's position is its 11-bit value).</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Gets the lower-case hex SHA-256 of the embedded file, as verified when the list was loaded.</summary>
    public string Sha256 { get; }

    /// <summary>Gets whether every word is a single character, so phrases may be written without spaces.</summary>
    public bool IsSingleCharacter => _charIndex is not null;

    /// <summary>Finds a word's position in the list. English lookups ignore case.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The word's index (0–2047), or -1 when the word is not in the list.</returns>
    public int IndexOf(ReadOnlySpan<char> word)
    {
        if (_charIndex is not null)
        {
            return word.Length == 1 ? _charIndex[word[0]] : -1;
        }

        if (word.Length is 0 or > 16)
        {
            return -1;
        }

        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return _lookup.TryGetValue(lower, out var index) ? index : -1;
    }

    /// <summary>The index of a single-character word, or -1 (fast path for the Chinese lists).</summary>
    internal int IndexOf(char c) => _charIndex is null ? -1 : _charIndex[c];

    /// <summary>The index of an already lower-case word, or -1.</summary>
    internal int IndexOfLower(ReadOnlySpan<char> lowerWord) => _lookup.TryGetValue(lowerWord, out var index) ? index : -1;

    private static Bip39Wordlist Load(string name, string expectedSha256)
    {
        var resource = ResourcePrefix + name + ".txt";
        using var stream = typeof(Bip39Wordlist).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded BIP39 wordlist '{resource}' is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (sha != expectedSha256)
        {
            throw new InvalidOperationException($"Embedded BIP39 wordlist '{name}' has SHA-256 {sha}, expected {expectedSha256}.");
        }

        var words = System.Text.Encoding.UTF8.GetString(bytes)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length != WordCount || words.Distinct(StringComparer.Ordinal).Count() != WordCount)
        {
            throw new InvalidOperationException($"Embedded BIP39 wordlist '{name}' does not hold {WordCount} unique words.");
        }

        return new Bip39Wordlist(name, words, sha);
    }
}

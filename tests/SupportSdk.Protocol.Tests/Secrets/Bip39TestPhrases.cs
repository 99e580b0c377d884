using System.Numerics;
using System.Security.Cryptography;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>An independent BIP39 encoder for the tests (BigInteger arithmetic, not the scanner's bit packing):
/// entropy -> entropy bits + first ENT/32 bits of SHA-256(entropy) -> 11-bit word indices.</summary>
internal static class Bip39TestPhrases
{
    public static string[] FromEntropy(byte[] entropy, Bip39Wordlist list)
    {
        var checksumBits = entropy.Length * 8 / 32;
        var hash = SHA256.HashData(entropy);
        var value = new BigInteger(entropy, isUnsigned: true, isBigEndian: true);
        value = (value << checksumBits) | (hash[0] >> (8 - checksumBits));
        var count = (entropy.Length * 8 + checksumBits) / 11;
        var words = new string[count];
        for (var i = count - 1; i >= 0; i--)
        {
            words[i] = list.Words[(int)(value & 2047)];
            value >>= 11;
        }

        return words;
    }

    /// <summary>Deterministic pseudo-random entropy of 16, 20, 24, 28 or 32 bytes.</summary>
    public static byte[] Entropy(int seed, int bytes)
    {
        var random = new Random(seed);
        var entropy = new byte[bytes];
        random.NextBytes(entropy);
        return entropy;
    }

    /// <summary>Changes the last word so the checksum no longer matches (keeps every word in the list).</summary>
    public static string[] BreakChecksum(string[] words, Bip39Wordlist list)
    {
        var broken = (string[])words.Clone();
        var last = list.Words.ToList().IndexOf(broken[^1]);
        broken[^1] = list.Words[(last + 1) % 2048];
        return broken;
    }
}

/// <summary>Base58Check encoding for building test keys (WIF, extended keys).</summary>
internal static class TestBase58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    public static string EncodeChecked(byte[] payload)
    {
        var checksum = SHA256.HashData(SHA256.HashData(payload));
        byte[] data = [.. payload, .. checksum[..4]];
        var value = new BigInteger(data, isUnsigned: true, isBigEndian: true);
        var chars = new List<char>();
        while (value > 0)
        {
            chars.Add(Alphabet[(int)(value % 58)]);
            value /= 58;
        }

        foreach (var b in data)
        {
            if (b != 0)
            {
                break;
            }

            chars.Add('1');
        }

        chars.Reverse();
        return new string([.. chars]);
    }

    public static string Wif(byte[] key, bool compressed, bool testnet = false)
    {
        byte version = testnet ? (byte)0xEF : (byte)0x80;
        return EncodeChecked(compressed ? [version, .. key, 0x01] : [version, .. key]);
    }
}

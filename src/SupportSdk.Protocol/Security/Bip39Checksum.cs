using System.Security.Cryptography;

namespace SupportSdk.Security;

/// <summary>The BIP39 checksum: a phrase of N words carries 11·N bits, the entropy (32·N/3 bits) followed by the
/// first N/3 bits of SHA-256(entropy).</summary>
internal static class Bip39Checksum
{
    /// <summary>Whether a word count is one BIP39 allows (12, 15, 18, 21 or 24).</summary>
    public static bool IsValidLength(int words) => words is 12 or 15 or 18 or 21 or 24;

    /// <summary>Checks the checksum of a phrase given as word indices (0–2047).</summary>
    public static bool IsValid(ReadOnlySpan<int> indices)
    {
        var count = indices.Length;
        if (!IsValidLength(count))
        {
            return false;
        }

        Span<byte> bits = stackalloc byte[33];
        bits.Clear();
        var bit = 0;
        foreach (var index in indices)
        {
            if ((uint)index > 2047)
            {
                return false;
            }

            for (var b = 10; b >= 0; b--, bit++)
            {
                if (((index >> b) & 1) != 0)
                {
                    bits[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                }
            }
        }

        var entropyBytes = count * 4 / 3;
        var checksumBits = count / 3;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bits[..entropyBytes], hash);
        var expected = hash[0] >> (8 - checksumBits);
        var actual = bits[entropyBytes] >> (8 - checksumBits);
        return expected == actual;
    }
}

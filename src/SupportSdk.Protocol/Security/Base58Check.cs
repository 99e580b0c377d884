using System.Security.Cryptography;

namespace SupportSdk.Security;

/// <summary>Base58 (Bitcoin alphabet) decoding and the Base58Check checksum: the last 4 bytes of the payload are
/// the first 4 bytes of SHA-256(SHA-256(rest)).</summary>
internal static class Base58Check
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly sbyte[] s_digits = BuildDigits();

    /// <summary>Whether every character is in the Base58 alphabet.</summary>
    public static bool IsBase58(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c >= 128 || s_digits[c] < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes Base58 text into <paramref name="output"/> and verifies the 4-byte checksum.</summary>
    /// <param name="text">Base58 text (at most 120 characters).</param>
    /// <param name="output">Receives the decoded bytes, checksum included.</param>
    /// <param name="written">The number of bytes decoded.</param>
    /// <returns><see langword="true"/> when the text decodes and its checksum matches.</returns>
    public static bool TryDecodeChecked(ReadOnlySpan<char> text, Span<byte> output, out int written)
    {
        written = 0;
        if (text.Length is 0 or > 120)
        {
            return false;
        }

        // Big-endian base-256 accumulator, filled from the right.
        Span<byte> number = stackalloc byte[96];
        number.Clear();
        var used = 0;
        foreach (var c in text)
        {
            var carry = c < 128 ? s_digits[c] : -1;
            if (carry < 0)
            {
                return false;
            }

            var k = 0;
            for (var p = number.Length - 1; p >= 0 && (carry != 0 || k < used); p--, k++)
            {
                carry += 58 * number[p];
                number[p] = (byte)(carry & 0xFF);
                carry >>= 8;
            }

            if (carry != 0)
            {
                return false;
            }

            used = k;
        }

        var leadingZeros = 0;
        while (leadingZeros < text.Length && text[leadingZeros] == '1')
        {
            leadingZeros++;
        }

        var total = leadingZeros + used;
        if (total < 5 || total > output.Length)
        {
            return false;
        }

        output[..leadingZeros].Clear();
        number[(number.Length - used)..].CopyTo(output[leadingZeros..]);
        written = total;

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(output[..(total - 4)], hash);
        SHA256.HashData(hash, hash);
        return hash[..4].SequenceEqual(output.Slice(total - 4, 4));
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            digits[Alphabet[i]] = (sbyte)i;
        }

        return digits;
    }
}

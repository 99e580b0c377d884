using System.Security.Cryptography;

namespace SupportSdk.Server.Http;

/// <summary>
/// Makes resource ids that sort by creation time (48-bit milliseconds + 80 random bits, Crockford base32, like a
/// ULID), so lists can page by id alone.
/// </summary>
internal static class Ids
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private static readonly System.Buffers.SearchValues<char> AlphabetChars = System.Buffers.SearchValues.Create(Alphabet);

    public static string New(string prefix, TimeProvider time)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        RandomNumberGenerator.Fill(bytes[6..]);
        Span<char> chars = stackalloc char[26];
        // 128 bits -> 26 base32 digits (the top digit carries 3 bits).
        var hi = ReadBigEndian(bytes[..8]);
        var lo = ReadBigEndian(bytes[8..]);
        var n = new UInt128(hi, lo);
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(n & 31)];
            n >>= 5;
        }

        return string.Concat(prefix, chars);
    }

    public static bool LooksValid(string? id, string prefix) =>
        id is not null && id.Length == prefix.Length + 26 && id.StartsWith(prefix, StringComparison.Ordinal)
        && id.AsSpan(prefix.Length).IndexOfAnyExcept(AlphabetChars) < 0;

    private static ulong ReadBigEndian(ReadOnlySpan<byte> b) => System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(b);
}

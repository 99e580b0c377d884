using System.Security.Cryptography;

namespace SupportSdk.Server.Http;

/// <summary>
/// Makes resource ids that sort by creation order (48-bit milliseconds + 80 random bits, Crockford base32, like a
/// monotonic ULID): within one millisecond the random part counts up, so lists can page by id alone and show
/// items in the order they were made on this node.
/// </summary>
internal static class Ids
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private static readonly System.Buffers.SearchValues<char> AlphabetChars = System.Buffers.SearchValues.Create(Alphabet);
    private static readonly UInt128 RandomMask = (UInt128.One << 80) - 1;
    private static readonly Lock Gate = new();
    private static ulong s_lastMs;
    private static UInt128 s_lastRandom;

    public static string New(string prefix, TimeProvider time)
    {
        var ms = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        UInt128 random;
        lock (Gate)
        {
            if (ms <= s_lastMs && s_lastRandom < RandomMask)
            {
                ms = s_lastMs;
                random = s_lastRandom + 1;
            }
            else
            {
                Span<byte> bytes = stackalloc byte[16];
                RandomNumberGenerator.Fill(bytes);
                random = new UInt128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..])) & RandomMask;
            }

            s_lastMs = ms;
            s_lastRandom = random;
        }

        var n = ((UInt128)ms << 80) | random;
        Span<char> chars = stackalloc char[26];
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
}

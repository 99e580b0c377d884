using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SupportSdk;

/// <summary>
/// The Standard Webhooks signature (standardwebhooks.com): <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of
/// "id.timestamp.body"&gt;</c> keyed with the base64 part of a <c>whsec_…</c> secret. Several signatures, separated by
/// spaces, are sent while a secret is being rotated; any one that matches verifies. Any Standard Webhooks library
/// verifies what the server sends.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the event id (the dedupe key).</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header that carries the send time, in Unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header that carries the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";

    /// <summary>A new random secret: <c>whsec_</c> and 32 random bytes in base64.</summary>
    /// <returns>The secret.</returns>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Signs one message.</summary>
    /// <param name="secret">The secret, with or without <c>whsec_</c>.</param>
    /// <param name="id">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> (Unix seconds).</param>
    /// <param name="body">The exact request body.</param>
    /// <returns>One signature, <c>v1,&lt;base64&gt;</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is not base64.</exception>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(id);
        return "v1," + Convert.ToBase64String(Mac(Key(secret), id, timestamp.ToString(CultureInfo.InvariantCulture), body));
    }

    /// <summary>Whether <paramref name="signatureHeader"/> holds a <c>v1</c> signature of the message by one of
    /// <paramref name="secrets"/> (compared in constant time). The caller checks the timestamp's age.</summary>
    /// <param name="secrets">The secrets that are valid now (two during a rotation).</param>
    /// <param name="id">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>, as sent.</param>
    /// <param name="signatureHeader">The <c>webhook-signature</c>, as sent.</param>
    /// <param name="body">The exact request body.</param>
    /// <returns><see langword="true"/> when a signature matches.</returns>
    /// <exception cref="ArgumentException">A secret is not base64.</exception>
    public static bool Matches(IEnumerable<string> secrets, string id, string timestamp, string signatureHeader, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(signatureHeader);
        var sent = new List<byte[]>();
        foreach (var part in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = part.IndexOf(',', StringComparison.Ordinal);
            var bytes = new byte[32];
            if (comma > 0 && part.AsSpan(0, comma).SequenceEqual("v1") && Convert.TryFromBase64String(part[(comma + 1)..], bytes, out var written) && written == 32)
            {
                sent.Add(bytes);
            }
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            var expected = Mac(Key(secret), id, timestamp, body);
            foreach (var candidate in sent)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }

    private static byte[] Key(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        try
        {
            return Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new ArgumentException("The webhook secret is not whsec_ followed by base64.", nameof(secret));
        }
    }

    private static byte[] Mac(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + timestamp + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, content);
    }
}

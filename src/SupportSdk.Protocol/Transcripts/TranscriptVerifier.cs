using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using SupportSdk.Channels;

namespace SupportSdk.Transcripts;

/// <summary>
/// Checks a <see cref="SignedTranscript"/> or a single <see cref="TranscriptMessage"/> against the exchange's pinned
/// channel public keys (base64 SubjectPublicKeyInfo; several during a rotation): genuine and complete, altered (and
/// at which message), or not signed by this exchange. Nothing is fetched: the pins are the trust.
/// </summary>
public static class TranscriptVerifier
{
    /// <summary>The largest document <see cref="Verify(string, IEnumerable{string})"/> reads (4 MiB of text).</summary>
    public const int MaxDocumentLength = 4 * 1024 * 1024;

    /// <summary>Checks a whole transcript: every message's hash, chain link and signature, then the envelope (count and head).</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="pinnedPublicKeysSpkiBase64">The pinned public keys.</param>
    /// <returns>The verification.</returns>
    public static TranscriptVerification Verify(SignedTranscript transcript, IEnumerable<string> pinnedPublicKeysSpkiBase64)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(pinnedPublicKeysSpkiBase64);
        var pins = pinnedPublicKeysSpkiBase64.ToArray();
        var messages = transcript.Messages ?? [];
        if (!string.Equals(transcript.Algorithm, ChannelManifestSigner.Es256, StringComparison.Ordinal) || string.IsNullOrEmpty(transcript.KeyId))
        {
            return Result(TranscriptVerdict.Untrusted, null, transcript.KeyId, messages.Count);
        }

        using var key = ChannelManifestSigner.FindPinnedKey(pins, transcript.KeyId);
        if (key is null)
        {
            return Result(TranscriptVerdict.Untrusted, null, transcript.KeyId, messages.Count);
        }

        var previous = string.Empty;
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if (m is null || m.Index != i || !string.Equals(m.Conversation, transcript.Conversation, StringComparison.Ordinal)
                || !string.Equals(m.Previous, previous, StringComparison.Ordinal) || !IsGenuine(m, pins))
            {
                return Result(TranscriptVerdict.Altered, i, transcript.KeyId, messages.Count);
            }

            previous = m.Hash;
        }

        if (!string.Equals(transcript.Head, previous, StringComparison.Ordinal) || !Verifies(key, TranscriptSigner.CanonicalBytes(transcript), transcript.Signature))
        {
            // Every message holds: the envelope was changed, or messages were cut from the end (its count no longer fits).
            return Result(TranscriptVerdict.Altered, string.Equals(transcript.Head, previous, StringComparison.Ordinal) ? null : messages.Count, transcript.KeyId, messages.Count);
        }

        return Result(TranscriptVerdict.Genuine, null, transcript.KeyId, messages.Count);
    }

    /// <summary>Checks one message on its own (e.g. forwarded): its hash and signature. Its place in the conversation is
    /// what it says it is, but only a whole transcript proves nothing is missing around it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="pinnedPublicKeysSpkiBase64">The pinned public keys.</param>
    /// <returns>The verification.</returns>
    public static TranscriptVerification Verify(TranscriptMessage message, IEnumerable<string> pinnedPublicKeysSpkiBase64)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(pinnedPublicKeysSpkiBase64);
        var pins = pinnedPublicKeysSpkiBase64.ToArray();
        using (var key = string.IsNullOrEmpty(message.KeyId) ? null : ChannelManifestSigner.FindPinnedKey(pins, message.KeyId))
        {
            if (key is null)
            {
                return Result(TranscriptVerdict.Untrusted, null, message.KeyId, 1);
            }
        }

        return Result(IsGenuine(message, pins) ? TranscriptVerdict.Genuine : TranscriptVerdict.Altered, IsGenuine(message, pins) ? null : 0, message.KeyId, 1);
    }

    /// <summary>
    /// Checks a document as a user would paste or upload it: the JSON of a transcript or of one message, or the HTML
    /// page the server renders (which embeds the signed JSON). Anything else is <see cref="TranscriptVerdict.Untrusted"/>.
    /// </summary>
    /// <param name="document">The document's text.</param>
    /// <param name="pinnedPublicKeysSpkiBase64">The pinned public keys.</param>
    /// <returns>The verification.</returns>
    public static TranscriptVerification Verify(string document, IEnumerable<string> pinnedPublicKeysSpkiBase64)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(pinnedPublicKeysSpkiBase64);
        if (document.Length > MaxDocumentLength || Extract(document) is not { } json)
        {
            return Result(TranscriptVerdict.Untrusted, null, null, 0);
        }

        try
        {
            using var parsed = JsonDocument.Parse(json);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Result(TranscriptVerdict.Untrusted, null, null, 0);
            }

            if (parsed.RootElement.TryGetProperty("messages", out _))
            {
                return parsed.RootElement.Deserialize(TranscriptsJsonContext.Default.SignedTranscript) is { } transcript
                    ? Verify(transcript, pinnedPublicKeysSpkiBase64)
                    : Result(TranscriptVerdict.Untrusted, null, null, 0);
            }

            return parsed.RootElement.TryGetProperty("hash", out _) && parsed.RootElement.Deserialize(TranscriptsJsonContext.Default.TranscriptMessage) is { } message
                ? Verify(message, pinnedPublicKeysSpkiBase64)
                : Result(TranscriptVerdict.Untrusted, null, null, 0);
        }
        catch (JsonException)
        {
            return Result(TranscriptVerdict.Untrusted, null, null, 0);
        }
    }

    /// <summary>The element id of the script block in which the HTML transcript carries its signed JSON.</summary>
    public const string HtmlScriptId = "signed-transcript";

    private static string? Extract(string document)
    {
        var trimmed = document.AsSpan().Trim();
        if (trimmed.StartsWith("{"))
        {
            return trimmed.ToString();
        }

        // <script type="application/json" id="signed-transcript">…</script>; the JSON inside escapes '<' as \u003c.
        var marker = document.IndexOf("id=\"" + HtmlScriptId + "\"", StringComparison.Ordinal);
        var start = marker < 0 ? -1 : document.IndexOf('>', marker);
        var end = start < 0 ? -1 : document.IndexOf("</script>", start, StringComparison.OrdinalIgnoreCase);
        return end < 0 ? null : document[(start + 1)..end];
    }

    private static bool IsGenuine(TranscriptMessage m, string[] pins)
    {
        byte[] bytes;
        try
        {
            bytes = TranscriptSigner.CanonicalBytes(m);
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), m.Hash, StringComparison.Ordinal) || string.IsNullOrEmpty(m.KeyId))
        {
            return false;
        }

        using var key = ChannelManifestSigner.FindPinnedKey(pins, m.KeyId);
        return key is not null && Verifies(key, bytes, m.Signature);
    }

    private static bool Verifies(ECDsa key, byte[] bytes, string? signature)
    {
        byte[] raw;
        try
        {
            raw = Base64Url.DecodeFromChars(signature ?? string.Empty);
        }
        catch (FormatException)
        {
            return false;
        }

        return raw.Length == 64 && key.VerifyData(bytes, raw, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static TranscriptVerification Result(TranscriptVerdict verdict, int? message, string? keyId, int count) =>
        new() { Verdict = verdict, Message = message, KeyId = string.IsNullOrEmpty(keyId) ? null : keyId, Messages = count };
}

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
public static partial class TranscriptVerifier
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
            // Every message holds: the envelope was changed, messages were cut from the end (the first missing one is
            // at the count), or later messages were added (the first after the signed head).
            int? at = null;
            if (!string.Equals(transcript.Head, previous, StringComparison.Ordinal))
            {
                var head = -1;
                for (var i = 0; i < messages.Count && head < 0; i++)
                {
                    head = string.Equals(messages[i].Hash, transcript.Head, StringComparison.Ordinal) ? i : -1;
                }

                at = head >= 0 ? head + 1 : messages.Count;
            }

            return Result(TranscriptVerdict.Altered, at, transcript.KeyId, messages.Count);
        }

        return new TranscriptVerification { Verdict = TranscriptVerdict.Genuine, KeyId = transcript.KeyId, Messages = messages.Count, Verified = messages };
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

        return IsGenuine(message, pins)
            ? new TranscriptVerification { Verdict = TranscriptVerdict.Genuine, KeyId = message.KeyId, Messages = 1, Verified = [message] }
            : Result(TranscriptVerdict.Altered, 0, message.KeyId, 1);
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
            // Exact names, no duplicates: what a JSON viewer shows is what was verified.
            using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Result(TranscriptVerdict.Untrusted, null, null, 0);
            }

            if (parsed.RootElement.TryGetProperty("messages", out _))
            {
                if (parsed.RootElement.Deserialize(Strict.SignedTranscript) is not { } transcript)
                {
                    return Result(TranscriptVerdict.Untrusted, null, null, 0);
                }

                var verification = Verify(transcript, pinnedPublicKeysSpkiBase64);
                return verification.Verdict == TranscriptVerdict.Genuine && !document.AsSpan().TrimStart().StartsWith("{") && FirstShownDifferently(document, transcript.Messages) is { } shown
                    ? Result(TranscriptVerdict.Altered, shown, transcript.KeyId, transcript.Messages.Count)
                    : verification;
            }

            return parsed.RootElement.TryGetProperty("hash", out _) && parsed.RootElement.Deserialize(Strict.TranscriptMessage) is { } message
                ? Verify(message, pinnedPublicKeysSpkiBase64)
                : Result(TranscriptVerdict.Untrusted, null, null, 0);
        }
        catch (JsonException)
        {
            return Result(TranscriptVerdict.Untrusted, null, null, 0);
        }
    }

    private static readonly TranscriptsJsonContext Strict = new(new JsonSerializerOptions(TranscriptsJsonContext.Default.Options)
    {
        PropertyNameCaseInsensitive = false,
        AllowDuplicateProperties = false,
    });

    /// <summary>
    /// For the server's HTML page: the index of the first message whose visible role, author or text differs from
    /// the signed one (or where the page shows more or fewer messages), null when the page shows exactly what was
    /// signed. The signed JSON in the page proves nothing about the words around it otherwise.
    /// </summary>
    private static int? FirstShownDifferently(string html, IReadOnlyList<TranscriptMessage> signed)
    {
        var shown = VisibleMessage().Matches(html);
        for (var i = 0; i < Math.Max(shown.Count, signed.Count); i++)
        {
            if (i >= shown.Count || i >= signed.Count)
            {
                return i;
            }

            var m = shown[i];
            var who = System.Net.WebUtility.HtmlDecode(m.Groups["who"].Value);
            if (!string.Equals(m.Groups["role"].Value, signed[i].Role, StringComparison.Ordinal)
                || !string.Equals(System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value), signed[i].Text, StringComparison.Ordinal)
                || !(signed[i].Author.Length == 0 || who.StartsWith(signed[i].Author + " (", StringComparison.Ordinal)))
            {
                return i;
            }
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<div class=\"m (?<role>[a-z]+)\" data-index=\"\\d+\"><span class=\"who\">(?<who>[^<]*)</span><span class=\"at\">[^<]*</span><p class=\"text\">(?<text>[^<]*)</p></div>")]
    private static partial System.Text.RegularExpressions.Regex VisibleMessage();

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

using System.Buffers.Text;
using System.Security.Cryptography;
using SupportSdk.Channels;

namespace SupportSdk.Transcripts;

/// <summary>
/// Signs conversations as <see cref="SignedTranscript"/>s with ES256 (ECDSA P-256, SHA-256) — the key family of the
/// official-channel manifest — and defines the canonical bytes that are hashed and signed (the same RFC 8785-style
/// encoding as <see cref="ChannelManifestSigner.CanonicalBytes"/>: no whitespace, keys in ordinal order, UTC
/// timestamps).
/// </summary>
public static class TranscriptSigner
{
    /// <summary>A message's canonical bytes: <c>{"author","conversation","id","index","previous","role","sentAt","text"}</c>.
    /// Its <see cref="TranscriptMessage.Hash"/> is SHA-256 of these bytes, and its signature is over them.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="ArgumentException">A string holds an unpaired surrogate.</exception>
    public static byte[] CanonicalBytes(TranscriptMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new CanonicalJson().Raw('{')
            .Key("author", first: true).String(message.Author ?? string.Empty)
            .Key("conversation").String(message.Conversation ?? string.Empty)
            .Key("id").String(message.Id ?? string.Empty)
            .Key("index").Number(message.Index)
            .Key("previous").String(message.Previous ?? string.Empty)
            .Key("role").String(message.Role ?? string.Empty)
            .Key("sentAt").Timestamp(message.SentAt)
            .Key("text").String(message.Text ?? string.Empty)
            .Raw('}').ToUtf8();
    }

    /// <summary>The envelope's canonical bytes: <c>{"conversation","count","head","issuedAt","keyId","kind","locale","subject"}</c>.</summary>
    /// <param name="transcript">The transcript.</param>
    /// <returns>The canonical UTF-8 bytes.</returns>
    /// <exception cref="ArgumentException">A string holds an unpaired surrogate.</exception>
    public static byte[] CanonicalBytes(SignedTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        return new CanonicalJson().Raw('{')
            .Key("conversation", first: true).String(transcript.Conversation ?? string.Empty)
            .Key("count").Number(transcript.Messages?.Count ?? 0)
            .Key("head").String(transcript.Head ?? string.Empty)
            .Key("issuedAt").Timestamp(transcript.IssuedAt)
            .Key("keyId").String(transcript.KeyId ?? string.Empty)
            .Key("kind").String(transcript.Kind ?? string.Empty)
            .Key("locale").String(transcript.Locale ?? string.Empty)
            .Key("subject").String(transcript.Subject ?? string.Empty)
            .Raw('}').ToUtf8();
    }

    /// <summary>
    /// Signs a conversation. Of each message only <see cref="TranscriptMessage.Id"/>, <see cref="TranscriptMessage.Role"/>,
    /// <see cref="TranscriptMessage.Author"/>, <see cref="TranscriptMessage.Text"/> and <see cref="TranscriptMessage.SentAt"/>
    /// are read; the rest (conversation, index, chain, key id, signature) is filled in.
    /// </summary>
    /// <param name="header">The conversation, kind, subject and locale (its messages, head and signature are ignored).</param>
    /// <param name="messages">The messages, oldest first.</param>
    /// <param name="privateKey">A P-256 private key.</param>
    /// <param name="issuedAt">The signing time.</param>
    /// <returns>The signed transcript.</returns>
    /// <exception cref="ArgumentException">The key is not P-256, or a text holds an unpaired surrogate.</exception>
    public static SignedTranscript Sign(SignedTranscript header, IEnumerable<TranscriptMessage> messages, ECDsa privateKey, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!ChannelManifestSigner.IsP256(privateKey))
        {
            throw new ArgumentException("ES256 needs a NIST P-256 key.", nameof(privateKey));
        }

        var keyId = ChannelManifestSigner.KeyIdOf(privateKey);
        var signed = new List<TranscriptMessage>();
        var previous = string.Empty;
        foreach (var m in messages)
        {
            var message = new TranscriptMessage
            {
                Conversation = header.Conversation,
                Index = signed.Count,
                Id = m.Id,
                Role = m.Role,
                Author = m.Author,
                Text = m.Text,
                SentAt = Seconds(m.SentAt),
                Previous = previous,
                KeyId = keyId,
            };
            var bytes = CanonicalBytes(message);
            previous = Convert.ToHexStringLower(SHA256.HashData(bytes));
            signed.Add(new TranscriptMessage
            {
                Conversation = message.Conversation, Index = message.Index, Id = message.Id, Role = message.Role, Author = message.Author,
                Text = message.Text, SentAt = message.SentAt, Previous = message.Previous, KeyId = keyId, Hash = previous, Signature = SignBytes(bytes, privateKey),
            });
        }

        var transcript = new SignedTranscript
        {
            Conversation = header.Conversation,
            Kind = header.Kind,
            Subject = header.Subject,
            Locale = header.Locale,
            IssuedAt = Seconds(issuedAt),
            KeyId = keyId,
            Messages = signed,
            Head = previous,
        };
        return new SignedTranscript
        {
            Conversation = transcript.Conversation, Kind = transcript.Kind, Subject = transcript.Subject, Locale = transcript.Locale,
            IssuedAt = transcript.IssuedAt, KeyId = keyId, Messages = signed, Head = previous, Signature = SignBytes(CanonicalBytes(transcript), privateKey),
        };
    }

    private static string SignBytes(byte[] bytes, ECDsa key) =>
        Base64Url.EncodeToString(key.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    // Whole seconds survive every JSON round trip unchanged.
    private static DateTimeOffset Seconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds() / 1000 * 1000);
}

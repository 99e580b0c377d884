namespace SupportSdk.Transcripts;

/// <summary>
/// A ticket's or chat's conversation as the exchange signed it: every message carries the hash of the one before it
/// and its own signature (so a single forwarded message can be checked alone), and the envelope signs how many
/// messages there are and the last hash (so none can be removed from the end). Check it with
/// <see cref="TranscriptVerifier"/> against the exchange's pinned channel keys.
/// </summary>
public sealed class SignedTranscript
{
    /// <summary>Gets the ticket or chat id.</summary>
    /// <value>E.g. <c>tkt_…</c> or <c>chat_…</c>.</value>
    public string Conversation { get; init; } = string.Empty;

    /// <summary>Gets what the conversation is.</summary>
    /// <value><c>ticket</c> or <c>chat</c>.</value>
    public string Kind { get; init; } = string.Empty;

    /// <summary>Gets the ticket's subject or the chat's topic.</summary>
    /// <value>The subject, or empty.</value>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Gets the customer's language.</summary>
    /// <value>A BCP 47 tag, e.g. <c>en</c> or <c>zh-CN</c>.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets when the transcript was signed.</summary>
    /// <value>The time.</value>
    public DateTimeOffset IssuedAt { get; init; }

    /// <summary>Gets the signing key's id (<see cref="Channels.ChannelManifestSigner.KeyIdOf"/>).</summary>
    /// <value>16 hex characters.</value>
    public string KeyId { get; init; } = string.Empty;

    /// <summary>Gets the signature algorithm.</summary>
    /// <value>Always <c>ES256</c>.</value>
    public string Algorithm { get; init; } = Channels.ChannelManifestSigner.Es256;

    /// <summary>Gets the messages, oldest first.</summary>
    /// <value>The messages.</value>
    public IReadOnlyList<TranscriptMessage> Messages { get; init; } = [];

    /// <summary>Gets the hash of the last message (empty when there are none).</summary>
    /// <value>64 hex characters, or empty.</value>
    public string Head { get; init; } = string.Empty;

    /// <summary>Gets the envelope's signature (base64url, IEEE P1363) over conversation, kind, subject, locale, issue
    /// time, key id, message count and head.</summary>
    /// <value>The signature.</value>
    public string Signature { get; init; } = string.Empty;
}

/// <summary>One signed message of a <see cref="SignedTranscript"/>; verifiable on its own.</summary>
public sealed class TranscriptMessage
{
    /// <summary>Gets the ticket or chat the message belongs to.</summary>
    /// <value>The conversation id.</value>
    public string Conversation { get; init; } = string.Empty;

    /// <summary>Gets the message's position in the conversation, from 0.</summary>
    /// <value>The index.</value>
    public int Index { get; init; }

    /// <summary>Gets the message id.</summary>
    /// <value>The id.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets who wrote it.</summary>
    /// <value><c>customer</c>, <c>agent</c>, <c>bot</c> or <c>system</c>.</value>
    public string Role { get; init; } = string.Empty;

    /// <summary>Gets the author's display name.</summary>
    /// <value>The name.</value>
    public string Author { get; init; } = string.Empty;

    /// <summary>Gets the text as support stored it (secrets appear redacted).</summary>
    /// <value>The text.</value>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets when it was sent.</summary>
    /// <value>The time.</value>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>Gets the hash of the message before it (empty for the first).</summary>
    /// <value>64 hex characters, or empty.</value>
    public string Previous { get; init; } = string.Empty;

    /// <summary>Gets SHA-256 (hex) of <see cref="TranscriptSigner.CanonicalBytes(TranscriptMessage)"/>.</summary>
    /// <value>64 hex characters.</value>
    public string Hash { get; init; } = string.Empty;

    /// <summary>Gets the signing key's id.</summary>
    /// <value>16 hex characters.</value>
    public string KeyId { get; init; } = string.Empty;

    /// <summary>Gets the signature (ES256, base64url, IEEE P1363) over the same canonical bytes.</summary>
    /// <value>The signature.</value>
    public string Signature { get; init; } = string.Empty;
}

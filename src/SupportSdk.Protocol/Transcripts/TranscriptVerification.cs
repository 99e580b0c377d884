using System.Text.Json.Serialization;

namespace SupportSdk.Transcripts;

/// <summary>What <see cref="TranscriptVerifier"/> found.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TranscriptVerdict>))]
public enum TranscriptVerdict
{
    /// <summary>Signed by a pinned key, complete and unchanged.</summary>
    [JsonStringEnumMemberName("genuine")]
    Genuine,

    /// <summary>Signed by a pinned key, but a message was changed, removed, added or moved since.</summary>
    [JsonStringEnumMemberName("altered")]
    Altered,

    /// <summary>Not signed by any pinned key: not from this exchange (or not a transcript at all).</summary>
    [JsonStringEnumMemberName("untrusted")]
    Untrusted,
}

/// <summary>The outcome of a transcript or message check.</summary>
public sealed class TranscriptVerification
{
    /// <summary>Gets the verdict.</summary>
    /// <value>The verdict.</value>
    public TranscriptVerdict Verdict { get; init; }

    /// <summary>Gets the index of the first message that fails (a changed one, or where one is missing), when known.</summary>
    /// <value>The index, or <see langword="null"/>.</value>
    public int? Message { get; init; }

    /// <summary>Gets the signing key's id as the transcript names it.</summary>
    /// <value>The key id, or <see langword="null"/>.</value>
    public string? KeyId { get; init; }

    /// <summary>Gets the number of messages checked.</summary>
    /// <value>The count.</value>
    public int Messages { get; init; }

    /// <summary>Gets what the exchange signed, when genuine: show these (with who wrote each) rather than the document's
    /// own rendering, which a forger controls. A customer's words are signed too, as the customer's.</summary>
    /// <value>The verified messages; empty unless <see cref="Verdict"/> is <see cref="TranscriptVerdict.Genuine"/>.</value>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<TranscriptMessage> Verified { get; init; } = [];
}

/// <summary>Wire names of <see cref="TranscriptVerdict"/>.</summary>
public static class TranscriptWireNames
{
    /// <summary>The wire name: <c>genuine</c>, <c>altered</c> or <c>untrusted</c>.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <returns>The wire name.</returns>
    public static string ToWireName(this TranscriptVerdict verdict) => verdict switch
    {
        TranscriptVerdict.Genuine => "genuine",
        TranscriptVerdict.Altered => "altered",
        TranscriptVerdict.Untrusted => "untrusted",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };
}

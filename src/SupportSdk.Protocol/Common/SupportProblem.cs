using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>An RFC 9457 problem document as the Support API sends it (<c>application/problem+json</c>).</summary>
public sealed class SupportProblem
{
    /// <summary>Gets the problem type URI.</summary>
    /// <value>A URI naming the problem type.</value>
    public string Type { get; init; } = "about:blank";

    /// <summary>Gets a short human summary.</summary>
    /// <value>The title.</value>
    public string Title { get; init; } = string.Empty;

    /// <summary>Gets the HTTP status code.</summary>
    /// <value>The status.</value>
    public int Status { get; init; }

    /// <summary>Gets a human explanation of this occurrence.</summary>
    /// <value>The detail, or <see langword="null"/>.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }

    /// <summary>Gets the stable machine-readable error code (see <see cref="ErrorCodes"/>).</summary>
    /// <value>The code.</value>
    public string Code { get; init; } = string.Empty;

    /// <summary>Gets the id of the request, also sent as the <c>X-Request-Id</c> header.</summary>
    /// <value>The request id.</value>
    public string RequestId { get; init; } = string.Empty;

    /// <summary>Gets the invalid fields and what is wrong with each, for <see cref="ErrorCodes.ValidationFailed"/>.</summary>
    /// <value>Field name (camelCase path) to messages, or <see langword="null"/>.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Gets where secrets were found, for <see cref="ErrorCodes.SensitiveDataBlocked"/> (never the secrets themselves).</summary>
    /// <value>The findings, or <see langword="null"/>.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SensitiveFinding>? Findings { get; init; }

    /// <summary>Gets the messages added since the caller's view, for <see cref="ErrorCodes.StaleView"/>.</summary>
    /// <value>The new messages, oldest first, or <see langword="null"/>.</value>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TicketMessage>? Messages { get; init; }
}

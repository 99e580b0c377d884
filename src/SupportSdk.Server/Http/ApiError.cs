namespace SupportSdk.Server.Http;

/// <summary>
/// A request the server refuses on purpose. Thrown by endpoint code and turned into an RFC 9457 problem response
/// with a stable <c>code</c> by <see cref="SupportEndpointFilter"/>. The message must never contain a secret.
/// </summary>
internal sealed class ApiError : Exception
{
    public ApiError(int status, string code, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(title)
    {
        Status = status;
        Code = code;
        Detail = detail;
        Errors = errors;
    }

    public int Status { get; }

    public string Code { get; }

    public string? Detail { get; }

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public TimeSpan? RetryAfter { get; init; }

    public IReadOnlyList<SensitiveFinding>? Findings { get; init; }

    /// <summary>Gets the messages a stale view missed (<see cref="ErrorCodes.StaleView"/>).</summary>
    public IReadOnlyList<TicketMessage>? Messages { get; init; }

    public static ApiError Validation(string field, string message) =>
        new(400, ErrorCodes.ValidationFailed, "The request is not valid.", message,
            new Dictionary<string, string[]> { [field] = [message] });

    public static ApiError InvalidCharacters(string field) =>
        new(400, ErrorCodes.InvalidCharacters, "The request holds characters that are not allowed.",
            "Control characters and bidirectional overrides (U+202A–U+202E, U+2066–U+2069) are not allowed here.",
            new Dictionary<string, string[]> { [field] = ["Remove control characters and bidirectional overrides."] });

    public static ApiError TicketNotFound() =>
        new(404, ErrorCodes.TicketNotFound, "The ticket does not exist.");

    public static ApiError Query(string parameter, string message) =>
        new(400, ErrorCodes.InvalidQuery, "A query parameter is not valid.", message,
            new Dictionary<string, string[]> { [parameter] = [message] });
}

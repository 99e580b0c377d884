using System.Net;

namespace SupportSdk;

/// <summary>
/// The Support API refused or failed a request, or could not be reached. Branch on <see cref="Status"/> and
/// <see cref="ErrorCode"/> (the server's stable <c>code</c>, see <see cref="ErrorCodes"/>), never on the message.
/// </summary>
public class SupportApiException : Exception
{
    /// <summary>The <see cref="ErrorCode"/> when the server could not be reached or did not answer in time.</summary>
    public const string TransportErrorCode = "transport_error";

    /// <summary>The <see cref="ErrorCode"/> when the total timeout ran out.</summary>
    public const string TimeoutErrorCode = "timeout";

    /// <summary>The <see cref="ErrorCode"/> when the circuit breaker is open and the call was not attempted.</summary>
    public const string CircuitOpenErrorCode = "circuit_open";

    /// <summary>The <see cref="ErrorCode"/> when the server's answer could not be read: not the JSON this SDK expects,
    /// empty where a body belongs, or larger than the SDK reads (64 MB).</summary>
    public const string InvalidResponseErrorCode = "invalid_response";

    /// <summary>The <see cref="ErrorCode"/> when the server closed a chat connection because it refused a frame the
    /// session sent (close code 4400).</summary>
    public const string InvalidFrameErrorCode = "invalid_frame";

    /// <summary>The start of the <see cref="ErrorCode"/> of a refusal that named no code (a proxy's error page, say),
    /// followed by the HTTP status: <c>http_502</c>.</summary>
    public const string HttpStatusErrorCodePrefix = "http_";

    /// <summary>Initializes a new instance with a message.</summary>
    public SupportApiException()
        : this("The Support API request failed.")
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message; it must never contain a secret.</param>
    public SupportApiException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance with a message and cause.</summary>
    /// <param name="message">The message; it must never contain a secret.</param>
    /// <param name="innerException">The cause.</param>
    public SupportApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        ErrorCode = string.Empty;
    }

    /// <summary>Initializes a new instance describing a failed response or transport failure.</summary>
    /// <param name="message">The message; it must never contain a secret.</param>
    /// <param name="status">The HTTP status, or 0 when there was no response.</param>
    /// <param name="errorCode">The stable error code.</param>
    /// <param name="requestId">The request id.</param>
    /// <param name="innerException">The cause, if any.</param>
    public SupportApiException(string message, int status, string errorCode, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        RequestId = requestId;
    }

    /// <summary>Gets the HTTP status code.</summary>
    /// <value>The status, or 0 when no response was received.</value>
    public int Status { get; }

    /// <summary>Gets the stable error code.</summary>
    /// <value>A value of <see cref="ErrorCodes"/>, one of this class's constants for client-side failures, or
    /// <see cref="HttpStatusErrorCodePrefix"/> and the status when the server named none.</value>
    public string ErrorCode { get; }

    /// <summary>Gets the id of the request, to quote to support.</summary>
    /// <value>The <c>X-Request-Id</c>, or <see langword="null"/>.</value>
    public string? RequestId { get; }

    /// <summary>Gets how long the server asked the caller to wait.</summary>
    /// <value>The <c>Retry-After</c> delay, or <see langword="null"/>.</value>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the problem document the server sent.</summary>
    /// <value>The parsed problem, or <see langword="null"/> when the body was not one.</value>
    public SupportProblem? Problem { get; init; }

    /// <summary>Gets the raw response body, even when it could not be parsed (at most 64 KiB).</summary>
    /// <value>The body, or <see langword="null"/>.</value>
    public string? RawBody { get; init; }

    /// <summary>Gets whether retrying later may succeed: 408, 429, 5xx but 501 and 505, a 409 with <see cref="RetryAfter"/>
    /// (the same call still in flight), and no answer because of a transport error, a timeout or an open circuit. The
    /// SDK's retry strategy retries by the same rule.</summary>
    /// <value><see langword="true"/> when transient.</value>
    public bool IsTransient => Status == 0
        ? Core.TransientFailures.IsTransient(ErrorCode)
        : Core.TransientFailures.IsTransient((HttpStatusCode)Status, RetryAfter is not null);

    /// <summary>Gets the HTTP status as an enum.</summary>
    /// <value>The status code.</value>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status;
}

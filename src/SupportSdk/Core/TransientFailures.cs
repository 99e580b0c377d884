using System.Net;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SupportSdk.Core;

/// <summary>
/// The one rule of what may succeed if tried again, used by the retry strategy, the circuit breaker and
/// <see cref="SupportApiException.IsTransient"/> alike: 408, 429 and 5xx (but not 501 or 505); a 409 that carries
/// <c>Retry-After</c> (an earlier attempt of the same call, same <c>Idempotency-Key</c>, still in flight); and no
/// answer at all because of a transport error, a timeout or an open circuit. Never a TLS or certificate failure
/// (<see cref="SecureChannelException"/>), a response too large to read, or the caller's own cancellation.
/// </summary>
internal static class TransientFailures
{
    /// <summary>An answer from the server, by status and whether it said when to come back.</summary>
    public static bool IsTransient(HttpStatusCode status, bool hasRetryAfter) => status switch
    {
        HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests => true,
        HttpStatusCode.Conflict => hasRetryAfter,
        HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported => false,
        _ => (int)status is >= 500 and < 600,
    };

    /// <summary>A call that got no answer, by the error code <see cref="ErrorCodeOf"/> gave it.</summary>
    public static bool IsTransient(string errorCode) =>
        errorCode is SupportApiException.TransportErrorCode or SupportApiException.TimeoutErrorCode or SupportApiException.CircuitOpenErrorCode;

    /// <summary>
    /// The <see cref="SupportApiException.ErrorCode"/> of an attempt or call that ended in <paramref name="exception"/>
    /// rather than an answer; <see langword="null"/> for anything that is not a failure to get an answer (a
    /// <see cref="SecureChannelException"/>, a bug). The caller's own cancellation is told apart before this is asked.
    /// </summary>
    public static string? ErrorCodeOf(Exception exception) => exception switch
    {
        BrokenCircuitException => SupportApiException.CircuitOpenErrorCode,
        TimeoutRejectedException => SupportApiException.TimeoutErrorCode,
        HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } => SupportApiException.InvalidResponseErrorCode,
        HttpRequestException or IOException or OperationCanceledException => SupportApiException.TransportErrorCode,
        _ => null,
    };
}

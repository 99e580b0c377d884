using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SupportSdk.Telemetry;

namespace SupportSdk.Http;

/// <summary>
/// Pipeline stage 5 (innermost before the transport): logs and measures each attempt. Only the method, the path (never
/// the query, which can carry what a user typed), the status and the time are recorded: no header, token or body.
/// </summary>
internal sealed partial class DiagnosticsHandler(ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var method = request.Method.Method;
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var status = (int)response.StatusCode;
            SupportTelemetry.RecordAttempt(method, status, elapsed);
            if (status >= 400)
            {
                LogAttemptFailed(logger, method, path, status, elapsed);
            }
            else
            {
                LogAttempt(logger, method, path, status, elapsed);
            }

            return response;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            SupportTelemetry.RecordAttempt(method, 0, elapsed);
            LogAttemptError(logger, method, path, e.GetType().Name, elapsed);
            throw;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAttempt(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAttemptFailed(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Method} {Path} failed with {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogAttemptError(ILogger logger, string method, string path, string exceptionType, double elapsedMs);
}

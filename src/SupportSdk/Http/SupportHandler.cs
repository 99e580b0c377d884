using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Polly;
using SupportSdk.Security;
using SupportSdk.Telemetry;

namespace SupportSdk.Http;

/// <summary>
/// The SDK's pipeline as one handler, in this order: secure channel (the URL is checked before any connection) →
/// request identity (<c>X-Request-Id</c>, and an <c>Idempotency-Key</c> on every POST, the same on every attempt) →
/// resilience (the call's total timeout, then the Polly pipeline: retry and circuit breaker) → per attempt: the
/// attempt timeout, authentication (bearer; on a 401 one refresh and one repeat), diagnostics (log and metrics, never
/// a header, token or body), the inner handler, the redirect check, and the body read to the end into a pooled buffer.
/// One handler rather than a <see cref="DelegatingHandler"/> per stage for speed only: every stage that acts after the
/// answer is an async frame that allocates when it waits on a socket, and one more per attempt (authentication apart
/// from diagnostics) measured +130 B per call, 7,734 B per ticket GET over loopback, 1.26x the raw floor against the
/// 1.25x target (RESULTS.md, "Shortcuts kept for speed").
/// </summary>
internal sealed partial class SupportHandler(SecureChannelPolicy policy, CertificatePinning? pinning, ResilienceSetup resilience,
    SupportCredential credential, ILogger logger) : DelegatingHandler
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string RequestIdHeader = "X-Request-Id";

    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("SupportSdk.Request");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        policy.CheckRequest(request.RequestUri);
        AddIdentity(request);
        var total = TimeoutSource.Start(resilience.TotalTimeout, resilience.Time, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(total.Token);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await resilience.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendAttemptAsync(
                    // A request message may be sent only once by an HttpClient transport: later attempts send a copy
                    // that shares the (buffered) content, headers and options, so the bytes stay identical.
                    state.Attempts.Value++ == 0 ? state.Request : RequestCopy.Clone(state.Request), ctx.CancellationToken)),
                context,
                (Handler: this, Request: request, Attempts: new StrongBox<int>())).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (total.Expired(cancellationToken))
        {
            throw total.Rejected("The call", e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            total.Return();
        }
    }

    private static void AddIdentity(HttpRequestMessage request)
    {
        if (!request.Headers.Contains(RequestIdHeader))
        {
            request.Headers.TryAddWithoutValidation(RequestIdHeader, string.Create(36, Guid.NewGuid(), static (span, id) =>
            {
                "req_".CopyTo(span);
                id.TryFormat(span[4..], out _, "N");
            }));
        }

        if (request.Method == HttpMethod.Post && !request.Headers.Contains(IdempotencyKeyHeader))
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, Guid.NewGuid().ToString());
        }
    }

    /// <summary>
    /// One attempt, body included: the response is read to the end inside the attempt, so a connection cut in the
    /// middle of a body is a failed attempt (retried like any transport error), never an error after the call returned.
    /// </summary>
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken callToken)
    {
        var attempt = TimeoutSource.Start(resilience.AttemptTimeout, resilience.Time, callToken);
        var cancellationToken = attempt.Token;
        try
        {
            var token = await credential.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token.Length > 0)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            HttpResponseMessage response;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
                {
                    if (Failed(request, e, start) is { } insecure)
                    {
                        throw insecure;
                    }

                    throw;
                }

                Answered(request, response, start);

                if (response.StatusCode != HttpStatusCode.Unauthorized || token.Length == 0)
                {
                    break;
                }

                var fresh = await credential.RefreshTokenAsync(token, cancellationToken).ConfigureAwait(false);
                if (fresh is null || string.Equals(fresh, token, StringComparison.Ordinal))
                {
                    break;
                }

                response.Dispose();
                token = string.Empty; // one refresh per attempt: a second 401 is the answer
                request = RequestCopy.Clone(request);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
            }

            try
            {
                CheckRedirect(request, response);
                return await BufferedBody.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        catch (OperationCanceledException e) when (attempt.Expired(callToken))
        {
            throw attempt.Rejected("The attempt", e);
        }
        finally
        {
            attempt.Return();
        }
    }

    /// <summary>Logs and measures an attempt that got an answer.</summary>
    private void Answered(HttpRequestMessage request, HttpResponseMessage response, long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        var status = (int)response.StatusCode;
        SupportTelemetry.RecordAttempt(request.Method.Method, status, elapsed);
#pragma warning disable CA1873 // guarded by IsEnabled: CA1873 does not see a guard on a primary-constructor logger
        if (status >= 400)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                LogAttemptFailed(logger, request.Method.Method, Path(request), status, elapsed);
            }
        }
        else if (logger.IsEnabled(LogLevel.Debug))
        {
            LogAttempt(logger, request.Method.Method, Path(request), status, elapsed); // the path is built only for a log that is written
        }
#pragma warning restore CA1873
    }

    /// <summary>Logs and measures an attempt that failed; returns the <see cref="SecureChannelException"/> a TLS failure becomes.</summary>
    private SecureChannelException? Failed(HttpRequestMessage request, Exception e, long start)
    {
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        SupportTelemetry.RecordAttempt(request.Method.Method, 0, elapsed);
        if (logger.IsEnabled(LogLevel.Warning))
        {
            LogAttemptError(logger, request.Method.Method, Path(request), e.GetType().Name, elapsed);
        }

        return e is HttpRequestException && FindTlsFailure(request, e) is { } failure ? new SecureChannelException(failure, Describe(failure), e) : null;
    }

    /// <summary>Only the path is logged, never the query (it can carry what a user typed).</summary>
    private static string Path(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? string.Empty;

    /// <summary>The SDK never follows a redirect, and refuses one to another host outright.</summary>
    private void CheckRedirect(HttpRequestMessage request, HttpResponseMessage response)
    {
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (!string.Equals(target.IdnHost, policy.Endpoint.IdnHost, StringComparison.OrdinalIgnoreCase) || target.Port != policy.Endpoint.Port)
            {
                throw new SecureChannelException(SecureChannelFailure.RedirectToAnotherHost,
                    $"The server redirected to another host ('{target.IdnHost}'); the SDK never follows it.");
            }
        }
    }

    private SecureChannelFailure? FindTlsFailure(HttpRequestMessage request, Exception e)
    {
        if (pinning is not null && pinning.TryTakeFailure(request.RequestUri!.IdnHost, out var failure))
        {
            return failure;
        }

        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return SecureChannelFailure.TlsHandshakeFailed;
            }
        }

        return null;
    }

    private static string Describe(SecureChannelFailure failure) => failure switch
    {
        SecureChannelFailure.CertificateInvalid => "The server certificate is not valid for this host or is not trusted.",
        SecureChannelFailure.PinMismatch => "No certificate in the server's chain matches a configured public-key pin.",
        _ => "The TLS handshake with the Support API failed (TLS 1.2 or newer is required).",
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAttempt(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms")]
    private static partial void LogAttemptFailed(ILogger logger, string method, string path, int status, double elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Method} {Path} failed with {ExceptionType} after {ElapsedMs:0.0} ms")]
    private static partial void LogAttemptError(ILogger logger, string method, string path, string exceptionType, double elapsedMs);
}

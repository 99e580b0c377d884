using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SupportSdk.Core;
using SupportSdk.Telemetry;

namespace SupportSdk.Http;

/// <summary>
/// Builds the standard pipeline: retry (exponential backoff with jitter, Retry-After honoured and clamped) → circuit
/// breaker, both deciding by <see cref="TransientFailures"/>; a POST or PATCH is retried only when it carries an
/// <c>Idempotency-Key</c>. The total and per-attempt timeouts sit around and inside it, in <see cref="SupportHandler"/>
/// (<see cref="TimeoutSource"/>, which throws Polly's <see cref="TimeoutRejectedException"/>), so they apply to any pipeline.
/// </summary>
internal static class SupportResilience
{
    /// <summary>The caller's pipeline, or the standard one built from the settings, with the timeouts the handler keeps.</summary>
    public static ResilienceSetup Start(ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var resilience = settings.Resilience;
        return new ResilienceSetup(resilience.CustomPipeline ?? Build(settings), resilience.TotalTimeout, resilience.AttemptTimeout, settings.Time);
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(ClientSettings settings)
    {
        var resilience = settings.Resilience;
        var time = settings.Time;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time, Name = "SupportSdk" };
        if (resilience.MaxRetries > 0)
        {
            var maxRetryAfter = resilience.MaxRetryAfter;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = resilience.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = resilience.BaseDelay,
                MaxDelay = resilience.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Context) && IsTransient(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, maxRetryAfter, time)),
                OnRetry = _ =>
                {
                    // Polly disposes the response it discards before the next attempt.
                    SupportTelemetry.Retries.Add(1);
                    return default;
                },
            });
        }

        if (resilience.BreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit-breaker",
                FailureRatio = resilience.FailureRatio,
                MinimumThroughput = resilience.MinimumThroughput,
                SamplingDuration = resilience.SamplingDuration,
                BreakDuration = resilience.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
                OnOpened = _ => Transition("open"),
                OnClosed = _ => Transition("closed"),
                OnHalfOpened = _ => Transition("half_open"),
            });
        }

        return builder.Build();
    }

    private static ValueTask Transition(string state)
    {
        SupportTelemetry.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", state));
        return default;
    }

    /// <summary>A request may be sent again when it is safe by method, or carries an idempotency key.</summary>
    public static bool IsRetryable(ResilienceContext context)
    {
        if (!context.Properties.TryGetValue(SupportHandler.RequestKey, out var request))
        {
            return false;
        }

        var method = request.Method;
        return method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Put
            || method == HttpMethod.Delete || request.Headers.Contains(SupportHandler.IdempotencyKeyHeader);
    }

    /// <summary><see cref="TransientFailures"/> applied to an attempt's outcome; nothing is transient once the call
    /// itself is cancelled (by the caller or the total timeout).</summary>
    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        !context.CancellationToken.IsCancellationRequested && IsTransient(outcome);

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } e } => TransientFailures.ErrorCodeOf(e) is { } code && TransientFailures.IsTransient(code),
        { Result: { } response } => TransientFailures.IsTransient(response.StatusCode, response.Headers.RetryAfter is not null),
        _ => false,
    };

    /// <summary>The server's Retry-After (seconds or HTTP date), clamped to <paramref name="max"/>; null for the default backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }
}

/// <summary>What the handler needs of the resilience settings.</summary>
internal sealed record ResilienceSetup(ResiliencePipeline<HttpResponseMessage> Pipeline, TimeSpan TotalTimeout, TimeSpan AttemptTimeout, TimeProvider Time);

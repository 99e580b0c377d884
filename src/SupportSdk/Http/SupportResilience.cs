using System.Net;
using System.Security.Authentication;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using SupportSdk.Telemetry;

namespace SupportSdk.Http;

/// <summary>
/// Builds the standard pipeline: retry (exponential backoff with jitter, Retry-After honoured and clamped) → circuit
/// breaker. The total and per-attempt timeouts sit around and inside it, in <see cref="SupportHandler"/> (pooled
/// cancellation sources that throw Polly's <see cref="TimeoutRejectedException"/>), so they apply to any pipeline. Only 408, 429, 5xx (but 501 and 505), transport errors and attempt
/// timeouts are retried, and a POST or PATCH only when it carries an <c>Idempotency-Key</c>.
/// </summary>
internal static class SupportResilience
{
    /// <summary>
    /// Validates the options, copies what the pipeline and the timeouts use (the options are not read again), and
    /// returns the caller's pipeline or starts building the standard one on the thread pool. Polly validates options
    /// with data annotations, whose first use in a process costs tens of milliseconds of reflection; built in the
    /// background it stays off the constructor, and a first call's first attempt starts without waiting for it. The
    /// values are checked here against Polly's own ranges, so a bad value still fails the constructor, with its name.
    /// </summary>
    public static ResilienceSetup Start(SupportClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider ?? throw new ArgumentNullException(nameof(options), "SupportClientOptions.TimeProvider must not be null.");
        CheckTimeout(options.AttemptTimeout, nameof(options.AttemptTimeout));
        CheckTimeout(options.TotalTimeout, nameof(options.TotalTimeout));
        if (options.ResiliencePipeline is { } custom)
        {
            return new ResilienceSetup(Task.FromResult(custom), options.TotalTimeout, options.AttemptTimeout, time);
        }

        var copy = new SupportClientOptions { TimeProvider = time };
        copy.Retry.MaxRetries = options.Retry.MaxRetries;
        copy.Retry.BaseDelay = options.Retry.BaseDelay;
        copy.Retry.MaxDelay = options.Retry.MaxDelay;
        copy.Retry.MaxRetryAfter = options.Retry.MaxRetryAfter;
        copy.CircuitBreaker.Enabled = options.CircuitBreaker.Enabled;
        copy.CircuitBreaker.FailureRatio = options.CircuitBreaker.FailureRatio;
        copy.CircuitBreaker.MinimumThroughput = options.CircuitBreaker.MinimumThroughput;
        copy.CircuitBreaker.SamplingDuration = options.CircuitBreaker.SamplingDuration;
        copy.CircuitBreaker.BreakDuration = options.CircuitBreaker.BreakDuration;

        var retry = copy.Retry;
        Check(retry.MaxRetries >= 0, retry.MaxRetries, "Retry.MaxRetries", "0 or more");
        Check(retry.BaseDelay >= TimeSpan.Zero && retry.BaseDelay <= TimeSpan.FromDays(1), retry.BaseDelay, "Retry.BaseDelay", "between 0 and 1 day");
        Check(retry.MaxDelay >= TimeSpan.Zero && retry.MaxDelay <= TimeSpan.FromDays(1), retry.MaxDelay, "Retry.MaxDelay", "between 0 and 1 day");
        Check(retry.MaxRetryAfter >= TimeSpan.Zero, retry.MaxRetryAfter, "Retry.MaxRetryAfter", "0 or more");
        var breaker = copy.CircuitBreaker;
        if (breaker.Enabled)
        {
            Check(breaker.FailureRatio is >= 0 and <= 1, breaker.FailureRatio, "CircuitBreaker.FailureRatio", "between 0 and 1");
            Check(breaker.MinimumThroughput >= 2, breaker.MinimumThroughput, "CircuitBreaker.MinimumThroughput", "2 or more");
            Check(breaker.SamplingDuration >= TimeSpan.FromMilliseconds(500) && breaker.SamplingDuration <= TimeSpan.FromDays(1), breaker.SamplingDuration, "CircuitBreaker.SamplingDuration", "between 0.5 s and 1 day");
            Check(breaker.BreakDuration >= TimeSpan.FromMilliseconds(500) && breaker.BreakDuration <= TimeSpan.FromDays(1), breaker.BreakDuration, "CircuitBreaker.BreakDuration", "between 0.5 s and 1 day");
        }

        return new ResilienceSetup(Task.Run(() => Build(copy)), options.TotalTimeout, options.AttemptTimeout, time);
    }

    /// <summary>Polly's old timeout strategy allowed up to one day; a cancellation source allows no more than ~49 days.</summary>
    private static void CheckTimeout(TimeSpan timeout, string name) =>
        Check((timeout > TimeSpan.Zero && timeout <= TimeSpan.FromDays(1)) || timeout == Timeout.InfiniteTimeSpan, timeout, name,
            "positive and at most 1 day, or Timeout.InfiniteTimeSpan");

    private static void Check<T>(bool valid, T value, string name, string expected)
    {
        if (!valid)
        {
            throw new ArgumentOutOfRangeException(name, value, $"SupportClientOptions.{name} must be {expected}.");
        }
    }

    public static ResiliencePipeline<HttpResponseMessage> Build(SupportClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.TimeProvider, Name = "SupportSdk" };
        if (options.Retry.MaxRetries > 0)
        {
            var retry = options.Retry;
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Context) && (IsTransient(args.Outcome, args.Context) || IsInFlight(args.Outcome))),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, retry.MaxRetryAfter, options.TimeProvider)),
                OnRetry = args =>
                {
                    args.Outcome.Result?.Dispose();
                    SupportTelemetry.Retries.Add(1);
                    return default;
                },
            });
        }

        if (options.CircuitBreaker.Enabled)
        {
            var breaker = options.CircuitBreaker;
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                Name = "circuit-breaker",
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context)),
                OnOpened = _ =>
                {
                    SupportTelemetry.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", "open"));
                    return default;
                },
                OnClosed = _ =>
                {
                    SupportTelemetry.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", "closed"));
                    return default;
                },
                OnHalfOpened = _ =>
                {
                    SupportTelemetry.BreakerTransitions.Add(1, new KeyValuePair<string, object?>("state", "half_open"));
                    return default;
                },
            });
        }
        return builder.Build();
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

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome, ResilienceContext context) => outcome switch
    {
        { Exception: TimeoutRejectedException } => !context.CancellationToken.IsCancellationRequested,
        { Exception: HttpRequestException e } => e.HttpRequestError != HttpRequestError.ConfigurationLimitExceeded && !IsTlsFailure(e),
        { Exception: IOException } => true,
        { Exception: OperationCanceledException } => false,
        { Result: { } response } => IsTransientStatus(response.StatusCode),
        _ => false,
    };

    /// <summary>409 with <c>Retry-After</c>: an earlier attempt of this same call (same Idempotency-Key) is still being
    /// processed by the server (<c>idempotency_key_in_flight</c>). Waiting and asking again gets its stored answer.</summary>
    public static bool IsInFlight(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: HttpStatusCode.Conflict } response && response.Headers.RetryAfter is not null;

    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    /// <summary>The server's Retry-After (seconds or HTTP date), clamped to <paramref name="max"/>; null for the default backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan max, TimeProvider time)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        return wait is null ? null : wait < TimeSpan.Zero ? TimeSpan.Zero : wait > max ? max : wait;
    }

    private static bool IsTlsFailure(Exception e)
    {
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>What the handler needs of the resilience options, copied at construction.</summary>
internal sealed record ResilienceSetup(Task<ResiliencePipeline<HttpResponseMessage>> Pipeline, TimeSpan TotalTimeout, TimeSpan AttemptTimeout, TimeProvider Time);

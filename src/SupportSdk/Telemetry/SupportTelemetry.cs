using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SupportSdk.Telemetry;

/// <summary>The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>SupportSdk</c>.</summary>
internal static class SupportTelemetry
{
    public const string Name = "SupportSdk";
    public static readonly ActivitySource ActivitySource = new(Name, typeof(SupportTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly Meter Meter = new(Name, typeof(SupportTelemetry).Assembly.GetName().Version?.ToString());
    private static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram<double>("supportsdk.client.attempt.duration", "ms", "Duration of one HTTP attempt.");
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("supportsdk.client.attempts", description: "HTTP attempts, by method and status (0 = no response).");
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("supportsdk.client.retries", description: "Retries scheduled by the resilience pipeline.");
    public static readonly Counter<long> BreakerTransitions = Meter.CreateCounter<long>("supportsdk.client.circuit_breaker.transitions", description: "Circuit breaker state changes, by new state.");
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>("supportsdk.client.call.duration", "ms", "Duration of one logical SDK call, retries included.");

    public static void RecordAttempt(string method, int status, double elapsedMs)
    {
        if (!Attempts.Enabled && !AttemptDuration.Enabled)
        {
            return; // no MeterListener: the boxed status would be thrown away
        }

        var tags = new TagList { { "http.request.method", method }, { "http.response.status_code", status } };
        Attempts.Add(1, tags);
        AttemptDuration.Record(elapsedMs, tags);
    }
}

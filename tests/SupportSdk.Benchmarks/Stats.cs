using System.Globalization;

namespace SupportSdk.Benchmarks;

/// <summary>Order statistics over latency samples (milliseconds), and the formatting the reports share.</summary>
public static class Stats
{
    /// <summary>The nearest-rank percentile (p in 0..100) of unsorted samples; the input is not changed.</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double p)
    {
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> samples) => Percentile(samples, 50);

    public static double ToMilliseconds(long stopwatchTicks) => stopwatchTicks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    public static string Ms(double value) => value.ToString(value < 0.1 ? "0.0000" : value < 1 ? "0.000" : "0.00", CultureInfo.InvariantCulture);

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Verdict(bool met) => met ? "MET" : "NOT MET";
}

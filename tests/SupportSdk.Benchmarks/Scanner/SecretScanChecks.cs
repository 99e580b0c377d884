using SupportSdk.Security;

namespace SupportSdk.Benchmarks.Scanner;

/// <summary>Before timing the scanner, make sure it finds what each benchmark message holds (and nothing else).</summary>
public static class SecretScanChecks
{
    public static void Verify()
    {
        foreach (var (name, text) in SecretScanBenchmarks.Messages)
        {
            var kinds = SecretScanner.Default.Scan(text).Select(f => f.Kind.ToString()).ToList();
            var expectSeed = name.StartsWith("seed", StringComparison.Ordinal);
            var ok = expectSeed ? kinds.Count > 0 : kinds.Count == 0;
            Console.WriteLine($"scan check: {name} ({text.Length} chars) -> [{string.Join(", ", kinds)}] {(ok ? "as expected" : "UNEXPECTED")}");
            if (!ok)
            {
                throw new InvalidOperationException($"SecretScanner result for '{name}' is not what the benchmark assumes.");
            }
        }
    }
}

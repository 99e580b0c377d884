using System.Diagnostics;
using SupportSdk.Security;

namespace SupportSdk.Protocol.Tests;

/// <summary>The scanner runs on every keystroke: a generous bound that only a pathological regression breaks.</summary>
[TestFixture]
public sealed class SecretScannerPerformanceTests
{
    [Test]
    public void Scanning_a_2000_character_message_takes_well_under_a_millisecond_on_average()
    {
        var text = string.Concat(Enumerable.Repeat("I tried to reset my password but the 2FA code failed, txid ddb229b19fba6a85c2d5ced90221b0c6c5bcdbd4e5cc5f13bb83dd35685fe236. 请问现货交易的手续费是多少? ", 20))[..2000];
        for (var i = 0; i < 50; i++)
        {
            SecretScanner.Default.Scan(text);
        }

        const int Runs = 500;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            SecretScanner.Default.Scan(text);
        }

        Assert.That(watch.Elapsed.TotalMilliseconds / Runs, Is.LessThan(2.0));
    }

    [Test]
    public void Adversarial_input_does_not_blow_up()
    {
        var inputs = new[]
        {
            new string('a', 100_000),
            string.Concat(Enumerable.Repeat("abandon ", 20_000)),
            string.Concat(Enumerable.Repeat("的", 50_000)),
            string.Concat(Enumerable.Repeat("code ", 20_000)),
            string.Concat(Enumerable.Repeat("password is ", 10_000)),
            string.Concat(Enumerable.Repeat("1 ", 50_000)),
        };
        var watch = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            SecretScanner.Default.Scan(input);
            SecretRequestDetector.AsksForSecret(input);
        }

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}

using Samples.Tests.Infrastructure;
using SupportSdk.Security;

namespace Samples.Tests.ExchangeCli;

/// <summary><c>exchange-cli scan</c> over every public secret case, as a process reading stdin.</summary>
[TestFixture]
public sealed class ScanCommandTests
{
    /// <summary>The README's default policy, written out independently of SecretPolicy: block these, redact the rest.</summary>
    private static readonly HashSet<string> Blocked = ["mnemonic", "private_key", "api_secret"];

    [TestCaseSource(typeof(PublicCases), nameof(PublicCases.Secrets))]
    public async Task Json_lists_the_expected_kinds_and_action_and_never_the_secret(string text, string[] expect)
    {
        var run = await CliProcess.RunAsync(["scan", "--json"], text, null);
        Assert.That(run.Exit, Is.EqualTo(0), run.ToString());
        var json = run.Json();
        var findings = json.GetProperty("findings").EnumerateArray().Select(f => (
            Kind: f.GetProperty("kind").GetString()!,
            Start: f.GetProperty("start").GetInt32(),
            Length: f.GetProperty("length").GetInt32(),
            Confidence: f.GetProperty("confidence").GetString()!)).ToList();
        var expectedAction = expect.Length == 0 ? "allow" : expect.Any(Blocked.Contains) ? "block" : "redact";

        Assert.Multiple(() =>
        {
            Assert.That(findings.Select(f => f.Kind).Distinct(), Is.EquivalentTo(expect), "kinds found");
            Assert.That(json.GetProperty("action").GetString(), Is.EqualTo(expectedAction));
            Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "findings", "action" }), "only the documented fields");
            Assert.That(run.Err, Is.Empty);
            foreach (var finding in findings)
            {
                Assert.That(finding.Start, Is.GreaterThanOrEqualTo(0));
                Assert.That(finding.Length, Is.GreaterThan(0));
                Assert.That(finding.Start + finding.Length, Is.LessThanOrEqualTo(text.Length), "span inside the message");
                Assert.That(finding.Confidence, Is.AnyOf("low", "medium", "high"));
            }
        });
        SecretLeaks.AssertAbsent(run, text, findings.Select(f => (f.Start, f.Length)));
    }

    [TestCaseSource(typeof(PublicCases), nameof(PublicCases.OneSecretPerKindAndLanguage))]
    public async Task Human_output_masks_every_secret(string text, string[] expect)
    {
        var run = await CliProcess.RunAsync(["scan"], text, null);

        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(0), run.ToString());
            Assert.That(run.Out, Does.Contain($"[{expect[0]}]"), "the span is shown masked");
            Assert.That(run.Out, Does.Contain("Action: block").Or.Contain("Action: redact"));
            Assert.That(run.Out.Contains('\u001b', StringComparison.Ordinal), Is.False, "no colour codes when redirected");
        });
        SecretLeaks.AssertAbsent(run, text, SecretScanner.Default.Scan(text).Select(f => (f.Start, f.Length)));
    }

    [Test]
    public async Task A_message_without_secrets_is_allowed_in_both_modes()
    {
        const string text = "Hi, my withdrawal of 250 USDT on TRC20 is pending for 3 hours. Order 2024061512345.";
        var json = await CliProcess.RunAsync(["scan", "--json"], text, null);
        var human = await CliProcess.RunAsync(["scan"], text, null);

        Assert.Multiple(() =>
        {
            Assert.That(json.Out.Trim(), Is.EqualTo("""{"findings":[],"action":"allow"}"""));
            Assert.That(human.Exit, Is.EqualTo(0));
            Assert.That(human.Out, Does.Contain("No secrets found"));
        });
    }

    [Test]
    public async Task Empty_input_is_allowed()
    {
        var run = await CliProcess.RunAsync(["scan", "--json"], string.Empty, null);
        Assert.That(run.Json().GetProperty("action").GetString(), Is.EqualTo("allow"), run.ToString());
    }
}

/// <summary>Checks that no secret, nor any three consecutive words of one, appears in what the program printed.</summary>
internal static class SecretLeaks
{
    public static void AssertAbsent(CliRun run, string text, IEnumerable<(int Start, int Length)> spans)
    {
        var printed = run.Out + "\n" + run.Err;
        foreach (var (start, length) in spans)
        {
            var secret = text.Substring(start, length);
            Assert.That(printed.Contains(secret, StringComparison.Ordinal), Is.False, "the secret itself was printed");
            var words = secret.Split([' ', '\n', '\r', '\t', ',', '，', '、'], StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 3 <= words.Length; i++)
            {
                var window = string.Join(' ', words[i..(i + 3)]);
                Assert.That(printed.Contains(window, StringComparison.Ordinal), Is.False, $"part of the secret was printed: {window}");
            }
        }
    }

    public static void AssertAbsent(CliRun run, string secret) =>
        AssertAbsent(run, secret, [(0, secret.Length)]);
}

using System.Text.Json;
using SupportSdk.Security;
using SupportSdk.Testing;

namespace SupportSdk.Protocol.Tests;

/// <summary>S4/S5: every case of tests/TestData/secrets/secrets.public.jsonl.</summary>
[TestFixture]
public sealed class SecretScannerPublicDataTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var line in File.ReadLines(TestData.Path("secrets", "secrets.public.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var expect = root.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToArray();
            yield return new TestCaseData(root.GetProperty("text").GetString()!, expect)
                .SetName($"{root.GetProperty("id").GetString()} {root.GetProperty("note").GetString()}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Finds_exactly_what_is_expected(string text, string[] expect)
    {
        var findings = SecretScanner.Default.Scan(text);
        var kinds = findings.Select(f => f.Kind.ToWireName()).Distinct().ToArray();

        if (expect.Length == 0)
        {
            Assert.That(findings, Is.Empty, "nothing may be flagged");
        }
        else
        {
            Assert.That(kinds, Is.SupersetOf(expect));
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Findings_never_carry_the_secret(string text, string[] expect)
    {
        foreach (var finding in SecretScanner.Default.Scan(text))
        {
            var secret = text.Substring(finding.Start, finding.Length);
            Assert.That(finding.ToString(), Does.Not.Contain(secret));
        }

        Assert.That(expect, Is.Not.Null);
    }

    [Test]
    public void The_public_file_has_positives_and_negatives_of_every_kind()
    {
        var kinds = Cases().SelectMany(c => (string[])c.Arguments[1]!).Distinct().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Is.EquivalentTo(new[] { "mnemonic", "private_key", "password", "otp", "api_secret" }));
            Assert.That(Cases().Count(c => ((string[])c.Arguments[1]!).Length == 0), Is.GreaterThan(0));
        });
    }
}

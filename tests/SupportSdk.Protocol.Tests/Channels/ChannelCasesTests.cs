using System.Text.Json;
using SupportSdk.Channels;

namespace SupportSdk.Protocol.Tests;

[TestFixture]
public sealed class ChannelCasesTests
{
    private static readonly ChannelVerifier Verifier = DemoChannels.Verifier();

    public static IEnumerable<TestCaseData> PublicCases()
    {
        foreach (var line in File.ReadLines(TestData.Path("channels", "channels.public.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = root.GetProperty("id").GetString()!;
            yield return new TestCaseData(root.GetProperty("input").GetString()!, root.GetProperty("expect").GetString()!)
                .SetName($"{id}: {root.GetProperty("note").GetString()}");
        }
    }

    [TestCaseSource(nameof(PublicCases))]
    public void Public_case(string input, string expect)
    {
        var result = Verifier.Verify(input);
        Assert.That(result.Verdict.ToWireName(), Is.EqualTo(expect), $"{input} -> {result.Kind.ToWireName()} {result.Matched} {result.Reason}");
        if (result.Verdict != ChannelVerdict.Unknown)
        {
            Assert.That(result.Matched, Is.Not.Null.And.Not.Empty);
        }
    }

    [Test]
    public void Public_cases_exist()
    {
        Assert.That(PublicCases().Count(), Is.GreaterThanOrEqualTo(20));
    }
}

using System.Text.Json;

namespace Samples.Tests.Infrastructure;

/// <summary>The public cases of tests/TestData (see its README), as NUnit test cases.</summary>
public static class PublicCases
{
    /// <summary>secrets.public.jsonl: (text, expected kinds), named by id and note.</summary>
    public static IEnumerable<TestCaseData> Secrets() =>
        Read("secrets", "secrets.public.jsonl", root => new TestCaseData(
            root.GetProperty("text").GetString()!,
            root.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToArray()));

    /// <summary>One secret case per expected kind and language (each process costs time; the JSON test covers every case).</summary>
    public static IEnumerable<TestCaseData> OneSecretPerKindAndLanguage() =>
        Read("secrets", "secrets.public.jsonl", root => new TestCaseData(
                root.GetProperty("text").GetString()!,
                root.GetProperty("expect").EnumerateArray().Select(e => e.GetString()!).ToArray())
            .SetProperty("group", string.Join(',', root.GetProperty("expect").EnumerateArray().Select(e => e.GetString())) + "/" + root.GetProperty("lang").GetString()))
        .Where(c => ((string[])c.Arguments[1]!).Length > 0)
        .GroupBy(c => (string)c.Properties.Get("group")!)
        .Select(g => g.First());

    /// <summary>channels.public.jsonl: (input, expected verdict), named by id and note.</summary>
    public static IEnumerable<TestCaseData> Channels() =>
        Read("channels", "channels.public.jsonl", root => new TestCaseData(
            root.GetProperty("input").GetString()!,
            root.GetProperty("expect").GetString()!));

    private static IEnumerable<TestCaseData> Read(string folder, string file, Func<JsonElement, TestCaseData> create)
    {
        foreach (var line in File.ReadLines(TestData.Path(folder, file)))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            yield return create(root).SetName($"{root.GetProperty("id").GetString()} {root.GetProperty("note").GetString()}");
        }
    }
}

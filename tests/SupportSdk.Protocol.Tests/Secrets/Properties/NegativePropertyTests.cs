using System.Text.Json;
using System.Text.RegularExpressions;
using FsCheck.NUnit;
using Property = FsCheck.NUnit.PropertyAttribute;
using SupportSdk.Security;
using SupportSdk.Testing;

namespace SupportSdk.Protocol.Tests;

/// <summary>Issue 13: what people legitimately write is never flagged — every help-center article in full and each
/// of its lines sent alone, every public negative case (also disguised), and generated everyday support messages.</summary>
[TestFixture]
public sealed partial class NegativePropertyTests
{
    public static IEnumerable<TestCaseData> Articles()
    {
        foreach (var locale in new[] { "en-us", "zh-cn" })
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(TestData.HelpCenterArticles(locale)));
            foreach (var article in doc.RootElement.GetProperty("articles").EnumerateArray())
            {
                var title = article.GetProperty("title").GetString()!;
                var body = System.Net.WebUtility.HtmlDecode(Tag().Replace(article.GetProperty("body").GetString()!, "\n"));
                yield return new TestCaseData(title + "\n" + body).SetName($"{locale} {article.GetProperty("id")}");
            }
        }
    }

    public static IEnumerable<TestCaseData> PublicNegatives() =>
        SecretScannerPublicDataTests.Cases().Where(c => ((string[])c.Arguments[1]!).Length == 0)
            .Select(c => new TestCaseData(c.Arguments[0]).SetName(c.TestName!));

    [TestCaseSource(nameof(Articles))]
    public void Help_center_article_in_full_line_by_line_and_clause_by_clause_has_no_secret(string text)
    {
        Assert.That(SecretScanner.Default.Scan(text), Is.Empty);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.That(SecretScanner.Default.Scan(line), Is.Empty, line);
        }

        // Each clause as a message of its own, without its punctuation: Chinese chat is often written that way.
        foreach (var clause in text.Split(['\n', '，', '。', '；', '：', '！', '？', '、', ',', '.', ';', ':', '!', '?'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.That(SecretScanner.Default.Scan(clause), Is.Empty, clause);
        }
    }

    [TestCaseSource(nameof(PublicNegatives))]
    public void Public_negative_case_has_no_secret_however_it_is_written(string text)
    {
        foreach (var disguise in Disguises.Names)
        {
            var written = Disguises.Apply(text, disguise, new Random(text.Length));
            Assert.That(SecretScanner.Default.Scan(written), Is.Empty, $"{disguise}: {written}");
        }
    }

    [Property(Arbitrary = new[] { typeof(SecretArbitraries) }, MaxTest = 500, QuietOnSuccess = true)]
    public void Everyday_support_message_has_no_secret(EverydayMessage message)
    {
        Assert.That(SecretScanner.Default.Scan(message.Text), Is.Empty, message.Text);
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}

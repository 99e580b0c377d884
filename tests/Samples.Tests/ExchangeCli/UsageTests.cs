using Samples.Tests.Infrastructure;

namespace Samples.Tests.ExchangeCli;

/// <summary>Bad usage: exit 2, one line on stderr naming the problem, never a stack trace; with --json also a JSON error.</summary>
[TestFixture]
public sealed class UsageTests
{
    [TestCase("verify")]
    [TestCase("frobnicate")]
    [TestCase("ticket")]
    [TestCase("ticket", "show")]
    [TestCase("ticket", "create", "--subject", "only a subject")]
    [TestCase("ticket", "rate", "tkt_x", "--score", "9")]
    [TestCase("ticket", "create", "--subject", "s", "--body", "b", "--category", "lottery")]
    [TestCase("faq", "search")]
    [TestCase("faq", "search", "--limit", "0", "fees")]
    [TestCase("faq", "show", "not-a-number")]
    [TestCase("verify", "--offline", "--endpoint", "https://support.example", "x.com")]
    [TestCase("verify", "--manifest", "m.json", "x.com")]
    [TestCase("scan", "--frobnicate")]
    public async Task Bad_usage_exits_2_with_one_line(params string[] args)
    {
        var run = await CliProcess.RunAsync(args);

        CliProcess.AssertOneLineError(run, 2, "usage");
        Assert.That(run.Out, Is.Empty, "nothing on stdout without --json");
    }

    [TestCase("verify", "--json")]
    [TestCase("frobnicate", "--json")]
    [TestCase("ticket", "--json")]
    [TestCase("faq", "search", "--limit", "99", "--json", "fees")]
    public async Task Bad_usage_with_json_also_prints_a_json_error(params string[] args)
    {
        var run = await CliProcess.RunAsync(args);

        CliProcess.AssertOneLineError(run, 2, "usage");
        var (code, message) = run.JsonError();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo("usage"));
            Assert.That(run.Err, Does.EndWith(message + "\n"), "the same message on stderr");
        });
    }

    [Test]
    public async Task Help_exits_0()
    {
        var run = await CliProcess.RunAsync("--help");
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(0));
            Assert.That(run.Out, Does.Contain("scan").And.Contain("verify").And.Contain("faq").And.Contain("ticket"));
        });
    }
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.ExchangeCli;

/// <summary><c>verify</c> (online) and <c>faq</c> against the real server on loopback, and what a bad endpoint does.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OnlineCommandTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync();

        // The server signs its manifest on the first request, with the issue time rounded down to the second. A
        // client that read its clock just before that second began would see "not valid yet" (the SDK takes the
        // time before fetching): sign it now so the tests do not race that boundary.
        using var warmUp = await _server.Anonymous().GetAsync(new Uri("/v1/channels/official", UriKind.Relative));
        warmUp.EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private string Endpoint => _server.BaseAddress.ToString();

    [TestCase("https://www.example-exchange.com/login", "official", "web")]
    [TestCase("+1 (800) 555-0199", "official", "phone")]
    [TestCase("https://xn--exmple-exchange-vlm.com", "lookalike", "web")]
    [TestCase("@ExampleExchange_Support", "lookalike", "handle")]
    [TestCase("https://kraken.com", "unknown", "web")]
    public async Task Verify_checks_against_the_servers_signed_manifest(string input, string verdict, string kind)
    {
        var run = await CliProcess.RunAsync("verify", "--json", "--endpoint", Endpoint, "--public-key", _server.ManifestPublicKey, input);
        Assert.That(run.Exit, Is.EqualTo(0), run.ToString());
        var json = run.Json();
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("verdict").GetString(), Is.EqualTo(verdict), run.Out);
            Assert.That(json.GetProperty("kind").GetString(), Is.EqualTo(kind), run.Out);
            Assert.That(json.GetProperty("input").GetString(), Is.EqualTo(input));
        });
    }

    [Test]
    public async Task Verify_reads_the_endpoint_and_key_from_the_environment()
    {
        var run = await CliProcess.RunAsync(["verify", "https://t.me/ExampleExchangeSupport"], null, new Dictionary<string, string?>
        {
            ["SUPPORT_ENDPOINT"] = Endpoint,
            ["SUPPORT_MANIFEST_PUBLIC_KEY"] = "not-a-key," + _server.ManifestPublicKey,
        });
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(0), run.ToString());
            Assert.That(run.Out, Does.Contain("OFFICIAL").And.Contain("@ExampleExchangeSupport"));
        });
    }

    [Test]
    public async Task Verify_refuses_a_manifest_not_signed_by_the_pinned_key()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = Convert.ToBase64String(other.ExportSubjectPublicKeyInfo());
        var run = await CliProcess.RunAsync("verify", "--endpoint", Endpoint, "--public-key", wrongKey, "example-exchange.com");
        var json = await CliProcess.RunAsync("verify", "--json", "--endpoint", Endpoint, "--public-key", wrongKey, "example-exchange.com");

        CliProcess.AssertOneLineError(run, 4, "manifest_untrusted");
        Assert.Multiple(() =>
        {
            Assert.That(json.Exit, Is.EqualTo(4));
            Assert.That(json.JsonError().Code, Is.EqualTo("manifest_untrusted"), "with --json the error is a JSON document on stdout");
        });
    }

    [Test]
    public async Task Verify_online_without_a_pinned_key_is_bad_usage()
    {
        var run = await CliProcess.RunAsync("verify", "--endpoint", Endpoint, "example-exchange.com");
        CliProcess.AssertOneLineError(run, 2, "usage");
        Assert.That(run.Err, Does.Contain("--public-key"));
    }

    [Test]
    public async Task Faq_search_ranks_the_fee_article_first_in_english_and_chinese()
    {
        var english = await CliProcess.RunAsync("faq", "search", "--json", "--endpoint", Endpoint, "withdrawal", "fee");
        var chinese = await CliProcess.RunAsync("faq", "search", "--json", "--endpoint", Endpoint, "--locale", "zh-cn", "--limit", "3", "提现手续费");
        var human = await CliProcess.RunAsync("faq", "search", "--endpoint", Endpoint, "withdrawal fee");

        Assert.Multiple(() =>
        {
            var items = english.Json().GetProperty("items");
            Assert.That(items.GetArrayLength(), Is.InRange(1, 5), "default limit 5");
            Assert.That(items[0].GetProperty("id").GetInt64(), Is.EqualTo(1031), english.Out);
            var zh = chinese.Json().GetProperty("items");
            Assert.That(zh.GetArrayLength(), Is.EqualTo(3));
            Assert.That(zh[0].GetProperty("id").GetInt64(), Is.EqualTo(1031));
            Assert.That(zh[0].GetProperty("locale").GetString(), Is.EqualTo("zh-cn"));
            Assert.That(chinese.Out, Does.Contain("提现"), "Chinese printed as is, not \\u-escaped");
            Assert.That(human.Out, Does.StartWith("1. [1031] "), human.ToString());
            Assert.That(human.Out, Does.Not.Contain("<mark>"), "highlights are rendered, not shown as HTML");
        });
    }

    [Test]
    public async Task Faq_show_prints_the_article_or_a_one_line_not_found()
    {
        var article = await CliProcess.RunAsync("faq", "show", "--json", "--endpoint", Endpoint, "1031");
        var human = await CliProcess.RunAsync("faq", "show", "--endpoint", Endpoint, "1031");
        var missing = await CliProcess.RunAsync("faq", "show", "--endpoint", Endpoint, "999999");

        Assert.Multiple(() =>
        {
            var json = article.Json();
            Assert.That(json.GetProperty("id").GetInt64(), Is.EqualTo(1031), article.ToString());
            Assert.That(json.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(human.Out, Does.Contain(json.GetProperty("title").GetString()));
        });
        CliProcess.AssertOneLineError(missing, 1, "article_not_found");
    }

    [Test]
    public async Task A_plain_http_endpoint_that_is_not_loopback_is_refused_before_connecting()
    {
        var run = await CliProcess.RunAsync("faq", "search", "--endpoint", "http://support.example-exchange.com", "fees");
        CliProcess.AssertOneLineError(run, 4, "insecure_scheme");
    }

    [Test]
    public async Task An_endpoint_that_is_not_a_url_is_bad_usage()
    {
        var run = await CliProcess.RunAsync(["faq", "search", "fees"], null, new Dictionary<string, string?> { ["SUPPORT_ENDPOINT"] = "not a url" });
        CliProcess.AssertOneLineError(run, 2, "usage");
    }

    [Test]
    public async Task An_unreachable_endpoint_exits_3_with_a_json_error()
    {
        var run = await CliProcess.RunAsync("faq", "search", "--json", "--endpoint", $"http://127.0.0.1:{ClosedPort()}", "fees");
        CliProcess.AssertOneLineError(run, 3, "transport_error");
        Assert.That(run.JsonError().Code, Is.EqualTo("transport_error"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

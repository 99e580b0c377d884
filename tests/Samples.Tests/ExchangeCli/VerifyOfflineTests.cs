using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Tests.Infrastructure;
using SupportSdk.Channels;

namespace Samples.Tests.ExchangeCli;

/// <summary><c>exchange-cli verify --offline</c>: the shipped signed demo manifest, every public channel case, and refusals.</summary>
[TestFixture]
public sealed class VerifyOfflineTests
{
    private static string DemoData => Path.Combine(Path.GetDirectoryName(CliProcess.ProgramPath)!, "DemoData");

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("exchange-cli-verify-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCaseSource(typeof(PublicCases), nameof(PublicCases.Channels))]
    public async Task Public_case(string input, string expect)
    {
        var run = await CliProcess.RunAsync("verify", "--offline", "--json", input);
        Assert.That(run.Exit, Is.EqualTo(0), run.ToString());
        var json = run.Json();

        Assert.Multiple(() =>
        {
            Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "input", "verdict", "kind", "matched", "reason" }));
            Assert.That(json.GetProperty("input").GetString(), Is.EqualTo(input));
            Assert.That(json.GetProperty("verdict").GetString(), Is.EqualTo(expect), run.Out);
            Assert.That(json.GetProperty("kind").GetString(), Is.AnyOf("web", "email", "phone", "handle"));
            Assert.That(json.GetProperty("matched").ValueKind, Is.EqualTo(expect == "unknown" ? JsonValueKind.Null : JsonValueKind.String), "matched names the official channel unless unknown");
            Assert.That(run.Err, Is.Empty);
        });
    }

    [TestCase("tel:+18005550199", "phone", "+18005550199", null)]
    [TestCase("Security Team <security@example-exchange.com>", "email", "example-exchange.com", null)]
    [TestCase("https://t.me/ExampleExchange", "handle", "@ExampleExchange", null)]
    [TestCase("https://exarnple-exchange.com", "web", "example-exchange.com", "homoglyph")]
    [TestCase("https://example-exchange.com@evil.example/login", "web", "example-exchange.com", "userinfo")]
    public async Task Json_names_kind_match_and_reason(string input, string kind, string matched, string? reason)
    {
        var json = (await CliProcess.RunAsync("verify", "--offline", "--json", input)).Json();
        Assert.Multiple(() =>
        {
            Assert.That(json.GetProperty("kind").GetString(), Is.EqualTo(kind));
            Assert.That(json.GetProperty("matched").GetString(), Is.EqualTo(matched).IgnoreCase);
            Assert.That(json.GetProperty("reason").ValueKind == JsonValueKind.Null ? null : json.GetProperty("reason").GetString(), Is.EqualTo(reason));
        });
    }

    [Test]
    public async Task Human_output_names_the_verdict_and_what_is_imitated()
    {
        var lookalike = await CliProcess.RunAsync("verify", "--offline", "https://examp1e-exchange.com");
        var official = await CliProcess.RunAsync("verify", "--offline", "support@example-exchange.com");
        Assert.Multiple(() =>
        {
            Assert.That(lookalike.Out, Does.Contain("LOOKALIKE").And.Contain("example-exchange.com"), lookalike.ToString());
            Assert.That(official.Out, Does.Contain("OFFICIAL").And.Contain("Example Exchange"), official.ToString());
            Assert.That(official.Out, Does.Contain("2028-12-31"), "says until when the manifest is valid");
        });
    }

    [Test]
    public void The_shipped_demo_manifest_is_signed_by_the_shipped_key_and_lists_the_demo_brand()
    {
        var signed = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(DemoData, "official-channels.signed.json")), ChannelsJsonContext.Default.SignedChannelManifest)!;
        var key = File.ReadAllText(Path.Combine(DemoData, "public-key.txt")).Trim();
        var manifest = signed.Manifest;

        Assert.Multiple(() =>
        {
            Assert.That(ChannelManifestSigner.Verify(signed, [key], DateTimeOffset.UtcNow), Is.EqualTo(ChannelManifestValidation.Valid));
            Assert.That(manifest.ExpiresAt, Is.EqualTo(new DateTimeOffset(2028, 12, 31, 0, 0, 0, TimeSpan.Zero)));
            Assert.That(manifest.Brand, Is.EqualTo("Example Exchange"));
            Assert.That(manifest.WebDomains, Is.EqualTo(new[] { "example-exchange.com" }));
            Assert.That(manifest.EmailDomains, Is.EqualTo(new[] { "example-exchange.com" }));
            Assert.That(manifest.PhoneNumbers, Is.EqualTo(new[] { "+18005550199" }));
            Assert.That(manifest.SocialHandles.Select(h => $"{h.Network}:{h.Handle}"),
                Is.EqualTo(new[] { "telegram:ExampleExchange", "telegram:ExampleExchangeSupport", "x:example_exchange" }));
        });
    }

    [Test]
    public async Task A_tampered_manifest_is_refused()
    {
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(DemoData, "official-channels.signed.json")))!;
        document["manifest"]!["webDomains"]!.AsArray().Add("evil.example");
        var path = Path.Combine(_directory, "tampered.json");
        await File.WriteAllTextAsync(path, document.ToJsonString());
        var key = (await File.ReadAllTextAsync(Path.Combine(DemoData, "public-key.txt"))).Trim();

        var run = await CliProcess.RunAsync("verify", "--offline", "--manifest", path, "--public-key", key, "https://evil.example");
        var json = await CliProcess.RunAsync("verify", "--offline", "--json", "--manifest", path, "--public-key", key, "https://evil.example");

        CliProcess.AssertOneLineError(run, 4, "manifest_untrusted");
        Assert.Multiple(() =>
        {
            Assert.That(run.Err, Does.Contain("altered"));
            Assert.That(run.Out, Is.Empty, "no verdict from an untrusted manifest");
            Assert.That(json.JsonError().Code, Is.EqualTo("manifest_untrusted"));
        });
    }

    [Test]
    public async Task An_expired_manifest_is_refused()
    {
        var (path, key) = await SignAsync(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        var run = await CliProcess.RunAsync("verify", "--offline", "--manifest", path, "--public-key", key, "example-exchange.com");

        CliProcess.AssertOneLineError(run, 4, "manifest_expired");
        Assert.That(run.Err, Does.Contain("expired on"));
    }

    [Test]
    public async Task A_manifest_signed_by_an_unpinned_key_is_refused()
    {
        var (path, _) = await SignAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var demoKey = (await File.ReadAllTextAsync(Path.Combine(DemoData, "public-key.txt"))).Trim();
        var signedByOther = await CliProcess.RunAsync("verify", "--offline", "--manifest", path, "--public-key", demoKey, "example-exchange.com");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongPin = await CliProcess.RunAsync("verify", "--offline", "--public-key", Convert.ToBase64String(other.ExportSubjectPublicKeyInfo()), "example-exchange.com");

        CliProcess.AssertOneLineError(signedByOther, 4, "manifest_untrusted");
        CliProcess.AssertOneLineError(wrongPin, 4, "manifest_untrusted");
        Assert.That(wrongPin.Err, Does.Contain("not a pinned key"));
    }

    [Test]
    public async Task A_manifest_file_signed_by_a_pinned_key_is_used()
    {
        var (path, key) = await SignAsync(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), brand: "Other Exchange", domain: "other-exchange.example");
        var run = await CliProcess.RunAsync(["verify", "--offline", "--json", "--manifest", path, "https://www.other-exchange.example"], null,
            new Dictionary<string, string?> { ["SUPPORT_MANIFEST_PUBLIC_KEY"] = key });

        Assert.That(run.Json().GetProperty("verdict").GetString(), Is.EqualTo("official"), run.ToString());
    }

    [Test]
    public async Task A_missing_or_unreadable_manifest_is_a_clear_error()
    {
        var missing = await CliProcess.RunAsync("verify", "--offline", "--manifest", Path.Combine(_directory, "nope.json"), "--public-key", "AAAA", "x.com");
        var garbage = Path.Combine(_directory, "garbage.json");
        await File.WriteAllTextAsync(garbage, "<html>not json</html>");
        var notJson = await CliProcess.RunAsync("verify", "--offline", "--manifest", garbage, "--public-key", "AAAA", "x.com");

        CliProcess.AssertOneLineError(missing, 2, "manifest_not_found");
        CliProcess.AssertOneLineError(notJson, 4, "manifest_untrusted");
    }

    private async Task<(string Path, string PublicKey)> SignAsync(DateTimeOffset issued, DateTimeOffset expires,
        string brand = "Example Exchange", string domain = "example-exchange.com")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signed = ChannelManifestSigner.Sign(new OfficialChannelManifest
        {
            Brand = brand,
            WebDomains = [domain],
            EmailDomains = [domain],
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(issued.ToUnixTimeSeconds()),
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()),
        }, key);
        var path = Path.Combine(_directory, $"manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(signed, ChannelsJsonContext.Default.SignedChannelManifest));
        return (path, Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));
    }
}

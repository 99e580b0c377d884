using SupportSdk.Channels;

namespace SupportSdk.IntegrationTests;

/// <summary>The SDK's official-channel check against the real server: pinned keys, verdicts, expiry, reports.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ChannelsClientTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private SupportClient Client(Action<SupportClientOptions> configure, SupportCredential? credential = null)
    {
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        configure(options);
        return new SupportClient(_server.BaseAddress, credential ?? new AnonymousCredential(), options);
    }

    [TestCase("https://www.example-exchange.com/login", ChannelVerdict.Official)]
    [TestCase("support@example-exchange.com", ChannelVerdict.Official)]
    [TestCase("+1 (800) 555-0199", ChannelVerdict.Official)]
    [TestCase("https://t.me/ExampleExchangeSupport", ChannelVerdict.Official)]
    [TestCase("https://xn--exmple-exchange-vlm.com", ChannelVerdict.Lookalike)]
    [TestCase("https://example-exchange.com@evil.tld/login", ChannelVerdict.Lookalike)]
    [TestCase("@ExampleExchange_Support", ChannelVerdict.Lookalike)]
    [TestCase("https://google.com", ChannelVerdict.Unknown)]
    public async Task Verify_answers_from_the_signed_manifest(string input, ChannelVerdict expected)
    {
        using var client = Client(o => o.ManifestPublicKeys.Add(_server.ManifestPublicKey));
        var verification = await client.Channels.VerifyChannelAsync(input);
        Assert.That(verification.Verdict, Is.EqualTo(expected), $"{verification.Kind} {verification.Matched} {verification.Reason}");
    }

    [Test]
    public async Task The_manifest_is_fetched_once_and_cached_until_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = Client(o =>
        {
            o.ManifestPublicKeys.Add(_server.ManifestPublicKey);
            o.TimeProvider = time;
        });
        var first = await client.Channels.GetOfficialChannelsAsync();
        var second = await client.Channels.GetOfficialChannelsAsync();
        time.Advance(TimeSpan.FromDays(8));
        var expired = Assert.ThrowsAsync<SecureChannelException>(() => client.Channels.GetOfficialChannelsAsync());

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first), "served from cache");
            Assert.That(expired!.Failure, Is.EqualTo(SecureChannelFailure.ManifestExpired), "a week later the server's 7-day manifest (as seen by this clock) is refused");
        });
    }

    [Test]
    public void A_manifest_signed_by_an_unpinned_key_or_with_no_pin_is_refused()
    {
        using var otherKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var wrongPin = Client(o => o.ManifestPublicKeys.Add(Convert.ToBase64String(otherKey.ExportSubjectPublicKeyInfo())));
        using var noPin = Client(_ => { });
        var e1 = Assert.ThrowsAsync<SecureChannelException>(() => wrongPin.Channels.VerifyChannelAsync("https://example-exchange.com"));
        var e2 = Assert.ThrowsAsync<SecureChannelException>(() => noPin.Channels.VerifyChannelAsync("https://example-exchange.com"));
        Assert.Multiple(() =>
        {
            Assert.That(e1!.Failure, Is.EqualTo(SecureChannelFailure.ManifestUntrusted));
            Assert.That(e2!.Failure, Is.EqualTo(SecureChannelFailure.ManifestUntrusted));
        });
    }

    [Test]
    public async Task Key_rotation_works_when_the_next_key_is_pinned_beside_the_old_one()
    {
        using var nextKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var client = Client(o =>
        {
            o.ManifestPublicKeys.Add(Convert.ToBase64String(nextKey.ExportSubjectPublicKeyInfo()));
            o.ManifestPublicKeys.Add(_server.ManifestPublicKey);
        });
        Assert.That((await client.Channels.VerifyChannelAsync("https://help.example-exchange.com")).Verdict, Is.EqualTo(ChannelVerdict.Official));
    }

    [Test]
    public async Task A_user_can_report_an_impersonator()
    {
        var token = await _server.MintTokenAsync("impersonated-user");
        using var client = Client(_ => { }, new UserTokenCredential(token));
        var report = await client.Channels.ReportImpersonatorAsync(new ChannelReportRequest { Input = "@ExampleExchange_Support", Where = "telegram", Note = "DMed me first" });
        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo("lookalike"));
            Assert.That(report.Kind, Is.EqualTo("handle"));
            Assert.That(report.Id, Does.StartWith("rpt_"));
        });
    }
}

using System.Net;
using System.Text.Json;
using SupportSdk.Channels;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChannelEndpointTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task The_official_manifest_is_signed_by_the_published_key_and_lists_the_configured_channels()
    {
        using var response = await _server.Anonymous().GetAsync("/v1/channels/official");
        var signed = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ChannelsJsonContext.Default.SignedChannelManifest)!;
        var validation = ChannelManifestSigner.Verify(signed, [_server.ManifestPublicKey], DateTimeOffset.UtcNow);
        var tampered = new SignedChannelManifest
        {
            Algorithm = signed.Algorithm,
            Signature = signed.Signature,
            Manifest = new OfficialChannelManifest
            {
                Brand = signed.Manifest.Brand,
                WebDomains = ["examp1e-exchange.com"],
                EmailDomains = signed.Manifest.EmailDomains,
                PhoneNumbers = signed.Manifest.PhoneNumbers,
                SocialHandles = signed.Manifest.SocialHandles,
                IssuedAt = signed.Manifest.IssuedAt,
                ExpiresAt = signed.Manifest.ExpiresAt,
                KeyId = signed.Manifest.KeyId,
            },
        };

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(validation, Is.EqualTo(ChannelManifestValidation.Valid));
            Assert.That(ChannelManifestSigner.Verify(tampered, [_server.ManifestPublicKey], DateTimeOffset.UtcNow), Is.EqualTo(ChannelManifestValidation.BadSignature));
            Assert.That(signed.Manifest.WebDomains, Is.EqualTo(new[] { "example-exchange.com" }));
            Assert.That(signed.Manifest.SocialHandles.Select(h => h.Network + ":" + h.Handle), Does.Contain("x:example_exchange"));
            Assert.That(signed.Manifest.ExpiresAt - signed.Manifest.IssuedAt, Is.EqualTo(TimeSpan.FromDays(7)));
        });
    }

    [Test]
    public async Task A_server_without_channels_answers_404_with_a_stable_code()
    {
        await using var bare = await SupportServerHost.StartAsync(o => o.OfficialChannels.Brand = string.Empty, importFaq: false);
        await AssertProblemAsync(await bare.Anonymous().GetAsync("/v1/channels/official"), HttpStatusCode.NotFound, ErrorCodes.ChannelsNotConfigured);
    }

    [Test]
    public async Task Users_report_impersonators_and_agents_see_the_reports_with_verdicts()
    {
        var user = await _server.UserAsync("reporter");
        var report = await ReadAsync(await user.PostAsync("/v1/channels/reports", Json("""{"input":"https://examp1e-exchange.com/login","where":"sms","note":"asked me to log in"}""")),
            SupportJsonContext.Default.ChannelReport);
        var invalid = await AssertProblemAsync(await user.PostAsync("/v1/channels/reports", Json("""{"input":""}""")), HttpStatusCode.BadRequest, ErrorCodes.ValidationFailed);
        var list = await ReadAsync(await _server.Agent().GetAsync("/v1/agent/channel-reports"), SupportJsonContext.Default.PageChannelReport);

        Assert.Multiple(() =>
        {
            Assert.That(report.Verdict, Is.EqualTo("lookalike"));
            Assert.That(report.Kind, Is.EqualTo("web"));
            Assert.That(report.Matched, Is.EqualTo("example-exchange.com"));
            Assert.That(invalid.Errors!.Keys, Does.Contain("input"));
            Assert.That(list.Items.Select(r => r.Id), Does.Contain(report.Id));
            Assert.That(list.Items.Single(r => r.Id == report.Id).ReporterId, Is.EqualTo("reporter"));
        });
    }

    [Test]
    public async Task The_signing_key_file_is_readable_by_its_owner_only()
    {
        var path = Path.Combine(Path.GetDirectoryName(_server.DatabasePath)!, "manifest-signing-key.pem");
        Assert.That(File.Exists(path), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }
}

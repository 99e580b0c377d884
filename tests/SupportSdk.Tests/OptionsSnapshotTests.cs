using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using SupportSdk.Channels;
using SupportSdk.Core;
using SupportSdk.Security;
using SupportSdk.Tests.Chat;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>
/// The options are copied once, at construction, into one immutable settings object (README: "changing the options
/// object afterwards does not change the client"): nothing a caller changes afterwards, in the options, their lists,
/// their sub-options or the certificate collection, reaches a client already built.
/// </summary>
[TestFixture]
[CancelAfter(20_000)]
public sealed class OptionsSnapshotTests
{
    private const string Seed = "legal winner thank year wave sausage worth useful legal winner thank yellow";

    private static string SignedManifest(ECDsa key, DateTimeOffset now) => JsonSerializer.Serialize(
        ChannelManifestSigner.Sign(new OfficialChannelManifest
        {
            Brand = "Example Exchange",
            WebDomains = ["example-exchange.com"],
            IssuedAt = now,
            ExpiresAt = now.AddDays(7),
            KeyId = ChannelManifestSigner.KeyIdOf(key),
        }, key),
        ChannelsJsonContext.Default.SignedChannelManifest);

    private static string PublicKey(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    [Test]
    public async Task The_manifest_keys_are_the_ones_pinned_at_construction()
    {
        using var exchange = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var time = new RecordingTimeProvider();
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, SignedManifest(exchange, time.GetUtcNow()));
        var options = new SupportClientOptions { TimeProvider = time };
        options.ManifestPublicKeys.Add(PublicKey(exchange));
        options.CircuitBreaker.Enabled = false;
        using var client = new SupportClient(new HttpClient(handler), Endpoint, new AnonymousCredential(), options);
        options.ManifestPublicKeys.Clear();
        options.ManifestPublicKeys.Add(PublicKey(attacker));

        var verification = await client.Channels.VerifyChannelAsync("https://example-exchange.com/login");

        Assert.That(verification.Verdict, Is.EqualTo(ChannelVerdict.Official), "the exchange's manifest still verifies against the key pinned at construction");
    }

    [Test]
    public void A_manifest_key_added_after_construction_is_not_trusted()
    {
        var handler = new ScriptedHandler();
        var options = new SupportClientOptions { TimeProvider = new RecordingTimeProvider() };
        using var client = new SupportClient(new HttpClient(handler), Endpoint, new AnonymousCredential(), options);
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        options.ManifestPublicKeys.Add(PublicKey(attacker));

        var error = Assert.ThrowsAsync<SecureChannelException>(() => client.Channels.VerifyChannelAsync("https://example-exchange.com"));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failure, Is.EqualTo(SecureChannelFailure.ManifestUntrusted));
            Assert.That(handler.Requests, Is.Empty, "no key was pinned at construction: nothing is fetched");
        });
    }

    [Test]
    public void The_secret_policy_is_the_one_given_at_construction()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, TicketJson);
        var options = new SupportClientOptions { TimeProvider = new RecordingTimeProvider() };
        using var client = new SupportClient(new HttpClient(handler), Endpoint, new ApiKeyCredential(ApiKey), options);
        options.SecretPolicy = SecretPolicy.Default.With(SecretKind.Mnemonic, SecretAction.Allow);

        Assert.ThrowsAsync<SensitiveDataException>(() => client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "s", Body = Seed, Category = TicketCategory.Account }));
        Assert.That(handler.Requests, Is.Empty, "still blocked on the device");
    }

    [Test]
    public async Task The_faq_locale_is_the_one_given_at_construction()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, """{"items":[]}""");
        var options = new SupportClientOptions { TimeProvider = new RecordingTimeProvider(), DefaultLocale = "zh-cn" };
        using var client = new SupportClient(new HttpClient(handler), Endpoint, new AnonymousCredential(), options);
        options.DefaultLocale = "en-us";

        await client.Faq.SearchArticlesAsync("提现");

        Assert.That(handler.Requests.Single().PathAndQuery, Does.Contain("locale=zh-cn"));
    }

    [Test]
    public async Task The_chat_settings_are_the_ones_given_at_construction(CancellationToken cancellationToken)
    {
        var server = new FakeChatServer();
        var options = new SupportClientOptions();
        options.Chat.SocketFactory = server.ConnectAsync;
        options.CircuitBreaker.Enabled = false;
        using var client = new SupportClient(new HttpClient(server), Endpoint, new UserTokenCredential("sut1.unit.token"), options);
        options.Chat.SocketFactory = (_, _, _) => throw new AssertionException("a factory set after construction was used");
        options.Chat.Transport = ChatTransportMode.LongPoll;

        await using var session = await client.Chat.ResumeChatAsync(server.ChatId, cancellationToken: cancellationToken);
        while (session.State != ChatSessionState.Connected)
        {
            await Task.Delay(5, cancellationToken);
        }

        Assert.That(server.Connects, Has.Count.EqualTo(1), "connected over the WebSocket factory given at construction");
    }

    [Test]
    public void The_trusted_roots_pins_and_hosts_are_copies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var root = new CertificateRequest("CN=Example Exchange private CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var rawData = root.RawData;
        var options = new SupportClientOptions();
        options.TrustedRootCertificates.Add(root);
        options.PinnedPublicKeySha256.Add("pin-at-construction");
        options.AllowedHosts.Add("support.example-exchange.com");

        var settings = ClientSettings.From(options);
        options.TrustedRootCertificates.Clear();
        root.Dispose();
        options.PinnedPublicKeySha256.Add("pin-added-later");
        options.AllowedHosts.Add("evil.example");

        Assert.Multiple(() =>
        {
            Assert.That(settings.TrustedRoots.Select(c => c.RawData), Is.EqualTo(new[] { rawData }), "a usable copy, whatever the caller does with the original");
            Assert.That(settings.PinnedPublicKeys, Is.EquivalentTo(new[] { "pin-at-construction" }));
            Assert.That(settings.AllowedHosts, Is.EqualTo(new[] { "support.example-exchange.com" }));
        });
    }

    [TestCase("Chat.IdleTimeout")]
    [TestCase("Chat.EventBufferSize")]
    [TestCase("Chat.LongPollWait")]
    [TestCase("Chat.ReconnectMaxDelay")]
    [TestCase("DefaultLocale")]
    public void A_bad_chat_or_faq_setting_fails_the_constructor_with_its_name(string name)
    {
        var options = new SupportClientOptions();
        switch (name)
        {
            case "Chat.IdleTimeout":
                options.Chat.IdleTimeout = TimeSpan.Zero;
                break;
            case "Chat.EventBufferSize":
                options.Chat.EventBufferSize = 0;
                break;
            case "Chat.LongPollWait":
                options.Chat.LongPollWait = TimeSpan.FromMinutes(5);
                break;
            case "Chat.ReconnectMaxDelay":
                options.Chat.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1);
                break;
            default:
                options.DefaultLocale = "";
                break;
        }

        var error = Assert.Catch<ArgumentException>(() => new SupportClient(Endpoint, new ApiKeyCredential(ApiKey), options).Dispose());

        Assert.That(error!.Message, Does.Contain("SupportClientOptions." + name));
    }
}

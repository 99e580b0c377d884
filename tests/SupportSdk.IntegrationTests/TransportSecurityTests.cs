using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportSdk.IntegrationTests;

/// <summary>S1 and S2: the secure channel against real sockets and a real TLS listener with certificates made here.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TransportSecurityTests
{
    private X509Certificate2 _ca = null!;
    private X509Certificate2 _leaf = null!;
    private X509Certificate2 _wrongHostLeaf = null!;
    private WebApplication _tls = null!;
    private WebApplication _wrongHostTls = null!;
    private Uri _address = null!;
    private Uri _wrongHostAddress = null!;
    private static int s_connections;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _ca = CreateCa();
        _leaf = CreateLeaf(_ca, "127.0.0.1", IPAddress.Loopback);
        _wrongHostLeaf = CreateLeaf(_ca, "other.example", null);
        (_tls, _address) = await StartTlsAsync(_leaf);
        (_wrongHostTls, _wrongHostAddress) = await StartTlsAsync(_wrongHostLeaf);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _tls.DisposeAsync();
        await _wrongHostTls.DisposeAsync();
        _ca.Dispose();
        _leaf.Dispose();
        _wrongHostLeaf.Dispose();
    }

    private SupportClient Client(Uri address, Action<SupportClientOptions>? configure = null, bool trustCa = true)
    {
        var options = new SupportClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        if (trustCa)
        {
            options.TrustedRootCertificates.Add(_ca);
        }

        configure?.Invoke(options);
        return new SupportClient(address, new ApiKeyCredential(SupportServerHost.ApiKey), options);
    }

    private static string Pin(X509Certificate2 certificate) =>
        Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));

    [Test]
    public async Task S2_a_trusted_chain_passes_without_pins()
    {
        using var client = Client(_address);
        Assert.That((await client.GetStatusAsync()).IsOpen, Is.True);
    }

    [Test]
    public async Task S2_the_leaf_pin_or_a_backup_pin_on_the_ca_passes()
    {
        using var leafPinned = Client(_address, o => o.PinnedPublicKeySha256.Add(Pin(_leaf)));
        using var backupPinned = Client(_address, o =>
        {
            o.PinnedPublicKeySha256.Add(Convert.ToBase64String(new byte[32]));
            o.PinnedPublicKeySha256.Add(Pin(_ca));
        });
        Assert.Multiple(async () =>
        {
            Assert.That((await leafPinned.GetStatusAsync()).IsOpen, Is.True);
            Assert.That((await backupPinned.GetStatusAsync()).IsOpen, Is.True);
        });
    }

    [Test]
    public void S2_a_wrong_pin_fails_with_a_secure_channel_error_and_is_not_retried()
    {
        using var client = Client(_address, o => o.PinnedPublicKeySha256.Add(Convert.ToBase64String(SHA256.HashData("not the key"u8))));
        var before = Volatile.Read(ref s_connections);
        var error = Assert.ThrowsAsync<SecureChannelException>(() => client.GetStatusAsync());
        Assert.Multiple(() =>
        {
            Assert.That(Volatile.Read(ref s_connections) - before, Is.EqualTo(1), "one handshake, no retry");
            Assert.That(error!.Failure, Is.EqualTo(SecureChannelFailure.PinMismatch));
            Assert.That(error.Message, Does.Contain("pin").And.Not.Contain(SupportServerHost.ApiKey));
        });
    }

    [Test]
    public async Task S2_report_only_mode_lets_a_pin_mismatch_through()
    {
        using var client = Client(_address, o =>
        {
            o.PinnedPublicKeySha256.Add(Convert.ToBase64String(new byte[32]));
            o.PinReportOnly = true;
        });
        Assert.That((await client.GetStatusAsync()).IsOpen, Is.True);
    }

    [Test]
    public void S2_pins_never_replace_chain_validation()
    {
        using var untrusted = Client(_address, o => o.PinnedPublicKeySha256.Add(Pin(_leaf)), trustCa: false);
        using var wrongHost = Client(_wrongHostAddress, o => o.PinnedPublicKeySha256.Add(Pin(_wrongHostLeaf)));
        var e1 = Assert.ThrowsAsync<SecureChannelException>(() => untrusted.GetStatusAsync());
        var e2 = Assert.ThrowsAsync<SecureChannelException>(() => wrongHost.GetStatusAsync());
        Assert.Multiple(() =>
        {
            Assert.That(e1!.Failure, Is.EqualTo(SecureChannelFailure.CertificateInvalid), "an untrusted chain fails even with a matching pin");
            Assert.That(e2!.Failure, Is.EqualTo(SecureChannelFailure.CertificateInvalid), "a host-name mismatch fails even with a matching pin");
        });
    }

    [Test]
    public async Task S1_refused_endpoints_never_open_a_connection()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var socket = await listener.AcceptSocketAsync(stop.Token);
                    Interlocked.Increment(ref accepted);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        string[] refused =
        [
            $"http://127.0.0.1:{port}/",
            $"https://support.example-exchange.com@127.0.0.1:{port}/",
            $"https://127.0.0.1.evil.tld:{port}/",
        ];
        foreach (var endpoint in refused)
        {
            var options = new SupportClientOptions();
            options.AllowedHosts.Add("support.example-exchange.com");
            Assert.Throws<SecureChannelException>(() => new SupportClient(new Uri(endpoint), new ApiKeyCredential(SupportServerHost.ApiKey), options), endpoint);
        }

        await Task.Delay(50);
        await stop.CancelAsync();
        await accepting;
        Assert.That(accepted, Is.EqualTo(0));
    }

    private static async Task<(WebApplication App, Uri Address)> StartTlsAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Use(next => connection =>
            {
                Interlocked.Increment(ref s_connections);
                return next(connection);
            });
            l.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.MapGet("/v1/status", () => Results.Text("""{"isOpen":true,"hours":{"timeZone":"UTC","opensAtHour":0,"closesAtHour":24,"days":[]},"agentsOnline":0,"ticketsWaiting":0,"responseTargets":[]}""", "application/json"));
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return (app, new Uri($"https://127.0.0.1:{port}/"));
    }

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=SupportSdk Test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 ca, string dnsName, IPAddress? ip)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + dnsName, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        if (ip is not null)
        {
            san.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }
}

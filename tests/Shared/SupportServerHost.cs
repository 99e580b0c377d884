using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk;
using SupportSdk.Server;

namespace SupportSdk.Testing;

/// <summary>
/// A real Support API server on a loopback port (Kestrel, real sockets) over a fresh SQLite file, with the demo help
/// center imported from samples/SupportDesk/DemoData and known keys. Tests talk to it with plain HttpClients.
/// </summary>
public sealed class SupportServerHost : IAsyncDisposable
{
    public const string ApiKey = "ssk_api_test_0123456789abcdef0123456789";
    public const string AgentKey = "ssk_agent_test_0123456789abcdef01234567";
    public const string AgentName = "Agent Smith";

    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly List<HttpClient> _clients = [];

    private SupportServerHost(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public string DatabasePath => System.IO.Path.Combine(_directory, "support.db");

    /// <param name="store">Chooses another store on the server builder (e.g. <c>b => b.UsePostgreSql(…)</c>); SQLite in a temp folder when null.</param>
    public static async Task<SupportServerHost> StartAsync(Action<SupportServerOptions>? configure = null, TimeProvider? time = null, bool importFaq = true,
        Action<ILoggingBuilder>? configureLogging = null, Action<SupportServerBuilder>? store = null, Action<WebApplication>? map = null)
    {
        var directory = Directory.CreateTempSubdirectory("supportsdk-test-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.UseSupportRequestLimits());
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var server = builder.Services.AddSupportServer(o =>
        {
            o.DatabasePath = System.IO.Path.Combine(directory, "support.db");
            o.ApiKeys.Add(ApiKey);
            o.AgentKeys[AgentName] = AgentKey;
            o.RateLimitPerSecond = 10_000;
            o.RateLimitBurst = 10_000;

            // Tests of other things make many tickets, sockets and failed logins; the limit tests set their own.
            o.TicketsPerUserPerHour = 10_000;
            o.ChatConnectionsPerCaller = 1_000;
            o.AuthFailureBurst = 10_000;
            UseDemoChannels(o.OfficialChannels);
            configure?.Invoke(o);
        });
        store?.Invoke(server);
        builder.Services.AddSupportOpenApi();
        var app = builder.Build();
        app.UseWebSockets();
        app.UseRateLimiter();
        app.MapSupportApi();
        app.MapSupportHealthChecks();
        app.MapOpenApi();
        map?.Invoke(app);
        await app.StartAsync();
        if (importFaq)
        {
            await app.Services.GetRequiredService<SupportServerAdmin>().ImportZendeskHelpCenterAsync([TestData.HelpCenter]);
        }

        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new SupportServerHost(app, directory, address);
    }

    /// <summary>The demo brand of tests/TestData/README.md.</summary>
    public static void UseDemoChannels(OfficialChannelsOptions channels)
    {
        channels.Brand = "Example Exchange";
        channels.WebDomains.Add("example-exchange.com");
        channels.EmailDomains.Add("example-exchange.com");
        channels.PhoneNumbers.Add("+18005550199");
        channels.SocialHandles.Add("telegram:ExampleExchange");
        channels.SocialHandles.Add("telegram:ExampleExchangeSupport");
        channels.SocialHandles.Add("x:example_exchange");
    }

    /// <summary>The public key that signs this server's manifest.</summary>
    public string ManifestPublicKey => Services.GetRequiredService<SupportServerAdmin>().GetManifestPublicKey()!;

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>A client whose connections come from another loopback address (all of 127.0.0.0/8 is loopback),
    /// so the server sees another client address.</summary>
    public HttpClient ClientFrom(System.Net.IPAddress local, string? bearer = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new System.Net.IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        _clients.Add(client);
        return client;
    }

    public HttpClient Anonymous() => Client();

    public HttpClient Backend() => Client(ApiKey);

    public HttpClient Agent() => Client(AgentKey);

    public async Task<string> MintTokenAsync(string userId, string locale = "en-us", string? antiPhishingCode = null)
    {
        using var response = await Backend().PostAsJsonAsync("/v1/user-tokens", new { userId, displayName = "User " + userId, locale, antiPhishingCode });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync(SupportJsonContext.Default.UserToken);
        return token!.Token;
    }

    public async Task<HttpClient> UserAsync(string userId, string locale = "en-us", string? antiPhishingCode = null) =>
        Client(await MintTokenAsync(userId, locale, antiPhishingCode));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform is not a test failure; the OS temp cleaner gets it.
        }
    }
}

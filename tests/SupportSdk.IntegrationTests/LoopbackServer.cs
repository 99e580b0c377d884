using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk.Server;

namespace SupportSdk.IntegrationTests;

/// <summary>The real Support API server on a loopback port over a fresh SQLite file.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    public const string ApiKey = "ssk_api_integration_0123456789abcdef0123";
    public const string AgentKey = "ssk_agent_integration_0123456789abcdef01";
    private readonly WebApplication _app;
    private readonly string _directory;

    private LoopbackServer(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LoopbackServer> StartAsync(string helpCenter)
    {
        var directory = Directory.CreateTempSubdirectory("supportsdk-it-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSupportServer(o =>
        {
            o.DatabasePath = Path.Combine(directory, "support.db");
            o.ApiKeys.Add(ApiKey);
            o.AgentKeys["Integration Agent"] = AgentKey;
            o.RateLimitBurst = 100_000;
            o.RateLimitPerSecond = 100_000;
        });
        var app = builder.Build();
        app.MapSupportApi();
        await app.StartAsync();
        await app.Services.GetRequiredService<SupportServerAdmin>().ImportZendeskHelpCenterAsync([helpCenter]);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return new LoopbackServer(app, directory, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class SharedData
{
    public static string HelpCenter
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SupportSdk.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "faq", "help_center"));
                }
            }

            throw new InvalidOperationException("SupportSdk.sln not found");
        }
    }
}

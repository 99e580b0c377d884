using ExchangeDemo.Chat;
using ExchangeDemo.Help;
using ExchangeDemo.Localization;
using ExchangeDemo.Notifications;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SupportSdk.AspNetCore;
using SupportSdk.Server;

namespace ExchangeDemo.Hosting;

/// <summary>Builds and runs the website, with the support server in the same process unless told otherwise.</summary>
public static class DemoHost
{
    public static async Task<int> RunAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            DataFolder.Create(settings.DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot create the data folder {settings.DataDirectory}: {e.Message}");
            return 2;
        }

        var app = Build(settings);
        await using (app)
        {
            DemoKeys? keys = null;
            try
            {
                if (settings.Embedded)
                {
                    keys = await EmbeddedSupport.SeedAsync(app.Services.GetRequiredService<SupportServerAdmin>(), settings.DataDirectory, Console.Out, cancellationToken);
                }

                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }

            var site = SiteAddress(app);
            var support = app.Services.GetRequiredService<SupportConnection>();
            var supportEndpoint = keys is not null ? new Uri(site, "/") : settings.SupportEndpoint!;
            if (keys is not null)
            {
                // The website talks to its own embedded server over loopback, through the SDK like any backend.
                var manifestKey = app.Services.GetRequiredService<SupportServerAdmin>().GetManifestPublicKey();
                support.Connect(supportEndpoint, keys.ApiKey, manifestKey);
            }
            else
            {
                support.Connect(supportEndpoint, settings.ApiKey!, settings.ManifestPublicKey);
            }

            // The exchange's backend hears about support events through a webhook to this site: the notification bell.
            var webhook = await WebhookRegistration.EnsureAsync(await support.BackendAsync(), keys is not null ? "embedded" : supportEndpoint.AbsoluteUri, site, settings.DataDirectory,
                app.Services.GetRequiredService<WebhookSecret>(), Console.Out, cancellationToken);

            Console.WriteLine("Warming up: one walk through the pages, so your first clicks are fast…");
            await DemoWarmUp.RunAsync(site, support, cancellationToken);

            PrintBanner(site, settings, keys, webhook);

            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        }
    }

    private static WebApplication Build(DemoSettings settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(k => k.UseSupportRequestLimits());
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("SupportSdk", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // its keys sit in the owner-only data folder
        builder.Logging.AddSupportServerLogFilters(); // no raw URLs (which can hold what a user pasted) in the log

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton<SupportConnection>();
        services.AddSingleton<ExchangeDemo.Accounts.DemoAccountLocks>();
        services.AddSingleton<ChatSendSessions>();
        services.AddSingleton<HelpCenterLinks>();
        services.AddHttpContextAccessor();
        services.AddScoped<UiContext>();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Tickets");
            o.Conventions.AuthorizePage("/Chat");
            o.Conventions.AuthorizePage("/Mailbox");
            o.Conventions.AuthorizeFolder("/Notifications");
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/signin";
            o.Cookie.Name = "demo-auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
        });
        services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        AddNotifications(services, settings);
        services.AddDataProtection().SetApplicationName("ExchangeDemo")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "cookie-keys")));
        if (settings.Embedded)
        {
            EmbeddedSupport.Add(services, settings, builder.Configuration);
        }

        var app = builder.Build();
        app.UseSiteErrorPages(IsSupportApi);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseWebSockets();   // the embedded Support API's live chat streams
        if (settings.Embedded)
        {
            app.UseRateLimiter(); // its per-caller limits (RequireRateLimiting on its endpoints); registered by AddSupportServer
        }

        app.MapRazorPages();
        app.MapLanguageSwitch();
        app.MapHelpEndpoints();
        app.MapChatEndpoints();
        app.MapNotificationEndpoints();
        app.MapSupportWebhooks(WebhookRegistration.Path, app.Services.GetRequiredService<SupportNotifications>().HandleAsync);
        if (settings.Embedded)
        {
            app.MapSupportApi();
            app.MapSupportHealthChecks();
            app.MapOpenApi();
            SupportDesk.AgentConsole.Map(app);
        }
        else
        {
            app.MapGet("/agent", () => Results.Redirect(new Uri(settings.SupportEndpoint!, "/agent").AbsoluteUri));
        }

        return app;
    }

    /// <summary>
    /// The bell: support's events arrive at <see cref="WebhookRegistration.Path"/> (SupportSdk.AspNetCore's receiver,
    /// verifying with the endpoint's secret) and become the signed-in users' notifications.
    /// </summary>
    private static void AddNotifications(IServiceCollection services, DemoSettings settings)
    {
        var secret = new WebhookSecret(DataFolder.ReadWebhook(settings.DataDirectory)?.Secret);
        services.AddSingleton(secret);
        services.AddSingleton<IOptionsChangeTokenSource<SupportWebhookOptions>>(secret);
        services.AddSupportWebhooks().Configure<WebhookSecret>((o, current) => o.Secrets.Add(current.Current));
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<SupportNotifications>();
    }

    /// <summary>Paths that answer for themselves (problem+json, or a bare status for a webhook sender), never with the site's error page.</summary>
    private static bool IsSupportApi(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/health") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/hooks");

    /// <summary>The address to open: the first one Kestrel bound, with a wildcard host shown as loopback.</summary>
    private static Uri SiteAddress(WebApplication app)
    {
        var first = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new UriBuilder(first);
        if (uri.Host is "0.0.0.0" or "[::]" or "::" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }

    private static void PrintBanner(Uri site, DemoSettings settings, DemoKeys? keys, DemoWebhook? webhook)
    {
        Console.WriteLine();
        Console.WriteLine($"Example Exchange (demo) is running. Open {site}");
        if (keys is not null)
        {
            Console.WriteLine($"  Support server: embedded, same address (API at {new Uri(site, "/v1/")}, database in {settings.DataDirectory})");
            Console.WriteLine($"  Agent console:  {new Uri(site, "/agent")}  agent key: {keys.AgentKey}");
        }
        else
        {
            Console.WriteLine($"  Support server: {settings.SupportEndpoint}");
            Console.WriteLine($"  Agent console:  {new Uri(settings.SupportEndpoint!, "/agent")}  (with the agent key SupportDesk printed)");
        }

        if (webhook is not null)
        {
            Console.WriteLine($"  Notifications:  support's webhook {webhook.WebhookId} posts to {webhook.Url} (secret in {Path.Combine(settings.DataDirectory, DataFolder.WebhookFileName)})");
        }

        Console.WriteLine("  Sign in as Alice (English) or 李雷 (Chinese). Ctrl+C stops.");
    }
}

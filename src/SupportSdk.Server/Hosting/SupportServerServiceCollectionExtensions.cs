using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportSdk.Server;
using SupportSdk.Server.Attachments;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Hosting;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.Sqlite;
using SupportSdk.Server.Tickets;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Support API server in an ASP.NET Core application.</summary>
public static class SupportServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Support API services: the SQLite store, identity, FAQ index and request pipeline. Follow with
    /// <c>app.MapSupportApi()</c>. The schema is created or migrated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="SupportServerOptions"/>; optional when they are bound from configuration.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddSupportServer(this IServiceCollection services, Action<SupportServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SupportServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISupportStore>(sp => new SqliteSupportStore(sp.GetRequiredService<IOptions<SupportServerOptions>>().Value.DatabasePath));
        services.TryAddSingleton<UserTokenSigner>();
        services.TryAddSingleton<Credentials>();
        services.TryAddSingleton<SupportRateLimiter>();
        services.TryAddSingleton<AuthFailureThrottle>();
        services.TryAddSingleton<Idempotency>();
        services.TryAddSingleton<AgentPresence>();
        services.TryAddSingleton<AttachmentRules>();
        services.TryAddSingleton<TicketWorkflow>();
        services.TryAddSingleton<SupportSdk.Server.Security.MessageGuard>();
        services.TryAddSingleton<FaqCatalog>();
        services.TryAddSingleton<SupportSdk.Server.Channels.ManifestPublisher>();
        services.TryAddSingleton<SupportEndpointFilter>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatHub>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatLocks>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatQueue>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatBot>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatWorkflow>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatTranscripts>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatLifecycle>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatLongPoll>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatStreams>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatCallerLimits>();
        services.TryAddSingleton<SupportSdk.Server.Chat.CustomerRuns>();
        services.TryAddSingleton(sp => new SupportServerAdmin(sp.GetRequiredService<ISupportStore>(), sp.GetRequiredService<Credentials>(),
            sp.GetRequiredService<FaqCatalog>(), sp.GetRequiredService<IOptions<SupportServerOptions>>(), sp.GetRequiredService<SupportSdk.Server.Channels.ManifestPublisher>()));
        services.AddHostedService<SupportServerInitializer>();
        services.AddHostedService<StoreJanitor>();
        services.AddTransient<IStartupFilter, SupportStartupFilter>();
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            // No "servers": the framework would fill it from the request's Host header, which a client chooses.
            // Without it, a document's own address is the base, as OpenAPI specifies.
            document.Servers = [];
            return Task.CompletedTask;
        }));
        return services;
    }
}

/// <summary>
/// Puts <see cref="SupportRequestMiddleware"/> in front of the host's own pipeline, then WebSockets for the chat
/// streams (harmless when the host adds them too: the middleware steps aside when WebSockets are already on).
/// </summary>
internal sealed class SupportStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<SupportRequestMiddleware>();
        app.UseWebSockets();
        next(app);
    };
}

/// <summary>Migrates the schema and registers configured keys before the server takes requests.</summary>
internal sealed class SupportServerInitializer(SupportServerAdmin admin) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => admin.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

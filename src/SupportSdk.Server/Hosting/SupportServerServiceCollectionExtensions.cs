using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
    /// Adds the Support API's services: the store (SQLite unless another is chosen on the returned builder), its
    /// authentication schemes and authorization policies (beside the host's own), its rate-limiter policy, a health
    /// check of the store, and options validated when the host starts. Registers no middleware: map the endpoints with
    /// <c>MapSupportApi()</c>, and call <c>UseWebSockets()</c> (live chat) and <c>UseRateLimiter()</c> in the host's
    /// pipeline as for any endpoint that needs them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets <see cref="SupportServerOptions"/>; optional when they are bound from configuration.</param>
    /// <returns>A builder to choose the store and add optional parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static SupportServerBuilder AddSupportServer(this IServiceCollection services, Action<SupportServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SupportServerOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupportServerOptions>, SupportServerOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteSupportStore(sp.GetRequiredService<IOptions<SupportServerOptions>>().Value.DatabasePath));
        SupportStores.Use<SqliteSupportStore>(services, replace: false);
        services.TryAddSingleton<SupportSdk.Server.Cluster.IClusterBackplane, SupportSdk.Server.Cluster.LocalBackplane>();
        services.TryAddSingleton<SupportSdk.Server.Cluster.IStoreLeases, SupportSdk.Server.Cluster.LocalLeases>();
        services.TryAddSingleton<UserTokenSigner>();
        services.TryAddSingleton<Credentials>();
        services.TryAddSingleton<AuthFailureThrottle>();
        services.TryAddSingleton<CallerResolution>();
        services.TryAddSingleton<Idempotency>();
        services.TryAddSingleton<AgentPresence>();
        services.TryAddSingleton<AttachmentRules>();
        services.TryAddSingleton<TicketWorkflow>();
        services.TryAddSingleton<TicketSlaClock>();
        services.TryAddSingleton<SupportSdk.Server.Security.MessageGuard>();
        services.TryAddSingleton<FaqCatalog>();
        services.TryAddSingleton<FaqInsightsRecorder>();
        services.TryAddSingleton<SupportSdk.Server.Channels.ManifestPublisher>();
        services.TryAddSingleton<SupportEndpointFilter>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatHub>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatLocks>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatQueue>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatBot>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatWorkflow>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatTranscripts>();
        services.TryAddSingleton<SupportSdk.Server.Transcripts.TranscriptExports>();
        services.TryAddSingleton<SupportSdk.Server.Account.AccountLocks>();
        services.TryAddSingleton<SupportSdk.Server.Deposits.DepositLookups>();
        services.TryAddSingleton<SupportSdk.Server.Email.EmailInbox>();
        services.TryAddSingleton<SupportSdk.Server.Email.SupportMailer>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatLifecycle>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatLongPoll>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatStreams>();
        services.TryAddSingleton<SupportSdk.Server.Chat.ChatCallerLimits>();
        services.TryAddSingleton<SupportSdk.Server.Chat.CustomerRuns>();
        services.TryAddSingleton(sp => new SupportServerAdmin(sp.GetRequiredService<IStoreSchema>(), sp.GetRequiredService<ICredentialStore>(), sp.GetRequiredService<Credentials>(),
            sp.GetRequiredService<FaqCatalog>(), sp.GetRequiredService<IOptions<SupportServerOptions>>(), sp.GetRequiredService<SupportSdk.Server.Channels.ManifestPublisher>()));
        services.AddHostedService<SupportServerInitializer>();
        services.AddHostedService<StoreJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<FaqInsightsRecorder>());
        services.AddHostedService<SupportSdk.Server.Cluster.ClusterRelay>();
        services.TryAddSingleton<SupportSdk.Server.Webhooks.WebhookEvents>();
        services.AddHostedService<SupportSdk.Server.Webhooks.WebhookDispatcher>();
        services.AddHostedService<SlaSweeper>();
        services.AddHostedService<SupportSdk.Server.Email.SmtpListener>();
        services.AddHostedService<SupportSdk.Server.Email.MailOutboxSetup>();
        services.TryAddSingleton<SupportSdk.Server.Agents.AssignmentSignal>();
        services.TryAddSingleton<SupportSdk.Server.Agents.TicketAssigner>();
        services.AddHostedService(sp => sp.GetRequiredService<SupportSdk.Server.Agents.TicketAssigner>());

        // Webhook calls: no redirects, no proxy, the SSRF check at every connect, and no request logging (a receiver's
        // URL may carry its own token).
        services.AddHttpClient(SupportSdk.Server.Webhooks.WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var webhooks = sp.GetRequiredService<IOptions<SupportServerOptions>>().Value.Webhooks;
                return new System.Net.Http.SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                    ConnectCallback = (context, ct) => SupportSdk.Server.Webhooks.WebhookTargets.ConnectAsync(context.DnsEndPoint, webhooks.AllowPrivateTargets, ct),
                };
            })
            .RemoveAllLoggers();

        // The framework's own mechanisms, each beside whatever the host registers itself.
        services.AddAuthentication()
            .AddScheme<SupportCredentialOptions, SupportCredentialHandler>(SupportAuthenticationSchemes.UserToken, o => o.Kind = PrincipalKinds.User)
            .AddScheme<SupportCredentialOptions, SupportCredentialHandler>(SupportAuthenticationSchemes.AgentKey, o => o.Kind = PrincipalKinds.Agent)
            .AddScheme<SupportCredentialOptions, SupportCredentialHandler>(SupportAuthenticationSchemes.ApiKey, o => o.Kind = PrincipalKinds.ApiKey);
        services.AddAuthorizationBuilder()
            .AddPolicy(SupportAuthorizationPolicies.User, p => p.AddAuthenticationSchemes(SupportAuthenticationSchemes.UserToken).RequireAuthenticatedUser())
            .AddPolicy(SupportAuthorizationPolicies.Agent, p => p.AddAuthenticationSchemes(SupportAuthenticationSchemes.AgentKey).RequireAuthenticatedUser())
            .AddPolicy(SupportAuthorizationPolicies.Backend, p => p.AddAuthenticationSchemes(SupportAuthenticationSchemes.ApiKey).RequireAuthenticatedUser())
            .AddPolicy(SupportAuthorizationPolicies.UserOrAgent, p => p
                .AddAuthenticationSchemes(SupportAuthenticationSchemes.UserToken, SupportAuthenticationSchemes.AgentKey).RequireAuthenticatedUser())
            .AddPolicy(SupportAuthorizationPolicies.AgentOrBackend, p => p
                .AddAuthenticationSchemes(SupportAuthenticationSchemes.AgentKey, SupportAuthenticationSchemes.ApiKey).RequireAuthenticatedUser());
        services.AddRateLimiter(o => o.AddPolicy<string, CallerRateLimitPolicy>(SupportRateLimiterPolicies.PerCaller));
        services.AddHealthChecks().AddCheck<SupportStoreHealthCheck>(SupportStoreHealthCheck.Name, HealthStatus.Unhealthy, [SupportStoreHealthCheck.Tag]);
        return new SupportServerBuilder(services);
    }

    /// <summary>
    /// Adds an OpenAPI document of the Support API's endpoints alone, under a name the host chooses; map it with the
    /// host's <c>MapOpenApi()</c> (served at <c>/openapi/{documentName}.json</c>). The document has no
    /// <c>servers</c> entry: the framework would fill it from the request's Host header, which a client chooses.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="documentName">The document name.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddSupportOpenApi(this IServiceCollection services, string documentName = "v1")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(documentName);
        services.AddOpenApi(documentName, o =>
        {
            o.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.OfType<SupportApiEndpoint>().Any();
            o.AddOperationTransformer(OptionalJsonBody.DescribeAsync);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Servers = [];
                document.Info.Title = "Support API";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}

/// <summary>Migrates the schema and registers configured keys before the server takes requests.</summary>
internal sealed class SupportServerInitializer(SupportServerAdmin admin) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => admin.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

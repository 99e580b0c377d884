using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using SupportSdk;
using SupportSdk.Core;
using SupportSdk.Http;
using SupportSdk.Security;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="SupportClient"/> with <see cref="IHttpClientFactory"/>.</summary>
public static class SupportClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the SDK uses from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "SupportSdk";

    /// <summary>
    /// Registers a singleton <see cref="SupportClient"/> over a factory-managed <see cref="HttpClient"/> with the SDK's
    /// pipeline. Handlers you add to the returned builder run on every attempt, after authentication, just before the
    /// transport.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (at least <see cref="SupportClientOptions.Endpoint"/> and a credential or API key); optional when they are bound from configuration.</param>
    /// <returns>The HTTP client builder, for adding handlers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IHttpClientBuilder AddSupportClient(this IServiceCollection services, Action<SupportClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SupportClientOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<SupportClientServices>();
        services.TryAddSingleton(sp =>
        {
            var shared = sp.GetRequiredService<SupportClientServices>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            return new SupportClient(new ClientParts(() => factory.CreateClient(HttpClientName), null, shared.Policy, shared.Pinning, shared.Credential, shared.Settings, shared.Logger));
        });

        return services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => SupportHandlerChain.CreateTransport(sp.GetRequiredService<SupportClientServices>().Pinning))
            .AddHttpMessageHandler(sp =>
            {
                var shared = sp.GetRequiredService<SupportClientServices>();
                return new SupportHandler(shared.Policy, shared.Pinning, shared.Resilience, shared.Credential, shared.Logger);
            });
    }
}

/// <summary>
/// What the factory-made handlers share for the container's lifetime: the settings, the secure-channel policy, the
/// credential and one resilience pipeline, so circuit-breaker state survives handler rotation.
/// </summary>
internal sealed class SupportClientServices
{
    public SupportClientServices(IOptions<SupportClientOptions> options, ILoggerFactory? loggers = null)
    {
        var values = options.Value;
        var endpoint = values.Endpoint ?? throw new InvalidOperationException("Set SupportClientOptions.Endpoint.");
        Credential = values.Credential
            ?? (values.ApiKey is { Length: > 0 } key ? new ApiKeyCredential(key) : throw new InvalidOperationException("Set SupportClientOptions.Credential or ApiKey."));
        Settings = ClientSettings.From(values);
        Policy = new SecureChannelPolicy(endpoint, Settings);
        Resilience = SupportResilience.Start(Settings);
        Logger = (Settings.LoggerFactory ?? loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger("SupportSdk");
        Pinning = new CertificatePinning(Settings, Logger);
    }

    public CertificatePinning Pinning { get; }

    public ClientSettings Settings { get; }

    public SecureChannelPolicy Policy { get; }

    public SupportCredential Credential { get; }

    public ResilienceSetup Resilience { get; }

    public ILogger Logger { get; }
}

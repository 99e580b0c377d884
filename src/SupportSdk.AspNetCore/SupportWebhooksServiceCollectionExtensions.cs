using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SupportSdk.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what <c>MapSupportWebhooks</c> needs.</summary>
public static class SupportWebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the webhook receiver: its options (validated when the host starts: at least one well-formed secret) and the
    /// in-memory dedupe store, unless an <see cref="IWebhookDeduplicationStore"/> is registered.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options, e.g. <c>o =&gt; o.Secrets.Add(secret)</c>; optional when they are bound from configuration.</param>
    /// <returns>The options builder, e.g. to <c>BindConfiguration("SupportWebhooks")</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static OptionsBuilder<SupportWebhookOptions> AddSupportWebhooks(this IServiceCollection services, Action<SupportWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SupportWebhookOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SupportWebhookOptions>, SupportWebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookDeduplicationStore, InMemoryWebhookDeduplicationStore>();
        services.TryAddSingleton<WebhookReceiver>();
        return options;
    }
}

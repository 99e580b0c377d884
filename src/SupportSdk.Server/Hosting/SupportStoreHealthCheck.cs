using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Hosting;

/// <summary>The Support API's health: the store answers a query now, with the help center's article count.</summary>
internal sealed class SupportStoreHealthCheck(ICredentialStore store, FaqCatalog catalog) : IHealthCheck
{
    public const string Name = "support-store";
    public const string Tag = "support";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CountKeysAsync(cancellationToken).ConfigureAwait(false);
            var faq = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["faqArticles"] = faq.ArticleCount });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's type only: driver messages can carry connection details.
            return HealthCheckResult.Unhealthy("The store does not answer (" + e.GetType().Name + ").");
        }
    }
}

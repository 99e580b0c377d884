using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk;
using SupportSdk.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the endpoint the Support API POSTs its webhooks to.</summary>
public static class SupportWebhooksEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c>: verifies the Standard Webhooks signature with the secrets of
    /// <see cref="SupportWebhookOptions"/> (401 when it fails, with no detail), calls <paramref name="handler"/> once per
    /// event id, and answers 204 only after it returned; when it throws the answer is 500 and the sender retries. A
    /// retried or replayed event that was handled is answered 204 without calling it again. Needs
    /// <c>services.AddSupportWebhooks(…)</c>.
    /// </summary>
    /// <param name="endpoints">The host's route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/support</c>: the URL registered with <c>CreateWebhookAsync</c>.</param>
    /// <param name="handler">Handles one verified event; cancelled when the sender gives up on the request.</param>
    /// <returns>The endpoint, for the host's conventions (<c>RequireHost</c>, rate limiting, …).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSupportWebhooks</c> was not called.</exception>
    public static IEndpointConventionBuilder MapSupportWebhooks(this IEndpointRouteBuilder endpoints, string pattern, Func<WebhookEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Map(endpoints, pattern, (_, webhookEvent, cancellationToken) => handler(webhookEvent, cancellationToken));
    }

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> as <see cref="MapSupportWebhooks(IEndpointRouteBuilder, string, Func{WebhookEvent, CancellationToken, Task})"/>
    /// does, handling each event with a <typeparamref name="THandler"/> from the request's services (created for the
    /// request when it is not registered).
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="endpoints">The host's route builder.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/support</c>.</param>
    /// <returns>The endpoint, for the host's conventions.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddSupportWebhooks</c> was not called.</exception>
    public static IEndpointConventionBuilder MapSupportWebhooks<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IEndpointRouteBuilder endpoints, string pattern)
        where THandler : class, ISupportWebhookHandler =>
        Map(endpoints, pattern, static (context, webhookEvent, cancellationToken) =>
            ActivatorUtilities.GetServiceOrCreateInstance<THandler>(context.RequestServices).HandleAsync(webhookEvent, cancellationToken));

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, WebhookEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(WebhookReceiver)) == false)
        {
            throw new InvalidOperationException("Call services.AddSupportWebhooks(o => o.Secrets.Add(…)) before MapSupportWebhooks.");
        }

        return endpoints.MapPost(pattern, context => context.RequestServices.GetRequiredService<WebhookReceiver>().ReceiveAsync(context, handler));
    }
}

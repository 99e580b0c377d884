using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportSdk.Server;
using SupportSdk.Server.Agents;
using SupportSdk.Server.Attachments;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Hosting;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;
using SupportSdk.Server.Tickets;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Support API v1 routes onto the host's routes.</summary>
public static class SupportApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every Support API v1 route under <paramref name="prefix"/> (e.g. <c>/v1</c>, or <c>/support/v1</c> beside a
    /// host's own API), each with its authorization policy and the <see cref="SupportRateLimiterPolicies.PerCaller"/>
    /// rate limit, and an answer for anything else under the prefix (404, 405 or 415 problem+json). Needs
    /// <c>services.AddSupportServer()</c>; live chat needs <c>app.UseWebSockets()</c>, rate limits need
    /// <c>app.UseRateLimiter()</c>.
    /// </summary>
    /// <param name="endpoints">The host's route builder.</param>
    /// <param name="prefix">The path the API lives under.</param>
    /// <returns>The route group, for the host's conventions (<c>RequireHost</c>, CORS, its own filters).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    public static RouteGroupBuilder MapSupportApi(this IEndpointRouteBuilder endpoints, string prefix = "/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var api = endpoints.MapGroup(prefix);

        // Resolved when the endpoints are built (the first request), not here: the host validates the options at
        // start, and mapping must not create the store or read options before that.
        api.AddEndpointFilterFactory((context, next) =>
        {
            var filter = context.ApplicationServices.GetRequiredService<SupportEndpointFilter>();
            return invocation => filter.InvokeAsync(invocation, next);
        });
        api.WithMetadata(SupportApiEndpoint.Instance, new SupportApiPrefix(prefix));
        api.RequireRateLimiting(SupportRateLimiterPolicies.PerCaller);
        api.ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(429);
        UserTokenEndpoints.Map(api);
        TicketEndpoints.Map(api);
        AttachmentEndpoints.Map(api);
        AgentTicketEndpoints.Map(api);
        AgentEndpoints.Map(api);
        TicketWorkspaceEndpoints.Map(api);
        ReportEndpoints.Map(api);
        SupportSdk.Server.Account.AccountEndpoints.Map(api);
        FaqEndpoints.Map(api);
        FaqInsightsEndpoints.Map(api);
        StatusEndpoints.Map(api);
        SupportSdk.Server.Channels.ChannelEndpoints.Map(api);
        SupportSdk.Server.Transcripts.TranscriptExports.Map(api);
        SupportSdk.Server.Deposits.DepositEndpoints.Map(api);
        SupportSdk.Server.Email.EmailEndpoints.Map(api);
        SupportSdk.Server.Chat.ChatEndpoints.Map(api);
        SupportSdk.Server.Chat.AgentChatEndpoints.Map(api);
        SupportSdk.Server.Webhooks.WebhookEndpoints.Map(api);
        api.MapFallback("{**path}", UnmatchedRoute.AnswerAsync).AllowAnonymous().ExcludeFromDescription();
        return api;
    }

    /// <summary>
    /// Maps the health endpoint of the Support API (the store check, with the help center's article count), answering
    /// <c>{"status":"Healthy"|"Unhealthy", "faqArticles":…}</c> with 200 or 503.
    /// </summary>
    /// <param name="endpoints">The host's route builder.</param>
    /// <param name="pattern">The path.</param>
    /// <returns>The endpoint's convention builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    public static IEndpointConventionBuilder MapSupportHealthChecks(this IEndpointRouteBuilder endpoints, string pattern = "/health")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHealthChecks(pattern, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(SupportStoreHealthCheck.Tag),
            ResponseWriter = WriteHealthAsync,
        }).AllowAnonymous();
    }

    private static async Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString().ToLowerInvariant());
        foreach (var entry in report.Entries.Values)
        {
            foreach (var (key, value) in entry.Data)
            {
                if (value is int number)
                {
                    json.WriteNumber(key, number);
                }
            }
        }

        json.WriteEndObject();
    }
}

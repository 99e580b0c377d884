using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Agents;
using SupportSdk.Server.Attachments;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;
using SupportSdk.Server.Tickets;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Support API v1 routes.</summary>
public static class SupportApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every Support API v1 route under <c>/v1</c>, <c>GET /health</c> and the OpenAPI document at
    /// <c>/openapi/v1.json</c>. Needs <c>services.AddSupportServer()</c>.
    /// </summary>
    /// <param name="endpoints">The application's route builder.</param>
    /// <returns>The <c>/v1</c> route group, for adding conventions (CORS policies, host filters, ...).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    public static RouteGroupBuilder MapSupportApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var filter = endpoints.ServiceProvider.GetRequiredService<SupportEndpointFilter>();
        var v1 = endpoints.MapGroup("/v1");
        v1.AddEndpointFilter(filter);
        v1.ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(429);
        UserTokenEndpoints.Map(v1);
        TicketEndpoints.Map(v1);
        AttachmentEndpoints.Map(v1);
        AgentTicketEndpoints.Map(v1);
        FaqEndpoints.Map(v1);
        StatusEndpoints.Map(v1);
        SupportSdk.Server.Channels.ChannelEndpoints.Map(v1);
        SupportSdk.Server.Chat.ChatEndpoints.Map(v1);
        SupportSdk.Server.Chat.AgentChatEndpoints.Map(v1);
        endpoints.MapGet("/health", HealthAsync).WithTags("Status").ExcludeFromDescription();
        endpoints.MapOpenApi();
        return v1;
    }

    private static async Task<IResult> HealthAsync(FaqCatalog catalog, HttpContext http)
    {
        var faq = await catalog.GetAsync(http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Text($"{{\"status\":\"ok\",\"faqArticles\":{faq.ArticleCount}}}", "application/json");
    }
}

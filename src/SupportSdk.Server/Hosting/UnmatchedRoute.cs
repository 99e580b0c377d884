using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Hosting;

/// <summary>
/// The Support API's answer for a request under its prefix that no endpoint took: 405 when the path is an API route
/// for other methods, 415 when it is one for this method but another content type, otherwise 404 — as problem+json,
/// like every other error, instead of the framework's empty status codes.
/// </summary>
internal static class UnmatchedRoute
{
    public static Task AnswerAsync(HttpContext http)
    {
        RequestIds.Assign(http);
        var path = http.Request.Path;
        var sameMethod = false;
        var samePath = false;
        foreach (var endpoint in http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<SupportApiEndpoint>() is null || endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods
                || !new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()).TryMatch(path, new RouteValueDictionary()))
            {
                continue;
            }

            samePath = true;
            sameMethod |= methods.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase);
        }

        var error = (samePath, sameMethod) switch
        {
            (true, true) => new ApiError(415, ErrorCodes.UnsupportedMediaType, "This route does not accept that content type."),
            (true, false) => new ApiError(405, ErrorCodes.MethodNotAllowed, "The route does not accept this method."),
            _ => new ApiError(404, ErrorCodes.NotFound, "There is no such route."),
        };
        return Problems.WriteAsync(http, error);
    }
}

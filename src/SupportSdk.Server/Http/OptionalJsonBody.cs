using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SupportSdk.Server.Http;

/// <summary>
/// A JSON body an endpoint reads when one is sent (escalate, transfer, start a chat). It is documented in the OpenAPI
/// document but kept out of routing: ASP.NET Core's content-type matcher answers a POST without a Content-Type with 415
/// for any endpoint that declares <c>Accepts</c>, even with <c>isOptional</c>; the handler checks the type itself
/// (<see cref="JsonBody"/>).
/// </summary>
internal sealed record OptionalJsonBody(Type BodyType)
{
    /// <summary>Adds the optional body to the operations of endpoints that carry this metadata.</summary>
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OptionalJsonBody>().FirstOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.BodyType, null, cancellationToken).ConfigureAwait(false);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = false,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        };
    }
}

/// <summary>Declares an <see cref="OptionalJsonBody"/> on an endpoint.</summary>
internal static class OptionalJsonBodyExtensions
{
    public static RouteHandlerBuilder AcceptsOptionalJson<T>(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new OptionalJsonBody(typeof(T)));
}

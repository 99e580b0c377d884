using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SupportSdk.Server.Http;

/// <summary>Reads JSON request bodies through the source-generated context, mapping every failure to a 4xx.</summary>
internal static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new ApiError(415, ErrorCodes.UnsupportedMediaType, "Send the body as application/json.");
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
            return value ?? throw new ApiError(400, ErrorCodes.InvalidJson, "The body must be a JSON object.");
        }
        catch (JsonException error)
        {
            // Only the JSON path is echoed, never the offending value.
            throw new ApiError(400, ErrorCodes.InvalidJson, "The body is not valid JSON for this request.",
                error.Path is { Length: > 0 } path ? $"Check the value at '{path}'." : "The body is not well-formed JSON.");
        }
    }

    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = 200) =>
        TypedResults.Json(value, typeInfo, statusCode: status);
}

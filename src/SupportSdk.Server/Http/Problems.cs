using Microsoft.AspNetCore.Http;

namespace SupportSdk.Server.Http;

/// <summary>Writes RFC 9457 problem responses.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext context, ApiError error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteAsync(context, error.Status, error.Code, error.Message, error.Detail, error.Errors, error.Findings, error.Messages);
    }

    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyList<SensitiveFinding>? findings = null, IReadOnlyList<TicketMessage>? messages = null)
    {
        var problem = new SupportProblem
        {
            Type = "https://supportsdk.dev/problems/" + code.Replace('_', '-'),
            Title = title,
            Status = status,
            Detail = detail,
            Code = code,
            RequestId = RequestIds.Get(context),
            Errors = errors,
            Findings = findings,
            Messages = messages,
        };
        context.Response.StatusCode = status;
        if (status == 401)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        context.Response.ContentType = ContentType;
        await System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, problem, WireJson.Support.SupportProblem, context.RequestAborted).ConfigureAwait(false);
    }
}

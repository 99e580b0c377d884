using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace SupportDesk;

/// <summary>
/// One log line per request: method, the matched route's pattern (never the path or query as sent, which can hold
/// whatever a user pasted), status and time. Replaces ASP.NET Core's own request log, which writes the raw URL.
/// </summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Finished(logger, context.Request.Method, route, context.Response.StatusCode, elapsed);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void Finished(ILogger logger, string method, string route, int status, double elapsedMs);
}

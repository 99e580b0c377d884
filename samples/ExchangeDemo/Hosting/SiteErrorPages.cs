using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace ExchangeDemo.Hosting;

/// <summary>
/// The website's error pages: a failure or an empty 4xx on a site page is shown by running <c>/error</c> in its
/// place. Support API paths are left alone (the server answers problem+json itself, from further out), which is
/// why this is not the stock exception handler: that one would turn the API's own refusals into HTML.
/// Must come before <c>UseRouting</c> so the re-run is routed again.
/// </summary>
public static partial class SiteErrorPages
{
    public static IApplicationBuilder UseSiteErrorPages(this IApplicationBuilder app, Func<PathString, bool> isSupportApi)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("ExchangeDemo.Errors");
        return app.Use(async (http, next) =>
        {
            if (isSupportApi(http.Request.Path) || http.Request.Path.StartsWithSegments("/chat/api"))
            {
                await next(http);
                return;
            }

            try
            {
                await next(http);
                if (http.Response.StatusCode is >= 400 and < 500 && !http.Response.HasStarted && http.Response.ContentLength is null
                    && string.IsNullOrEmpty(http.Response.ContentType))
                {
                    await ShowErrorAsync(http, next, http.Response.StatusCode, null);
                }
            }
            catch (Exception error) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
            {
                LogFailure(logger, http.Request.Path, error.GetType().Name, error.Message);
                await ShowErrorAsync(http, next, 500, error);
            }
        });
    }

    private static async Task ShowErrorAsync(HttpContext http, RequestDelegate next, int status, Exception? error)
    {
        var path = http.Request.Path.Value ?? "/";
        http.Response.Clear();
        http.SetEndpoint(null);
        http.Request.RouteValues.Clear();
        http.Request.Method = HttpMethods.Get;
        http.Request.Path = "/error";
        http.Request.QueryString = QueryString.Create("status", status.ToString(CultureInfo.InvariantCulture));
        if (error is not null)
        {
            http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = error, Path = path });
        }

        await next(http);
    }

    // SDK exception messages never carry keys, tokens or secrets (by design), so they can be logged.
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "{Path} failed: {ExceptionType}: {Message}")]
    private static partial void LogFailure(ILogger logger, string path, string exceptionType, string message);
}

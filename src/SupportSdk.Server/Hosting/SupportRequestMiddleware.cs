using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Hosting;

/// <summary>
/// The outermost layer for Support API paths: assigns the request id, caps body sizes, and turns every refusal or
/// fault into problem+json so that no caller ever sees an empty error or a stack trace.
/// </summary>
internal sealed partial class SupportRequestMiddleware(RequestDelegate next, IOptions<SupportServerOptions> options, ILogger<SupportRequestMiddleware> logger)
{
    private readonly SupportServerOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1") && !path.StartsWithSegments("/health"))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        RequestIds.Assign(context);
        var limit = IsUpload(context.Request) ? _options.MaxAttachmentBytes + 64 * 1024 : _options.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        try
        {
            if (context.Request.ContentLength > limit)
            {
                throw new ApiError(413, ErrorCodes.PayloadTooLarge, "The request body is too large.", $"At most {limit} bytes are accepted here.");
            }

            RequestLimits.Check(context.Request);

            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.ContentLength is null && string.IsNullOrEmpty(context.Response.ContentType))
            {
                switch (context.Response.StatusCode)
                {
                    case 404:
                        await Problems.WriteAsync(context, 404, ErrorCodes.NotFound, "There is no such route.").ConfigureAwait(false);
                        break;
                    case 405:
                        await Problems.WriteAsync(context, 405, ErrorCodes.MethodNotAllowed, "The route does not accept this method.").ConfigureAwait(false);
                        break;
                    case 415:
                        await Problems.WriteAsync(context, 415, ErrorCodes.UnsupportedMediaType, "This route does not accept that content type.").ConfigureAwait(false);
                        break;
                }
            }
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            ResetResponse(context);
            await Problems.WriteAsync(context, error).ConfigureAwait(false);
        }
        catch (BadHttpRequestException error) when (!context.Response.HasStarted)
        {
            ResetResponse(context);
            var code = error.StatusCode == 413 ? ErrorCodes.PayloadTooLarge : ErrorCodes.InvalidJson;
            var title = error.StatusCode == 413 ? "The request body is too large." : "The request could not be read.";
            await Problems.WriteAsync(context, error.StatusCode, code, title).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
        }
        catch (Exception error) when (!context.Response.HasStarted)
        {
            LogUnhandled(logger, error.GetType().Name, RequestIds.Get(context));
            ResetResponse(context);
            await Problems.WriteAsync(context, 500, ErrorCodes.InternalError, "The server failed to process the request.",
                "Retry with the same Idempotency-Key; quote the requestId when you contact support.").ConfigureAwait(false);
        }
    }

    private static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/v1/attachments", StringComparison.OrdinalIgnoreCase);

    private static void ResetResponse(HttpContext context)
    {
        var requestId = RequestIds.Get(context);
        context.Response.Clear();
        context.Response.Headers[RequestIds.Header] = requestId;
    }

    // Only the exception type is logged: messages of parser or driver exceptions can echo request content.
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} while processing request {RequestId}.")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string requestId);
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Hosting;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Http;

/// <summary>
/// Runs for every Support API endpoint (a filter on the group <c>MapSupportApi</c> returns, never middleware of the
/// host's): assigns the request id, applies the body-size and URL/header limits, knows the caller, and turns every
/// refusal or fault into problem+json with a stable code, so no caller ever sees an empty error or a stack trace.
/// Authentication and rate limiting are the framework's own (schemes, policies, <c>RequireRateLimiting</c>).
/// </summary>
internal sealed partial class SupportEndpointFilter(CallerResolution callers, AgentPresence presence, SupportSdk.Server.Webhooks.WebhookEvents webhooks, IOptions<SupportServerOptions> options,
    ILogger<SupportEndpointFilter> logger)
    : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        RequestIds.Assign(http);
        try
        {
            ApplyBodyLimit(http);
            RequestLimits.Check(http.Request);
            var caller = await callers.ResolveAsync(http).ConfigureAwait(false);
            if (caller.StoreUnavailable)
            {
                throw Unavailable();
            }

            if (caller.Principal is { Kind: PrincipalKinds.Agent } agent)
            {
                presence.Seen(agent.Id);
            }

            return await next(context).ConfigureAwait(false);
        }
        catch (ApiError error) when (!http.Response.HasStarted)
        {
            if (error.Findings is { Count: > 0 } findings && error.Code == ErrorCodes.SensitiveDataBlocked)
            {
                // The exchange's security team hears that this user was about to hand over a secret (never what it was).
                var id = http.Request.RouteValues.TryGetValue("id", out var value) ? value as string : null;
                var chat = http.Request.Path.Value?.Contains("/chats", StringComparison.Ordinal) == true;
                await webhooks.SecretBlockedAsync(http.Principal(), chat ? "chat" : "ticket", chat ? null : id, chat ? id : null, findings).ConfigureAwait(false);
            }

            return new ProblemResult(error);
        }
        catch (BadHttpRequestException error) when (!http.Response.HasStarted)
        {
            return new ProblemResult(error.StatusCode == 413
                ? new ApiError(413, ErrorCodes.PayloadTooLarge, "The request body is too large.")
                : new ApiError(error.StatusCode is >= 400 and < 500 ? error.StatusCode : 400, ErrorCodes.InvalidJson, "The request could not be read."));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is nobody to answer.
            return Results.Empty;
        }
        catch (Exception error) when (!http.Response.HasStarted && StoreFaults.IsUnavailable(error))
        {
            LogStoreUnavailable(logger, error.GetType().Name, RequestIds.Get(http));
            return new ProblemResult(Unavailable());
        }
        catch (Exception error) when (!http.Response.HasStarted && error is not OutOfMemoryException)
        {
            LogUnhandled(logger, error.GetType().Name, RequestIds.Get(http));
            return new ProblemResult(new ApiError(500, ErrorCodes.InternalError, "The server failed to process the request.",
                "Retry with the same Idempotency-Key; quote the requestId when you contact support."));
        }
    }

    /// <summary>503 <c>store_unavailable</c>: the database cannot be reached now; nothing was changed by a write the
    /// store refused, and a retry with the same Idempotency-Key is safe.</summary>
    public static ApiError Unavailable() => new(503, ErrorCodes.StoreUnavailable, "The support database cannot be reached right now.",
        "Retry shortly with the same Idempotency-Key.") { RetryAfter = StoreFaults.RetryAfter };

    private void ApplyBodyLimit(HttpContext http)
    {
        var o = options.Value;
        var metadata = http.GetEndpoint()?.Metadata;
        var limit = metadata?.GetMetadata<AcceptsMail>() is not null ? o.Email.MaxMessageBytes
            : metadata?.GetMetadata<AcceptsUpload>() is null ? o.MaxRequestBodyBytes : o.MaxAttachmentBytes + 64 * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            throw new ApiError(413, ErrorCodes.PayloadTooLarge, "The request body is too large.", $"At most {limit} bytes are accepted here.");
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The store is unavailable ({ExceptionType}); request {RequestId} answered 503.")]
    private static partial void LogStoreUnavailable(ILogger logger, string exceptionType, string requestId);

    // Only the exception type is logged: messages of parser or driver exceptions can echo request content.
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} while processing request {RequestId}.")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string requestId);
}

/// <summary>A Support API refusal as an <see cref="IResult"/>: problem+json with its code (and Retry-After).</summary>
internal sealed class ProblemResult(ApiError error) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => Problems.WriteAsync(httpContext, error);
}

/// <summary>Endpoint metadata: the endpoint takes a file upload, so its body may be as large as an attachment.</summary>
internal sealed class AcceptsUpload
{
    public static readonly AcceptsUpload Instance = new();
}

/// <summary>Endpoint metadata: the endpoint takes a raw mail, so its body may be as large as <see cref="EmailOptions.MaxMessageBytes"/>.</summary>
internal sealed class AcceptsMail
{
    public static readonly AcceptsMail Instance = new();
}

/// <summary>Endpoint helpers for the caller the Support API's schemes resolved.</summary>
internal static class PrincipalExtensions
{
    /// <summary>The caller: the principal of a valid Support API credential, or an anonymous caller known by its address.</summary>
    public static SupportPrincipal Principal(this HttpContext context) =>
        CallerResolution.Resolved(context)?.Principal ?? SupportPrincipal.AnonymousAt(context.Connection.RemoteIpAddress);

    /// <summary>Which kinds of caller may use the endpoints: the matching authorization policy, or anonymous access.</summary>
    public static TBuilder Allow<TBuilder>(this TBuilder builder, PrincipalKinds kinds) where TBuilder : IEndpointConventionBuilder => kinds switch
    {
        PrincipalKinds.Anonymous => builder.AllowAnonymous(),
        PrincipalKinds.User => builder.RequireAuthorization(SupportAuthorizationPolicies.User),
        PrincipalKinds.Agent => builder.RequireAuthorization(SupportAuthorizationPolicies.Agent),
        PrincipalKinds.ApiKey => builder.RequireAuthorization(SupportAuthorizationPolicies.Backend),
        PrincipalKinds.User | PrincipalKinds.Agent => builder.RequireAuthorization(SupportAuthorizationPolicies.UserOrAgent),
        PrincipalKinds.Agent | PrincipalKinds.ApiKey => builder.RequireAuthorization(SupportAuthorizationPolicies.AgentOrBackend),
        _ => throw new ArgumentOutOfRangeException(nameof(kinds), kinds, "No policy for this combination."),
    };
}

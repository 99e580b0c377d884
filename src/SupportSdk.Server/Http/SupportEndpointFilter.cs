using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;

namespace SupportSdk.Server.Http;

/// <summary>
/// Runs for every Support API endpoint, in this order: resolve and check the caller, rate-limit per caller, then
/// make POSTs idempotent. Each step refuses with a problem response and a stable code.
/// </summary>
internal sealed class SupportEndpointFilter(Credentials credentials, SupportRateLimiter rateLimiter, AuthFailureThrottle authFailures, Idempotency idempotency, AgentPresence presence) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var allowed = http.GetEndpoint()?.Metadata.GetMetadata<AllowedPrincipals>()?.Kinds ?? PrincipalKinds.Anonymous;
        var address = http.Connection.RemoteIpAddress;
        var presented = http.Request.Headers.Authorization.Count > 0;
        if (presented && authFailures.IsThrottled(address, out var wait))
        {
            // While an address is throttled every credential it presents is refused unchecked: answering a right
            // guess differently from a wrong one would let it keep guessing at full speed.
            throw AuthFailureThrottle.Refusal(wait);
        }

        var principal = await credentials.ResolveAsync(http).ConfigureAwait(false);
        if (principal is null && presented)
        {
            authFailures.Failed(address);
        }

        if (allowed.HasFlag(PrincipalKinds.Anonymous))
        {
            principal = principal is { Kind: not PrincipalKinds.Anonymous } ? principal : SupportPrincipal.AnonymousAt(address);
        }
        else if (principal is null || principal.Kind == PrincipalKinds.Anonymous)
        {
            throw new ApiError(401, ErrorCodes.Unauthorized, "A valid credential is required.",
                principal is null ? "The credential is malformed, unknown or expired." : "Send 'Authorization: Bearer <token>'.");
        }
        else if (!allowed.HasFlag(principal.Kind))
        {
            throw new ApiError(403, ErrorCodes.Forbidden, "This credential cannot use this endpoint.",
                $"This endpoint needs: {Describe(allowed)}.");
        }

        if (principal.Kind == PrincipalKinds.Agent)
        {
            presence.Seen(principal.Id);
        }

        using var lease = await rateLimiter.AcquireAsync(http, principal).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
            throw new ApiError(429, ErrorCodes.RateLimited, "Too many requests.", "Slow down and retry after the time in Retry-After.")
            {
                RetryAfter = retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1),
            };
        }

        http.Items[typeof(SupportPrincipal)] = principal;
        return HttpMethods.IsPost(http.Request.Method)
            ? await idempotency.InvokeAsync(http, principal, () => next(context)).ConfigureAwait(false)
            : await next(context).ConfigureAwait(false);
    }

    private static string Describe(PrincipalKinds kinds) => kinds switch
    {
        PrincipalKinds.User => "a user token",
        PrincipalKinds.Agent => "an agent key",
        PrincipalKinds.ApiKey => "an API key",
        _ => kinds.ToString(),
    };
}

/// <summary>Per-caller token buckets (System.Threading.RateLimiting), keyed by user, key, or client IP.</summary>
internal sealed class SupportRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SupportRateLimiter(IOptions<SupportServerOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(scope => RateLimitPartition.GetTokenBucketLimiter(scope, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.RateLimitBurst),
            TokensPerPeriod = Math.Max(1, o.RateLimitPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public ValueTask<RateLimitLease> AcquireAsync(HttpContext context, SupportPrincipal principal)
    {
        return ValueTask.FromResult(_limiter.AttemptAcquire(principal.Scope));
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Endpoint helpers for the caller resolved by <see cref="SupportEndpointFilter"/>.</summary>
internal static class PrincipalExtensions
{
    public static SupportPrincipal Principal(this HttpContext context) =>
        context.Items.TryGetValue(typeof(SupportPrincipal), out var p) && p is SupportPrincipal principal ? principal : SupportPrincipal.Anonymous;

    public static TBuilder Allow<TBuilder>(this TBuilder builder, PrincipalKinds kinds) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedPrincipals(kinds));
}

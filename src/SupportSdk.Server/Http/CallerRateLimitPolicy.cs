using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Identity;

namespace SupportSdk.Server.Http;

/// <summary>
/// <see cref="SupportRateLimiterPolicies.PerCaller"/>: a token bucket per caller (System.Threading.RateLimiting),
/// keyed by the principal the Support API's schemes resolved (authorization runs before the host's rate-limiter
/// middleware), or by client address for anonymous calls. A refusal answers 429 <c>rate_limited</c> problem+json with
/// <c>Retry-After</c>, from this policy alone: the host's own limiter settings are left as they are.
/// </summary>
internal sealed class CallerRateLimitPolicy(IOptions<SupportServerOptions> options) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = static (context, _) =>
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        RequestIds.Assign(context.HttpContext);
        return new ValueTask(Problems.WriteAsync(context.HttpContext, new ApiError(429, ErrorCodes.RateLimited, "Too many requests.",
            "Slow down and retry after the time in Retry-After.") { RetryAfter = retryAfter }));
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var o = options.Value;
        return RateLimitPartition.GetTokenBucketLimiter(httpContext.Principal().Scope, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.RateLimitBurst),
            TokensPerPeriod = Math.Max(1, o.RateLimitPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}

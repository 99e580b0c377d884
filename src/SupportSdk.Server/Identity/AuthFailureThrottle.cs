using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Identity;

/// <summary>
/// Slows down credential guessing per client address: every failed authentication takes a token from the address's
/// bucket (<see cref="SupportServerOptions.AuthFailureBurst"/> tokens, refilled over
/// <see cref="SupportServerOptions.AuthFailureWindow"/>); an address with none left gets 429 for every credential it
/// presents until one is back. Other addresses are never affected. Kept per node, in memory.
/// </summary>
internal sealed class AuthFailureThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _refill;

    public AuthFailureThrottle(IOptions<SupportServerOptions> options)
    {
        var burst = Math.Max(1, options.Value.AuthFailureBurst);
        var window = options.Value.AuthFailureWindow > TimeSpan.Zero ? options.Value.AuthFailureWindow : TimeSpan.FromMinutes(1);
        _refill = window / burst;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = _refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public bool IsThrottled(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = _refill;
        return _limiter.GetStatistics(Key(address))?.CurrentAvailablePermits <= 0;
    }

    public void Failed(IPAddress? address)
    {
        using var lease = _limiter.AttemptAcquire(Key(address));
    }

    public static ApiError Refusal(TimeSpan retryAfter) =>
        new(429, ErrorCodes.TooManyFailedAuthentications, "Too many failed authentications from this address.",
            "Check the credential, then retry after the time in Retry-After.")
        {
            RetryAfter = retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter,
        };

    public void Dispose() => _limiter.Dispose();

    private static string Key(IPAddress? address) => address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}

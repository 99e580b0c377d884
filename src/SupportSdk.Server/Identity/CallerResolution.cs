using Microsoft.AspNetCore.Http;

namespace SupportSdk.Server.Identity;

/// <summary>
/// Who is calling, resolved once per request from <c>Authorization: Bearer …</c> and shared by the three
/// authentication schemes and the anonymous endpoints: the principal (or none), and whether the client address is
/// throttled for failed authentications. A failed authentication is counted once per request.
/// </summary>
internal sealed class CallerResolution(Credentials credentials, AuthFailureThrottle throttle)
{
    private static readonly object Key = new();

    public async ValueTask<Caller> ResolveAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var cached) && cached is Caller known)
        {
            return known;
        }

        var address = http.Connection.RemoteIpAddress;
        var header = http.Request.Headers.Authorization.ToString();
        Caller caller;
        if (header.Length == 0)
        {
            caller = new Caller(Presented: false, Principal: null, ThrottledFor: null);
        }
        else if (throttle.IsThrottled(address, out var wait))
        {
            // While an address is throttled every credential it presents is refused unchecked: answering a right
            // guess differently from a wrong one would let it keep guessing at full speed.
            caller = new Caller(Presented: true, Principal: null, ThrottledFor: wait);
        }
        else
        {
            SupportPrincipal? principal;
            try
            {
                principal = await credentials.ResolveHeaderAsync(header, http.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception e) when (SupportSdk.Server.Storage.StoreFaults.IsUnavailable(e))
            {
                // The key could not be checked: neither a failure to count nor a 401 (the credential may be fine).
                http.Items[Key] = caller = new Caller(Presented: true, Principal: null, ThrottledFor: null) { StoreUnavailable = true };
                return caller;
            }

            if (principal is null)
            {
                throttle.Failed(address);
            }

            caller = new Caller(Presented: true, principal is { Kind: not PrincipalKinds.Anonymous } ? principal : null, ThrottledFor: null);
        }

        http.Items[Key] = caller;
        return caller;
    }

    /// <summary>The caller already resolved for this request, if any.</summary>
    public static Caller? Resolved(HttpContext http) => http.Items.TryGetValue(Key, out var cached) ? cached as Caller : null;
}

/// <summary>The outcome of <see cref="CallerResolution"/>: a credential was presented or not, the principal it names
/// (null when invalid), and how long the address must wait when it is throttled.</summary>
internal sealed record Caller(bool Presented, SupportPrincipal? Principal, TimeSpan? ThrottledFor)
{
    /// <summary>Gets whether the store could not be asked about the credential (answered 503, not 401).</summary>
    public bool StoreUnavailable { get; init; }
}

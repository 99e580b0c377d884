namespace SupportSdk.Server.Identity;

/// <summary>The kinds of caller the Support API knows.</summary>
[Flags]
internal enum PrincipalKinds
{
    None = 0,
    Anonymous = 1,
    User = 2,
    Agent = 4,
    ApiKey = 8,
}

/// <summary>Who is calling: an end user (through a user token), an agent, or an exchange backend.</summary>
internal sealed record SupportPrincipal(PrincipalKinds Kind, string Id, string Name, string? Email = null, string? Locale = null)
{
    public static SupportPrincipal Anonymous { get; } = new(PrincipalKinds.Anonymous, "anonymous", "anonymous");

    /// <summary>Gets the user's tier at the exchange (the token's <c>tier</c> claim), for SLA policies.</summary>
    public string? Tier { get; init; }

    /// <summary>Gets the user's anti-phishing code (the token's <c>apc</c> claim), stamped on support's messages to them.</summary>
    public string? AntiPhishingCode { get; init; }

    /// <summary>An anonymous caller known by its client address: rate limits, idempotency keys and votes are kept
    /// per address, so two anonymous callers never share them.</summary>
    public static SupportPrincipal AnonymousAt(System.Net.IPAddress? address) =>
        new(PrincipalKinds.Anonymous, address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString(), "anonymous");

    /// <summary>The partition key for rate limits, idempotency scopes and votes.</summary>
    public string Scope => Kind switch
    {
        PrincipalKinds.User => "user:" + Id,
        PrincipalKinds.Agent => "agent:" + Id,
        PrincipalKinds.ApiKey => "key:" + Id,
        _ => "anon:" + Id,
    };
}

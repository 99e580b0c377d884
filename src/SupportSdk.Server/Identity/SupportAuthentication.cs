namespace SupportSdk.Server;

/// <summary>
/// The ASP.NET Core authentication schemes of the Support API, one per kind of caller. Each reads
/// <c>Authorization: Bearer …</c> and answers only for its own kind of credential, so they sit beside a host's own
/// schemes (cookies, JWT) without touching them.
/// </summary>
public static class SupportAuthenticationSchemes
{
    /// <summary>A user token (<c>sut1.…</c>) minted by the exchange's backend for a signed-in user.</summary>
    public const string UserToken = "SupportUserToken";

    /// <summary>An agent key (<c>ssk_agent_…</c>).</summary>
    public const string AgentKey = "SupportAgentKey";

    /// <summary>An API key (<c>ssk_api_…</c>) held by the exchange's backend.</summary>
    public const string ApiKey = "SupportApiKey";
}

/// <summary>The authorization policies the Support API's endpoints require (a host may use them on its own endpoints too).</summary>
public static class SupportAuthorizationPolicies
{
    /// <summary>A signed-in user of the exchange, through a user token.</summary>
    public const string User = "SupportUser";

    /// <summary>A support agent, through an agent key.</summary>
    public const string Agent = "SupportAgent";

    /// <summary>The exchange's backend, through an API key.</summary>
    public const string Backend = "SupportBackend";

    /// <summary>A user or an agent (attachments).</summary>
    public const string UserOrAgent = "SupportUserOrAgent";

    /// <summary>An agent or the exchange's backend (the team's list).</summary>
    public const string AgentOrBackend = "SupportAgentOrBackend";
}

/// <summary>The rate-limiter policies of the Support API (<c>Microsoft.AspNetCore.RateLimiting</c>).</summary>
public static class SupportRateLimiterPolicies
{
    /// <summary>A token bucket per caller: a user, an agent or API key, or an anonymous client address
    /// (<see cref="SupportServerOptions.RateLimitPerSecond"/>, <see cref="SupportServerOptions.RateLimitBurst"/>).</summary>
    public const string PerCaller = "SupportPerCaller";
}

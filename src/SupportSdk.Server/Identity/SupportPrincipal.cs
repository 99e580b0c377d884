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

    /// <summary>The partition key for rate limits and idempotency scopes.</summary>
    public string Scope => Kind switch
    {
        PrincipalKinds.User => "user:" + Id,
        PrincipalKinds.Agent => "agent:" + Id,
        PrincipalKinds.ApiKey => "key:" + Id,
        _ => "anon",
    };
}

/// <summary>Endpoint metadata: which kinds of caller may use the endpoint.</summary>
internal sealed record AllowedPrincipals(PrincipalKinds Kinds);

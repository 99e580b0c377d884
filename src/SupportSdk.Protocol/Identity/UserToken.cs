namespace SupportSdk;

/// <summary>A signed, short-lived token that lets one user's app call the Support API as that user.</summary>
public sealed class UserToken
{
    /// <summary>Gets the bearer token. Treat it as a secret: never log it.</summary>
    /// <value>The token.</value>
    public string Token { get; init; } = string.Empty;

    /// <summary>Gets when the token stops being accepted.</summary>
    /// <value>The expiry, UTC.</value>
    public DateTimeOffset ExpiresAt { get; init; }
}

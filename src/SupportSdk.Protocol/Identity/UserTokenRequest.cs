namespace SupportSdk;

/// <summary>Asks the server for a short-lived user token (exchange backends only, with the API key).</summary>
public sealed class UserTokenRequest
{
    /// <summary>Gets the exchange's stable id of the signed-in user (1–128 characters).</summary>
    /// <value>The user id.</value>
    public string UserId { get; init; } = string.Empty;

    /// <summary>Gets the name shown to agents (1–100 characters).</summary>
    /// <value>The display name.</value>
    public string DisplayName { get; init; } = string.Empty;

    /// <summary>Gets the user's e-mail address, if the exchange shares it with support.</summary>
    /// <value>The address, or <see langword="null"/>.</value>
    public string? Email { get; init; }

    /// <summary>Gets the user's locale, e.g. <c>en-us</c> or <c>zh-cn</c>.</summary>
    /// <value>The locale, or <see langword="null"/> for the server default.</value>
    public string? Locale { get; init; }

    /// <summary>Gets the user's tier at the exchange (e.g. <c>vip</c>), which SLA policies can match (1–32 lower-case
    /// letters, digits, '-' or '_').</summary>
    /// <value>The tier, or <see langword="null"/>.</value>
    public string? Tier { get; init; }

    /// <summary>Gets the anti-phishing code the user chose at the exchange (4–20 letters, digits, '-' or '_'). Every
    /// message from support — agent, bot, system — then reaches this user carrying it, so a message without it is not
    /// from support; it is never stored, exported or logged, and removed from what the user writes.</summary>
    /// <value>The code, or <see langword="null"/>.</value>
    public string? AntiPhishingCode { get; init; }
}

namespace SupportSdk.Server;

/// <summary>An SLA policy for some tickets: by category and by the customer's tier (the <c>tier</c> the exchange puts
/// in the user token, e.g. <c>vip</c>). Targets it leaves out for a priority are the default policy's.</summary>
public sealed class SlaPolicyOptions
{
    /// <summary>Gets or sets the policy's name, shown on its tickets' <c>sla.policy</c>.</summary>
    /// <value>1–100 characters, unique.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets the ticket categories it applies to (e.g. <c>security</c>).</summary>
    /// <value>Default empty: every category.</value>
    public IList<string> Categories { get; } = [];

    /// <summary>Gets the customer tiers it applies to (e.g. <c>vip</c>).</summary>
    /// <value>Default empty: every customer, with a tier or without.</value>
    public IList<string> CustomerTiers { get; } = [];

    /// <summary>Gets or sets whether the policy's targets count every hour of every day (a 24/7 schedule, e.g. for VIPs
    /// whose tickets are worked around the clock) instead of the support hours and holidays.</summary>
    /// <value>Default <see langword="false"/>: the support hours.</value>
    public bool AroundTheClock { get; set; }

    /// <summary>Gets the first-reply targets in minutes, by priority.</summary>
    /// <value>Default empty: the default policy's.</value>
    public IDictionary<string, int> FirstReplyTargetMinutes { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the next-reply targets in minutes, by priority.</summary>
    /// <value>Default empty: the default policy's.</value>
    public IDictionary<string, int> NextReplyTargetMinutes { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the resolution targets in hours, by priority.</summary>
    /// <value>Default empty: the default policy's.</value>
    public IDictionary<string, int> ResolutionTargetHours { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="tier"/> is a valid customer tier code (1–32 lower-case letters, digits, '-' or '_').</summary>
    /// <param name="tier">The code.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsTierCode(string tier) =>
        tier is { Length: > 0 and <= 32 } && tier.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}

namespace SupportSdk.Server;

/// <summary>Webhook delivery settings (configuration section <c>Support:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Gets or sets whether endpoints may point at private, loopback or link-local addresses (and use plain
    /// http). Off by default: a registered URL must not reach into the exchange's own network (SSRF).</summary>
    /// <value><see langword="false"/> unless the host opts in (tests and the demo do).</value>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Gets the waits between attempts; the delivery fails for good after the last.</summary>
    /// <value>5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (about 28 hours of retries over 8 attempts) unless configured.</value>
    public IList<TimeSpan> RetryDelays { get; } = [];

    /// <summary>Gets or sets how long one attempt may take.</summary>
    /// <value>10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long the previous secret stays valid (and is signed with too) after a rotation.</summary>
    /// <value>24 hours.</value>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets how long an endpoint may fail without a single success before it is disabled.</summary>
    /// <value>3 days.</value>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The default schedule, used when <see cref="RetryDelays"/> is empty.</summary>
    internal static readonly TimeSpan[] DefaultRetryDelays =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    internal IReadOnlyList<TimeSpan> Schedule => RetryDelays.Count > 0 ? [.. RetryDelays] : DefaultRetryDelays;
}

namespace SupportSdk.AspNetCore;

/// <summary>
/// How <c>MapSupportWebhooks</c> receives events: the endpoint's signing secrets and the limits it checks. Bind it from
/// configuration (e.g. <c>services.AddSupportWebhooks().BindConfiguration("SupportWebhooks")</c>) or set it in code;
/// it is read on every request, so a secret rotated in reloadable configuration applies without a restart.
/// </summary>
public sealed class SupportWebhookOptions
{
    /// <summary>Gets the endpoint's signing secrets (<c>whsec_…</c>, as <c>CreateWebhookAsync</c> or
    /// <c>RotateWebhookSecretAsync</c> returned them). During a rotation hold both, old and new; a request signed with
    /// either verifies.</summary>
    /// <value>At least one secret.</value>
    public IList<string> Secrets { get; } = [];

    /// <summary>Gets or sets how far a request's <c>webhook-timestamp</c> may be from the receiver's clock, either way.</summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan Tolerance { get; set; } = SupportWebhooks.DefaultTolerance;

    /// <summary>Gets or sets the largest body read; a larger request is answered 413 without being read.</summary>
    /// <value>Default 1 MiB.</value>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many handled event ids the built-in in-memory dedupe store remembers (the oldest are
    /// forgotten first). Not used when the host registers its own <see cref="IWebhookDeduplicationStore"/>.</summary>
    /// <value>Default 100,000.</value>
    public int DeduplicationCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets how long the built-in in-memory dedupe store remembers a handled event id; it should cover
    /// the sender's retry schedule. Not used when the host registers its own <see cref="IWebhookDeduplicationStore"/>.</summary>
    /// <value>Default 3 days.</value>
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromDays(3);
}

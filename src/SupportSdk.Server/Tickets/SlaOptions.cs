namespace SupportSdk.Server;

/// <summary>The service-level policy for tickets (configuration section <c>Support:Sla</c>). The first-reply targets
/// are <see cref="SupportServerOptions.FirstResponseTargetMinutes"/> (the ones <c>/v1/status</c> publishes); every
/// target counts support hours only (<see cref="SupportServerOptions.SupportHolidays"/> and the days and hours).</summary>
public sealed class SlaOptions
{
    /// <summary>Gets or sets the policy's name, shown on every ticket's <c>sla.policy</c>.</summary>
    /// <value>Default <c>standard</c>.</value>
    public string PolicyName { get; set; } = "standard";

    /// <summary>Gets the next-reply targets in minutes, by priority: from a customer's message to support's answer.</summary>
    /// <value>Default urgent 30, high 120, normal 480, low 1440.</value>
    public IDictionary<string, int> NextReplyTargetMinutes { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["urgent"] = 30,
        ["high"] = 120,
        ["normal"] = 480,
        ["low"] = 1440,
    };

    /// <summary>Gets the resolution targets in hours, by priority; the clock pauses while the ticket waits on the customer.</summary>
    /// <value>Default urgent 8, high 24, normal 72, low 120.</value>
    public IDictionary<string, int> ResolutionTargetHours { get; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["urgent"] = 8,
        ["high"] = 24,
        ["normal"] = 72,
        ["low"] = 120,
    };

    /// <summary>Gets or sets how often the server looks for tickets whose target passed, to mark them breached.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long before a target's due time the sweep sends <c>ticket.sla_warning</c> (once per
    /// target and due time), so a lead can act before the breach.</summary>
    /// <value>Default 30 minutes; zero sends no warnings; at most 1 day.</value>
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets the policies that replace the default targets for some tickets (<c>Support:Sla:Policies:N</c>):
    /// the first whose categories and customer tiers match a new ticket is its policy, named on its <c>sla.policy</c>;
    /// a ticket no policy matches gets the default (<see cref="PolicyName"/>).</summary>
    /// <value>Default none.</value>
    public IList<SlaPolicyOptions> Policies { get; } = [];
}

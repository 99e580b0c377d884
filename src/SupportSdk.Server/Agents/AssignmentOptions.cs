namespace SupportSdk.Server;

/// <summary>Automatic assignment of tickets to agents (configuration section <c>Support:Assignment</c>).</summary>
public sealed class AssignmentOptions
{
    /// <summary>Gets or sets how often the node that assigns looks for unassigned tickets, besides when a ticket is
    /// opened, escalated or finished or an agent's status changes on that node.</summary>
    /// <value>Default 5 seconds; 1 second to 10 minutes.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long an agent counts as online after their console last reported it; consoles report
    /// every minute.</summary>
    /// <value>Default 3 minutes; 1 minute to 1 hour.</value>
    public TimeSpan PresenceTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets how many active chats automatic assignment gives one agent at most (an agent may accept
    /// more by hand).</summary>
    /// <value>Default 3; 1 to 20.</value>
    public int ChatsPerAgent { get; set; } = 3;
}

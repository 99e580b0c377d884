namespace SupportSdk;

/// <summary>A support agent as the team sees them: what they can take (languages, skills, tier, capacity), whether
/// they take work now, and how much they hold.</summary>
public sealed class Agent
{
    /// <summary>Gets the agent's name: the one their agent keys carry and tickets show as assignee.</summary>
    /// <value>The name.</value>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the languages the agent answers in, as language codes (<c>en</c>, <c>zh</c>).</summary>
    /// <value>The languages; empty means any.</value>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Gets the ticket categories the agent handles (e.g. <c>deposit</c>, <c>withdrawal</c>, <c>security</c>).</summary>
    /// <value>The skills; empty means any.</value>
    public IReadOnlyList<TicketCategory> Skills { get; init; } = [];

    /// <summary>Gets the support tier the agent works at: tickets at this tier or below can be assigned to them.</summary>
    /// <value>1 (first line) to 3.</value>
    public int Tier { get; init; }

    /// <summary>Gets how many unresolved tickets the agent can hold before automatic assignment passes them by.</summary>
    /// <value>1 to 1,000.</value>
    public int Capacity { get; init; }

    /// <summary>Gets whether the agent takes new work now.</summary>
    /// <value>The status; <c>offline</c> when their console stopped reporting.</value>
    public AgentStatus Status { get; init; }

    /// <summary>Gets how many unresolved tickets are assigned to the agent.</summary>
    /// <value>The count.</value>
    public int Load { get; init; }

    /// <summary>Gets when the agent's console last reported their status.</summary>
    /// <value>The time, or <see langword="null"/> when it never has.</value>
    public DateTimeOffset? LastSeenAt { get; init; }
}

/// <summary>Creates or changes an agent's profile (exchange backend, API key). Fields left out keep their value
/// (a new agent starts with any language, any skill, tier 1 and capacity 20).</summary>
public sealed class UpdateAgentRequest
{
    /// <summary>Gets the languages the agent answers in, as language codes.</summary>
    /// <value>The languages (empty for any), or <see langword="null"/> to leave them.</value>
    public IReadOnlyList<string>? Languages { get; init; }

    /// <summary>Gets the ticket categories the agent handles.</summary>
    /// <value>The skills (empty for any), or <see langword="null"/> to leave them.</value>
    public IReadOnlyList<TicketCategory>? Skills { get; init; }

    /// <summary>Gets the agent's tier.</summary>
    /// <value>1 to 3, or <see langword="null"/> to leave it.</value>
    public int? Tier { get; init; }

    /// <summary>Gets the agent's capacity.</summary>
    /// <value>1 to 1,000, or <see langword="null"/> to leave it.</value>
    public int? Capacity { get; init; }
}

/// <summary>Sets the calling agent's status (agent key). The console sends it again at least every minute while open:
/// an agent not heard from for <c>Support:Assignment:PresenceTimeout</c> counts as offline.</summary>
public sealed class SetAgentStatusRequest
{
    /// <summary>Gets the new status.</summary>
    /// <value>The status.</value>
    public AgentStatus Status { get; init; }
}

/// <summary>The agents of the team.</summary>
public sealed class AgentList
{
    /// <summary>Gets the agents, by name.</summary>
    /// <value>The agents.</value>
    public IReadOnlyList<Agent> Agents { get; init; } = [];
}

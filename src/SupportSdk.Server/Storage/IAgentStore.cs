namespace SupportSdk.Server.Storage;

/// <summary>An agent's profile and reported status as stored. <see cref="Languages"/> and <see cref="Skills"/> are
/// codes (language codes, ticket categories); empty means any.</summary>
internal sealed record AgentRecord(string Name, IReadOnlyList<string> Languages, IReadOnlyList<string> Skills, int Tier, int Capacity, string Status,
    DateTimeOffset? SeenAt, DateTimeOffset? LastAssignedAt, DateTimeOffset UpdatedAt)
{
    public const int DefaultTier = 1;
    public const int DefaultCapacity = 20;
}

/// <summary>A change to an agent's profile; null fields keep what is stored (or the defaults for a new agent).</summary>
internal sealed record AgentProfileChange(IReadOnlyList<string>? Languages, IReadOnlyList<string>? Skills, int? Tier, int? Capacity);

/// <summary>The team: agents' profiles, their reported status, and how much each holds.</summary>
internal interface IAgentStore
{
    /// <summary>Creates the agent with the defaults, or changes the stored profile; returns the result.</summary>
    Task<AgentRecord> UpsertAgentAsync(string name, AgentProfileChange change, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the agent's status and when it was reported (creating the agent with the defaults when new).</summary>
    Task<AgentRecord> SetAgentStatusAsync(string name, string status, DateTimeOffset now, CancellationToken cancellationToken);

    Task<AgentRecord?> GetAgentAsync(string name, CancellationToken cancellationToken);

    /// <summary>Every agent, by name.</summary>
    Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken cancellationToken);

    /// <summary>How many tickets that are neither resolved nor closed each assignee holds.</summary>
    Task<IReadOnlyDictionary<string, int>> CountOpenTicketsByAssigneeAsync(CancellationToken cancellationToken);

    /// <summary>Records when the agent was last given work automatically (the round-robin among equals).</summary>
    Task MarkAgentAssignedAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);
}

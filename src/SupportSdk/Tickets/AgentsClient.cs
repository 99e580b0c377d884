using SupportSdk.Core;

namespace SupportSdk;

/// <summary>The support team: agents' profiles (set by the exchange's backend with its API key) and the calling
/// agent's own status (agent key), which decides whether automatic assignment gives them work.</summary>
public class AgentsClient
{
    private readonly SupportPipeline? _pipeline;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected AgentsClient()
    {
    }

    internal AgentsClient(SupportPipeline pipeline) => _pipeline = pipeline;

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Lists the team with each agent's status and load (agent key or API key).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agents, by name.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual async Task<IReadOnlyList<Agent>> GetAgentsAsync(CancellationToken cancellationToken = default) =>
        (await Pipeline.SendAsync("Agents.List", HttpMethod.Get, "v1/agents", null, SupportJsonContext.Default.AgentList, null, cancellationToken).ConfigureAwait(false)).Agents;

    /// <summary>Creates or changes an agent's profile (API key); fields left null keep their value.</summary>
    /// <param name="name">The agent's name, as their agent key carries it.</param>
    /// <param name="profile">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Agent> UpdateAgentAsync(string name, UpdateAgentRequest profile, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(profile);
        return Pipeline.SendAsync("Agents.Update", HttpMethod.Put, Query.Path("v1/agents/{0}", name).ToString(),
            SupportPipeline.Json(profile, SupportJsonContext.Default.UpdateAgentRequest), SupportJsonContext.Default.Agent, null, cancellationToken);
    }

    /// <summary>Gets the calling agent's profile, status and load (agent key).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Agent> GetMeAsync(CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync("Agents.Me", HttpMethod.Get, "v1/agent/me", null, SupportJsonContext.Default.Agent, null, cancellationToken);

    /// <summary>Sets the calling agent's status (agent key). Send it again at least every minute while working: an agent
    /// not heard from for the server's presence timeout counts as offline.</summary>
    /// <param name="status">The status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The agent.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Agent> SetStatusAsync(AgentStatus status, CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync("Agents.Status", HttpMethod.Put, "v1/agent/status",
            SupportPipeline.Json(new SetAgentStatusRequest { Status = status }, SupportJsonContext.Default.SetAgentStatusRequest), SupportJsonContext.Default.Agent, null, cancellationToken);
}

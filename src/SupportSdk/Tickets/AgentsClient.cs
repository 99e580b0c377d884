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

    /// <summary>Gets the support report (agent key): first-reply and resolution times, SLA attainment and CSAT per agent,
    /// per category and in total, for the tickets opened from <paramref name="firstDay"/> to <paramref name="lastDay"/> (UTC days,
    /// at most 92; by default the last 7).</summary>
    /// <param name="firstDay">The first day.</param>
    /// <param name="lastDay">The last day, included.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<SupportReport> GetReportAsync(DateOnly? firstDay = null, DateOnly? lastDay = null, CancellationToken cancellationToken = default) =>
        Pipeline.SendAsync("Agents.Report", HttpMethod.Get,
            Query.Path("v1/agent/reports").Add("from", firstDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                .Add("to", lastDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToString(),
            null, SupportJsonContext.Default.SupportReport, null, cancellationToken);

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

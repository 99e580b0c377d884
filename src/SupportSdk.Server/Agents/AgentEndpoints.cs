using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Agents;

/// <summary>The team: agents' profiles (set by the exchange's backend), their status (set from their console) and load.</summary>
internal static partial class AgentEndpoints
{
    public const int MaxName = 100;
    private const int MaxLanguages = 20;
    private const int MaxCapacity = 1_000;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/agents", ListAsync).Allow(PrincipalKinds.Agent | PrincipalKinds.ApiKey).WithTags("Agents").Produces<AgentList>().WithName("ListAgents");
        v1.MapPut("/agents/{name}", UpdateAsync).Allow(PrincipalKinds.ApiKey).WithTags("Agents").Accepts<UpdateAgentRequest>("application/json")
            .Produces<Agent>().WithName("UpdateAgent");
        var me = v1.MapGroup("/agent").Allow(PrincipalKinds.Agent).WithTags("Agents");
        me.MapGet("/me", MeAsync).Produces<Agent>().WithName("GetMyAgentProfile");
        me.MapPut("/status", SetStatusAsync).Accepts<SetAgentStatusRequest>("application/json").Produces<Agent>().WithName("SetMyAgentStatus");
    }

    private static async Task<IResult> ListAsync(HttpContext http, IAgentStore store, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        var agents = await store.ListAgentsAsync(http.RequestAborted).ConfigureAwait(false);
        var loads = await store.CountOpenTicketsByAssigneeAsync(http.RequestAborted).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return TypedResults.Json(new AgentList { Agents = [.. agents.Select(a => View(a, loads.GetValueOrDefault(a.Name), now, options.Value))] },
            WireJson.Support.AgentList);
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext http, IAgentStore store, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.UpdateAgentRequest).ConfigureAwait(false);
        var check = new Validation()
            .Line("name", name)
            .Check(name.Trim().Length is > 0 and <= MaxName && name.Trim().Length == name.Length, "name", $"1 to {MaxName} characters, without spaces around them.")
            .Check(request.Tier is null or >= 1 and <= Tickets.TicketWorkflow.MaxTier, "tier", $"Use 1 to {Tickets.TicketWorkflow.MaxTier}.")
            .Check(request.Capacity is null or >= 1 and <= MaxCapacity, "capacity", $"Use 1 to {MaxCapacity:N0}.")
            .Check(request.Languages is null || (request.Languages.Count <= MaxLanguages && request.Languages.All(l => l is not null && LanguageCode().IsMatch(l))),
                "languages", $"At most {MaxLanguages} language codes of 2 or 3 letters, e.g. en, zh.")
            .Check(request.Skills is null || request.Skills.All(s => s.IsKnown), "skills",
                $"Ticket categories: {string.Join(", ", TicketCategory.KnownValues)}.");
        check.ThrowIfInvalid();
        var change = new AgentProfileChange(
            request.Languages?.Select(l => l.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
            request.Skills?.Select(s => s.Value).Distinct(StringComparer.Ordinal).ToList(),
            request.Tier, request.Capacity);
        var agent = await store.UpsertAgentAsync(name, change, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return await AnswerAsync(http, store, agent, options.Value, time).ConfigureAwait(false);
    }

    private static async Task<IResult> MeAsync(HttpContext http, IAgentStore store, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        var name = http.Principal().Name;
        var agent = await store.GetAgentAsync(name, http.RequestAborted).ConfigureAwait(false)
            ?? new AgentRecord(name, [], [], AgentRecord.DefaultTier, AgentRecord.DefaultCapacity, AgentStatus.Offline.Value, null, null, time.GetUtcNow());
        return await AnswerAsync(http, store, agent, options.Value, time).ConfigureAwait(false);
    }

    private static async Task<IResult> SetStatusAsync(HttpContext http, IAgentStore store, AssignmentSignal assigner, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.SetAgentStatusRequest).ConfigureAwait(false);
        new Validation().Known("status", (AgentStatus?)request.Status, required: true).ThrowIfInvalid();
        var agent = await store.SetAgentStatusAsync(http.Principal().Name, request.Status.Value, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        if (request.Status == AgentStatus.Online)
        {
            assigner.Wake();
        }

        return await AnswerAsync(http, store, agent, options.Value, time).ConfigureAwait(false);
    }

    private static async Task<IResult> AnswerAsync(HttpContext http, IAgentStore store, AgentRecord agent, SupportServerOptions options, TimeProvider time)
    {
        var loads = await store.CountOpenTicketsByAssigneeAsync(http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(View(agent, loads.GetValueOrDefault(agent.Name), time.GetUtcNow(), options), WireJson.Support.Agent);
    }

    private static Agent View(AgentRecord agent, int load, DateTimeOffset now, SupportServerOptions options) => new()
    {
        Name = agent.Name,
        Languages = agent.Languages,
        Skills = [.. agent.Skills.Select(s => new TicketCategory(s))],
        Tier = agent.Tier,
        Capacity = agent.Capacity,
        Status = TicketAssigner.ShownStatus(agent, now, options.Assignment.PresenceTimeout),
        Load = load,
        LastSeenAt = agent.SeenAt,
    };

    [GeneratedRegex("^[A-Za-z]{2,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageCode();
}

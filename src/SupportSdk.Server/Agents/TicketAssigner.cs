using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Cluster;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;
using SupportSdk.Server.Webhooks;

namespace SupportSdk.Server.Agents;

/// <summary>
/// Gives unassigned tickets, oldest first, to the online agent who fits them — speaks the ticket's language, has its
/// category among their skills, works at its tier or above — preferring the lowest such tier, then the fewest
/// unresolved tickets, then whoever was given work longest ago (round-robin among equals), never past an agent's
/// capacity. A ticket nobody fits waits and is looked at again on the next pass. One node at a time assigns (a lease),
/// so capacities hold across nodes; passes run when this node opens or escalates a ticket or an agent's status changes
/// here, and every <see cref="AssignmentOptions.Interval"/> for what other nodes did.
/// </summary>
internal sealed partial class TicketAssigner(IStoreLeases leases, IAgentStore agents, ITicketStore tickets, IChatStore chats, SupportSdk.Server.Chat.ChatLifecycle lifecycle,
    AssignmentSignal signal, WebhookEvents webhooks, IOptions<SupportServerOptions> options, TimeProvider time, ILogger<TicketAssigner> logger) : BackgroundService
{
    private const int Batch = 500;
    private const int MaxPages = 20;
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Real time: how often to look is about the machine, not business time (a fake clock stops nothing).
            await signal.WaitAsync(options.Value.Assignment.Interval, stoppingToken).ConfigureAwait(false);
            try
            {
                await using var lease = await leases.TryAcquireAsync("assign", stoppingToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e.GetType().Name);
            }
        }
    }

    /// <summary>Whether an agent with this record takes new work now: online, and heard from within the presence timeout.</summary>
    public static bool IsOnline(AgentRecord agent, DateTimeOffset now, TimeSpan presenceTimeout) =>
        agent.Status == AgentStatus.Online.Value && agent.SeenAt is { } seen && seen >= now - presenceTimeout;

    /// <summary>The status to show for an agent: what they reported, or offline once their console stopped reporting.</summary>
    public static AgentStatus ShownStatus(AgentRecord agent, DateTimeOffset now, TimeSpan presenceTimeout) =>
        agent.SeenAt is { } seen && seen >= now - presenceTimeout ? new AgentStatus(agent.Status) : AgentStatus.Offline;

    /// <summary>One pass over tickets, then queued chats; how many it assigned.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var online = (await agents.ListAgentsAsync(cancellationToken).ConfigureAwait(false))
            .Where(a => IsOnline(a, now, options.Value.Assignment.PresenceTimeout)).ToList();
        if (online.Count == 0)
        {
            return 0;
        }

        return await AssignTicketsAsync(online, now, cancellationToken).ConfigureAwait(false)
            + await AssignChatsAsync(online, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queued chats, in queue order, to the online agent who fits (language, tier) with the fewest active
    /// chats below <see cref="AssignmentOptions.ChatsPerAgent"/>: the agent joins as if they had accepted it.</summary>
    private async Task<int> AssignChatsAsync(List<AgentRecord> online, CancellationToken cancellationToken)
    {
        var queued = await chats.ListChatsByStateAsync(ChatStatus.Queued, null, Batch, cancellationToken).ConfigureAwait(false);
        if (queued.Count == 0)
        {
            return 0;
        }

        var active = await chats.ListChatsByStateAsync(ChatStatus.Active, null, 10_000, cancellationToken).ConfigureAwait(false);
        var loads = active.Where(c => c.AgentName is not null).GroupBy(c => c.AgentName!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var capacity = options.Value.Assignment.ChatsPerAgent;
        var candidates = online.Select(a => new Candidate(a, loads.GetValueOrDefault(a.Name), a.LastAssignedAt ?? DateTimeOffset.MinValue)).ToList();
        var assigned = 0;
        foreach (var chat in queued)
        {
            var best = Pick(candidates, chat.Tier, chat.Locale, skill: null, _ => capacity);
            if (best is null)
            {
                continue;
            }

            try
            {
                var agent = new SupportSdk.Server.Identity.SupportPrincipal(SupportSdk.Server.Identity.PrincipalKinds.Agent, best.Agent.Name, best.Agent.Name);
                var accepted = await lifecycle.AcceptQueuedAsync(chat.Id, agent, best.Agent.Tier).ConfigureAwait(false);
                if (accepted.Status == ChatStatus.Active && string.Equals(accepted.AgentId, best.Agent.Name, StringComparison.Ordinal))
                {
                    best.Load++;
                    best.LastAssigned = time.GetUtcNow();
                    best.Changed = true;
                    assigned++;
                }
            }
            catch (ApiError)
            {
                // Taken by an agent, closed or turned into a ticket meanwhile.
            }
        }

        await RememberTurnsAsync(candidates).ConfigureAwait(false);

        return assigned;
    }

    private async Task<int> AssignTicketsAsync(List<AgentRecord> online, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var loads = await agents.CountOpenTicketsByAssigneeAsync(cancellationToken).ConfigureAwait(false);
        var candidates = online.Select(a => new Candidate(a, loads.GetValueOrDefault(a.Name), a.LastAssignedAt ?? DateTimeOffset.MinValue)).ToList();
        var assigned = 0;
        var order = 0;
        string? after = null;
        for (var page = 0; page < MaxPages; page++) // bounded: 10,000 waiting tickets a pass, the rest next time
        {
            var waiting = await tickets.ListTicketsAsync(new TicketFilter(null, null, null, Batch) { Unassigned = true, OldestFirst = true, AfterId = after },
                cancellationToken).ConfigureAwait(false);
            foreach (var ticket in waiting)
            {
                var pick = Pick(candidates, ticket.Tier, ticket.Locale, ticket.Category.Value, c => c.Agent.Capacity);
                if (pick is null)
                {
                    continue;
                }

                var updated = ticket.With(assignee: pick.Agent.Name, version: ticket.Version + 1, updatedAt: time.StoredNow());
                if (await tickets.TryUpdateTicketAsync(updated, ticket.Version, null, webhooks.TicketChanged(ticket, updated, null), null, CancellationToken.None)
                    .ConfigureAwait(false))
                {
                    pick.Load++;
                    pick.LastAssigned = now.AddTicks(++order); // in this pass's order, for the round-robin within it
                    pick.Changed = true;
                    assigned++;
                }
            }

            // Tickets nobody online fits (a language or tier nobody covers now) must not hide the ones behind them.
            if (waiting.Count < Batch || candidates.All(c => c.Load >= c.Agent.Capacity))
            {
                break;
            }

            after = waiting[^1].Id;
        }

        await RememberTurnsAsync(candidates).ConfigureAwait(false);

        if (assigned > 0)
        {
            webhooks.Committed();
        }

        return assigned;
    }

    /// <summary>Stores when each agent given work in this pass was given it last (the round-robin among equals).</summary>
    private async Task RememberTurnsAsync(IEnumerable<Candidate> candidates)
    {
        foreach (var changed in candidates.Where(c => c.Changed))
        {
            await agents.MarkAgentAssignedAsync(changed.Agent.Name, changed.LastAssigned, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The candidate who fits (tier, language, skill when given, room below the capacity) and comes first.</summary>
    private static Candidate? Pick(List<Candidate> candidates, int tier, string locale, string? skill, Func<Candidate, int> capacity)
    {
        var language = Language(locale);
        Candidate? best = null;
        foreach (var c in candidates)
        {
            var fits = c.Load < capacity(c) && c.Agent.Tier >= tier
                && (c.Agent.Languages.Count == 0 || c.Agent.Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
                && (skill is null || c.Agent.Skills.Count == 0 || c.Agent.Skills.Contains(skill, StringComparer.Ordinal));
            if (fits && (best is null || Before(c, best)))
            {
                best = c;
            }
        }

        return best;
    }

    private static bool Before(Candidate a, Candidate b) =>
        a.Agent.Tier != b.Agent.Tier ? a.Agent.Tier < b.Agent.Tier
        : a.Load != b.Load ? a.Load < b.Load
        : a.LastAssigned != b.LastAssigned ? a.LastAssigned < b.LastAssigned
        : string.CompareOrdinal(a.Agent.Name, b.Agent.Name) < 0;

    /// <summary>The language part of a locale (<c>zh-cn</c> → <c>zh</c>).</summary>
    public static string Language(string locale) => locale.Split('-')[0];

    private sealed class Candidate(AgentRecord agent, int load, DateTimeOffset lastAssigned)
    {
        public AgentRecord Agent { get; } = agent;

        public int Load { get; set; } = load;

        public DateTimeOffset LastAssigned { get; set; } = lastAssigned;

        public bool Changed { get; set; }
    }

    [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Automatic assignment failed ({ExceptionType}); it runs again at the next interval.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

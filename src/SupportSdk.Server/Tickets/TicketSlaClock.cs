using Microsoft.Extensions.Options;
using SupportSdk.Server.Status;

namespace SupportSdk.Server.Tickets;

/// <summary>
/// A ticket's service-level clock (<see cref="TicketSla"/>), kept with every change. Three targets, each counted in
/// support hours (<see cref="BusinessCalendar"/>) from the ticket's priority: the first reply (from opening), the next
/// reply (from the first customer message support has not answered) and the resolution (from opening, paused while
/// the ticket waits on the customer). <c>dueAt</c> is the earliest target still running; a target met late, or a
/// change after a due time passed, marks the clock breached for good (the sweep marks the rest:
/// <see cref="SlaSweeper"/>).
/// </summary>
internal sealed class TicketSlaClock(IOptions<SupportServerOptions> options)
{
    public const string FirstReply = "first_reply";
    public const string NextReply = "next_reply";
    public const string Resolution = "resolution";

    /// <summary>The clock of a new ticket, under the first policy that matches its category and the customer's tier
    /// (<paramref name="customerTier"/>, from the user token), else the default one.</summary>
    public TicketSla Start(Ticket ticket, string? customerTier = null)
    {
        var policy = options.Value.Sla.Policies.FirstOrDefault(p =>
            (p.Categories.Count == 0 || p.Categories.Contains(ticket.Category.Value, StringComparer.OrdinalIgnoreCase))
            && (p.CustomerTiers.Count == 0 || (customerTier is not null && p.CustomerTiers.Contains(customerTier, StringComparer.Ordinal))));
        return Due(ticket, new TicketSla { Policy = policy?.Name ?? options.Value.Sla.PolicyName });
    }

    /// <summary>The clock after a change from <paramref name="current"/> to <paramref name="updated"/> (with the
    /// message it adds, if any) at <paramref name="now"/>; none for a ticket stored before SLAs existed (its history
    /// is not known well enough to start one without false breaches).</summary>
    public TicketSla? Next(Ticket current, Ticket updated, TicketMessage? message, DateTimeOffset now)
    {
        if (current.Sla is not { } sla)
        {
            return null;
        }

        var firstReplyAt = sla.FirstReplyAt;
        var waitingSince = sla.WaitingSince;
        if (message?.From.Role == AuthorRole.Agent)
        {
            firstReplyAt ??= now;
            waitingSince = null;
        }
        else if (message?.From.Role == AuthorRole.Customer && firstReplyAt is not null)
        {
            waitingSince ??= now;
        }

        var pausedSince = sla.PausedSince;
        var pausedSeconds = sla.PausedSeconds;
        var paused = updated.Status == TicketStatus.PendingCustomer;
        if (paused)
        {
            pausedSince ??= now;
        }
        else if (pausedSince is { } since)
        {
            pausedSeconds += (long)Calendar(PolicyOf(sla)).Between(since, now).TotalSeconds;
            pausedSince = null;
        }

        var finished = updated.Status == TicketStatus.Resolved || updated.Status == TicketStatus.Closed;
        return Due(updated, new TicketSla
        {
            ResolvedAt = finished ? sla.ResolvedAt ?? now : null,
            Policy = sla.Policy,
            Breached = sla.Breached || sla.DueAt < now,
            FirstReplyAt = firstReplyAt,
            WaitingSince = waitingSince,
            PausedSince = pausedSince,
            PausedSeconds = pausedSeconds,
            Target = sla.Target,
            DueAt = sla.DueAt,
            Warned = sla.Warned,
        });
    }

    /// <summary>The clock marked breached: its due time passed with the target unmet.</summary>
    public static TicketSla Breach(TicketSla sla) => With(sla, sla.Target, sla.DueAt, breached: true, sla.Warned);

    /// <summary>The clock with the due-soon warning of its current target marked sent.</summary>
    public static TicketSla Warn(TicketSla sla) => With(sla, sla.Target, sla.DueAt, sla.Breached, warned: true);

    /// <summary>Fills in the earliest running target and its due time.</summary>
    private TicketSla Due(Ticket ticket, TicketSla sla)
    {
        (string Target, DateTimeOffset At)? next = null;
        if (ticket.Status != TicketStatus.Resolved && ticket.Status != TicketStatus.Closed)
        {
            var o = options.Value;
            var priority = ticket.Priority.Value;
            // The ticket keeps the policy it started under; one removed from the configuration since counts as the default.
            var policy = PolicyOf(sla);
            var calendar = Calendar(policy);
            if (sla.FirstReplyAt is null)
            {
                var minutes = Target(policy?.FirstReplyTargetMinutes, priority) ?? Target(o.FirstResponseTargetMinutes, priority) ?? 240;
                next = Earliest(next, FirstReply, calendar.TryAdd(ticket.CreatedAt, TimeSpan.FromMinutes(minutes)));
            }
            else if (sla.WaitingSince is { } waiting)
            {
                var minutes = Target(policy?.NextReplyTargetMinutes, priority) ?? Target(o.Sla.NextReplyTargetMinutes, priority) ?? 480;
                next = Earliest(next, NextReply, calendar.TryAdd(waiting, TimeSpan.FromMinutes(minutes)));
            }

            if (sla.PausedSince is null)
            {
                var hours = Target(policy?.ResolutionTargetHours, priority) ?? Target(o.Sla.ResolutionTargetHours, priority) ?? 72;
                var resolution = TimeSpan.FromHours(hours) + TimeSpan.FromSeconds(sla.PausedSeconds);
                next = Earliest(next, Resolution, calendar.TryAdd(ticket.CreatedAt, resolution));
            }
        }

        // A warning was for one target and due time: a new one (a reply met it, the customer wrote again) is warned anew.
        return With(sla, next?.Target, next?.At, sla.Breached, sla.Warned && sla.Target == next?.Target && sla.DueAt == next?.At);
    }

    /// <summary>A copy of the clock with its running target and breach set (the model is init-only).</summary>
    private static TicketSla With(TicketSla sla, string? target, DateTimeOffset? dueAt, bool breached, bool warned) => new()
    {
        Policy = sla.Policy,
        Target = target,
        DueAt = dueAt,
        Breached = breached,
        Warned = warned,
        ResolvedAt = sla.ResolvedAt,
        FirstReplyAt = sla.FirstReplyAt,
        WaitingSince = sla.WaitingSince,
        PausedSince = sla.PausedSince,
        PausedSeconds = sla.PausedSeconds,
    };

    private static (string, DateTimeOffset)? Earliest((string Target, DateTimeOffset At)? current, string target, DateTimeOffset? at) =>
        at is { } due && (current is null || due < current.Value.At) ? (target, due) : current;

    /// <summary>The target for the priority (else for <c>normal</c>) when the table has one.</summary>
    private static int? Target(IDictionary<string, int>? targets, string priority) =>
        targets is not null && (targets.TryGetValue(priority, out var value) || targets.TryGetValue("normal", out value)) ? value : null;

    private SlaPolicyOptions? PolicyOf(TicketSla sla) => options.Value.Sla.Policies.FirstOrDefault(p => string.Equals(p.Name, sla.Policy, StringComparison.Ordinal));

    /// <summary>The schedule a policy's targets count in: around the clock, or the support hours.</summary>
    private BusinessCalendar Calendar(SlaPolicyOptions? policy) => policy?.AroundTheClock == true ? BusinessCalendar.AroundTheClock : BusinessCalendar.From(options.Value);
}

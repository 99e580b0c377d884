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

    /// <summary>The clock of a new ticket.</summary>
    public TicketSla Start(Ticket ticket) => Due(ticket, new TicketSla { Policy = options.Value.Sla.PolicyName });

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
            pausedSeconds += (long)Calendar().Between(since, now).TotalSeconds;
            pausedSince = null;
        }

        return Due(updated, new TicketSla
        {
            Policy = sla.Policy,
            Breached = sla.Breached || sla.DueAt < now,
            FirstReplyAt = firstReplyAt,
            WaitingSince = waitingSince,
            PausedSince = pausedSince,
            PausedSeconds = pausedSeconds,
        });
    }

    /// <summary>The clock marked breached: its due time passed with the target unmet.</summary>
    public static TicketSla Breach(TicketSla sla) => With(sla, sla.Target, sla.DueAt, breached: true);

    /// <summary>Fills in the earliest running target and its due time.</summary>
    private TicketSla Due(Ticket ticket, TicketSla sla)
    {
        (string Target, DateTimeOffset At)? next = null;
        if (ticket.Status != TicketStatus.Resolved && ticket.Status != TicketStatus.Closed)
        {
            var o = options.Value;
            var calendar = Calendar();
            var priority = ticket.Priority.Value;
            if (sla.FirstReplyAt is null)
            {
                next = Earliest(next, FirstReply, calendar.TryAdd(ticket.CreatedAt, TimeSpan.FromMinutes(Target(o.FirstResponseTargetMinutes, priority, 240))));
            }
            else if (sla.WaitingSince is { } waiting)
            {
                next = Earliest(next, NextReply, calendar.TryAdd(waiting, TimeSpan.FromMinutes(Target(o.Sla.NextReplyTargetMinutes, priority, 480))));
            }

            if (sla.PausedSince is null)
            {
                var resolution = TimeSpan.FromHours(Target(o.Sla.ResolutionTargetHours, priority, 72)) + TimeSpan.FromSeconds(sla.PausedSeconds);
                next = Earliest(next, Resolution, calendar.TryAdd(ticket.CreatedAt, resolution));
            }
        }

        return With(sla, next?.Target, next?.At, sla.Breached);
    }

    /// <summary>A copy of the clock with its running target and breach set (the model is init-only).</summary>
    private static TicketSla With(TicketSla sla, string? target, DateTimeOffset? dueAt, bool breached) => new()
    {
        Policy = sla.Policy,
        Target = target,
        DueAt = dueAt,
        Breached = breached,
        FirstReplyAt = sla.FirstReplyAt,
        WaitingSince = sla.WaitingSince,
        PausedSince = sla.PausedSince,
        PausedSeconds = sla.PausedSeconds,
    };

    private static (string, DateTimeOffset)? Earliest((string Target, DateTimeOffset At)? current, string target, DateTimeOffset? at) =>
        at is { } due && (current is null || due < current.Value.At) ? (target, due) : current;

    private static int Target(IDictionary<string, int> targets, string priority, int fallback) =>
        targets.TryGetValue(priority, out var value) || targets.TryGetValue("normal", out value) ? value : fallback;

    private BusinessCalendar Calendar() => BusinessCalendar.From(options.Value);
}

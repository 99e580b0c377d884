using Microsoft.AspNetCore.Http;
using SupportSdk.Server.Attachments;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Security;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tickets;

/// <summary>
/// The ticket rules shared by the customer and agent endpoints: who sees what, which changes each side may make
/// from which state, and the optimistic-concurrency loop around every change.
/// </summary>
internal sealed class TicketWorkflow(ITicketStore store, AttachmentRules attachments, MessageGuard guard, SupportSdk.Server.Webhooks.WebhookEvents webhooks, TicketSlaClock sla,
    IAgentStore agents, SupportSdk.Server.Agents.AssignmentSignal assigner, TimeProvider time)
{
    public const int MaxTier = 3;
    public const int MaxSubject = 200;
    public const int MaxBody = 20_000;
    public const int MaxComment = 2_000;
    private const int MaxAttempts = 8;

    public TimeProvider Time => time;

    public MessageGuard Guard => guard;

    public SupportSdk.Server.Webhooks.WebhookEvents Webhooks => webhooks;

    public TicketSlaClock Sla => sla;

    public SupportSdk.Server.Agents.AssignmentSignal Assigner => assigner;

    /// <summary>The ticket if the caller may see it; otherwise 404, so ids cannot be probed.</summary>
    public async Task<Ticket> GetVisibleAsync(string id, SupportPrincipal caller, CancellationToken cancellationToken)
    {
        var ticket = Ids.LooksValid(id, "tkt_") ? await store.GetTicketAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (ticket is null || (caller.Kind == PrincipalKinds.User && !string.Equals(ticket.Customer.UserId, caller.Id, StringComparison.Ordinal)))
        {
            throw ApiError.TicketNotFound();
        }

        return ticket;
    }

    /// <summary>A new message; customer text must already be screened (<see cref="MessageGuard.Screen{T}(T)"/>),
    /// agent and bot text gets its scam flags here.</summary>
    /// <summary>A new open ticket of a customer, tier 1, with its SLA started: the one shape every way in (the API, a
    /// lock request, a mail) opens.</summary>
    public Ticket NewTicket(SupportPrincipal customer, string subject, TicketCategory category, TicketPriority priority, string locale,
        IReadOnlyList<string>? tags = null, TransactionInfo? transaction = null)
    {
        var now = time.StoredNow();
        var ticket = new Ticket
        {
            Id = Ids.New("tkt_", time),
            Subject = subject,
            Status = TicketStatus.Open,
            Priority = priority,
            Category = category,
            Locale = locale,
            Transaction = transaction,
            Tier = 1,
            Customer = new TicketCustomer { UserId = customer.Id, DisplayName = customer.Name },
            MessageCount = 1,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Tags = tags,
        };
        return ticket.With(sla: Sla.Start(ticket, customer.Tier));
    }

    public async Task<TicketMessage> NewMessageAsync(SupportPrincipal author, AuthorRole role, string body, IReadOnlyList<string>? attachmentIds, long seq, string field)
    {
        return new TicketMessage
        {
            Id = Ids.New("msg_", time),
            Seq = seq,
            From = new Author { Role = role, Name = author.Name },
            Body = (role == AuthorRole.Customer ? SupportSdk.Server.Security.AntiPhishing.Redact(body, author) : body).Trim(),
            Flags = role == AuthorRole.Customer ? [] : guard.FlagsFor(body),
            CreatedAt = time.StoredNow(),
            Attachments = await attachments.ClaimAsync(author, attachmentIds, field).ConfigureAwait(false),
        };
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current ticket and stores it, retrying when another writer got there
    /// first — unless the caller pinned a version with <c>If-Match</c>, which then answers 412. <paramref name="record"/>
    /// gives the request's Idempotency-Key completion for the change, written in the change's own transaction.
    /// </summary>
    public async Task<(Ticket Ticket, TicketMessage? Message)> ChangeAsync(string id, SupportPrincipal caller, long? ifMatch,
        Func<Ticket, Task<(Ticket Updated, TicketMessage? Message)>> change, Func<Ticket, TicketMessage?, IdempotentCompletion?>? record = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetVisibleAsync(id, caller, CancellationToken.None).ConfigureAwait(false);
            if (ifMatch is { } expected && expected != current.Version)
            {
                throw Stale();
            }

            var (updated, message) = await change(current).ConfigureAwait(false);
            updated = await RouteAsync(current, updated).ConfigureAwait(false);
            updated = Touch(updated, current, message is null ? 0 : 1);
            updated = updated.With(sla: sla.Next(current, updated, message, updated.UpdatedAt));
            if (await Stored(store.TryUpdateTicketAsync(updated, current.Version, message, webhooks.TicketChanged(current, updated, message),
                record?.Invoke(updated, message), CancellationToken.None)).ConfigureAwait(false))
            {
                webhooks.Committed();
                if (updated.Assignee is null && (current.Assignee is not null || updated.Tier != current.Tier)
                    || (current.Assignee is not null && Finished(updated.Status) && !Finished(current.Status)))
                {
                    assigner.Wake(); // work to route, or an agent with room for more
                }

                return (updated, message);
            }

            if (ifMatch is not null || attempt >= MaxAttempts)
            {
                throw Stale();
            }
        }
    }

    private static bool Finished(TicketStatus status) => status == TicketStatus.Resolved || status == TicketStatus.Closed;

    /// <summary>A ticket raised to a tier above its agent's (as recorded in the team) leaves that agent, so automatic
    /// assignment hands it to someone at the new tier; an assignee named in the same change stays.</summary>
    private async Task<Ticket> RouteAsync(Ticket current, Ticket updated)
    {
        if (updated.Tier > current.Tier && updated.Assignee is { } assignee && string.Equals(assignee, current.Assignee, StringComparison.Ordinal)
            && await agents.GetAgentAsync(assignee, CancellationToken.None).ConfigureAwait(false) is { } agent && agent.Tier < updated.Tier)
        {
            return updated.With(clearAssignee: true);
        }

        return updated;
    }

    /// <summary>A store write, with the store's refusal mapped to its answer: an attachment that another message took
    /// meanwhile is 400 <c>invalid_attachment</c>, as when it was checked.</summary>
    public static async Task<T> Stored<T>(Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (StoreConflictException)
        {
            throw new ApiError(400, ErrorCodes.InvalidAttachment, "An attachment cannot be attached.",
                "Attach only files you uploaded yourself and have not attached yet.");
        }
    }

    public static void EnsureOpenForReplies(Ticket ticket)
    {
        if (ticket.Status == TicketStatus.Closed)
        {
            throw new ApiError(409, ErrorCodes.InvalidStateTransition, "The ticket is closed.", "Open a new ticket instead.");
        }
    }

    public static string ETag(Ticket ticket) => "\"" + ticket.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version named by <c>If-Match</c>; null when absent or <c>*</c>; 412 when it cannot be one of ours.</summary>
    public static long? ParseIfMatch(HttpRequest request, bool required)
    {
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0)
        {
            return required
                ? throw new ApiError(428, ErrorCodes.PreconditionRequired, "Send If-Match with the ticket's ETag.", "Read the ticket first; its ETag header is the value to send.")
                : null;
        }

        if (raw == "*")
        {
            return null;
        }

        var value = raw.StartsWith("W/", StringComparison.Ordinal) ? raw[2..] : raw;
        value = value.Trim('"');
        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw Stale();
    }

    private Ticket Touch(Ticket updated, Ticket current, int newMessages) =>
        updated.With(messageCount: current.MessageCount + newMessages, version: current.Version + 1, updatedAt: time.StoredNow());

    private static ApiError Stale() =>
        new(412, ErrorCodes.PreconditionFailed, "The ticket changed since you read it.", "Read it again and re-apply your change.");
}

/// <summary>Copies a ticket with some fields changed (the models are init-only).</summary>
internal static class TicketCopy
{
    public static Ticket With(this Ticket t, TicketStatus? status = null, TicketPriority? priority = null, int? tier = null,
        string? assignee = null, bool clearAssignee = false, TicketRating? rating = null,
        int? messageCount = null, long? version = null, DateTimeOffset? updatedAt = null, TicketSla? sla = null, IReadOnlyList<string>? tags = null) => new()
        {
            Id = t.Id,
            Customer = t.Customer,
            CreatedAt = t.CreatedAt,
            UpdatedAt = updatedAt ?? t.UpdatedAt,
            Subject = t.Subject,
            Category = t.Category,
            Locale = t.Locale,
            Transaction = t.Transaction,
            MessageCount = messageCount ?? t.MessageCount,
            Version = version ?? t.Version,
            Status = status ?? t.Status,
            Priority = priority ?? t.Priority,
            Tier = tier ?? t.Tier,
            Assignee = clearAssignee ? null : assignee ?? t.Assignee,
            Rating = rating ?? t.Rating,
            Sla = sla ?? t.Sla,
            Tags = tags ?? t.Tags,
        };

    /// <summary>The ticket as <paramref name="caller"/> may see it: a customer never sees the team's tags.</summary>
    public static Ticket ViewFor(this Ticket t, SupportPrincipal caller) =>
        caller.Kind == PrincipalKinds.User && t.Tags is not null ? new()
        {
            Id = t.Id, Customer = t.Customer, CreatedAt = t.CreatedAt, UpdatedAt = t.UpdatedAt, Subject = t.Subject, Category = t.Category, Locale = t.Locale,
            Transaction = t.Transaction, MessageCount = t.MessageCount, Version = t.Version, Status = t.Status, Priority = t.Priority, Tier = t.Tier,
            Assignee = t.Assignee, Rating = t.Rating, Sla = t.Sla, Tags = null,
        } : t;
}

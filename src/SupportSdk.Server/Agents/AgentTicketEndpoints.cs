using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Agents;

/// <summary>The agent's side of tickets: the queue, reading, replying and triage (status, priority, assignee, tier).</summary>
internal static class AgentTicketEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var agent = v1.MapGroup("/agent/tickets").Allow(PrincipalKinds.Agent).WithTags("Agent");
        agent.MapGet("", QueueAsync).Produces<Page<Ticket>>().WithName("AgentListTickets");
        agent.MapGet("/{id}", GetAsync).Produces<Ticket>().WithName("AgentGetTicket");
        agent.MapGet("/{id}/messages", TicketHandlers.MessagesAsync).Produces<Page<TicketMessage>>().WithName("AgentListTicketMessages");
        agent.MapPost("/{id}/messages", ReplyAsync).Idempotent().Accepts<ReplyRequest>("application/json").Produces<TicketMessage>(201).WithName("AgentReplyToTicket");
        agent.MapPost("/{id}/merge", MergeAsync).Idempotent().Accepts<MergeTicketRequest>("application/json").Produces<Ticket>().WithName("AgentMergeTicket");
        agent.MapPatch("/{id}", UpdateAsync).Accepts<AgentUpdateTicketRequest>("application/json").Produces<Ticket>().WithName("AgentUpdateTicket");
    }

    private static async Task<IResult> QueueAsync(HttpContext http, ITicketStore store)
    {
        var query = http.Request.Query;
        int? tier = null;
        if (query["tier"].ToString() is { Length: > 0 } rawTier)
        {
            tier = int.TryParse(rawTier, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) && t is >= 1 and <= TicketWorkflow.MaxTier
                ? t
                : throw ApiError.Query("tier", $"Use 1 to {TicketWorkflow.MaxTier}.");
        }

        var assignee = query["assignee"].ToString();
        var byDue = query["sort"].ToString() switch
        {
            "" or "newest" => false,
            "due" => true,
            _ => throw ApiError.Query("sort", "Use newest (the default) or due."),
        };
        var filter = new TicketFilter(null, Cursors.Enum<TicketStatus>(http.Request, "status"),
            byDue ? null : Cursors.Decode(http.Request, "tickets", id => Ids.LooksValid(id, "tkt_")), Cursors.Limit(http.Request))
        {
            Priority = Cursors.Enum<TicketPriority>(http.Request, "priority"),
            Tier = tier,
            Assignee = assignee switch { "" or "none" => null, "me" => http.Principal().Name, _ => assignee },
            Unassigned = assignee == "none",
            Tag = Tag(query["tag"].ToString()),
            Query = SearchText(query["q"].ToString()),
            ByDue = byDue,
            AfterDue = byDue ? DueCursor(http.Request) : null,
        };
        if (!byDue)
        {
            return await TicketHandlers.PageAsync(store, filter, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        }

        // Soonest due first: only tickets with a running target; the cursor is the last one's due time and id.
        var items = await store.ListTicketsAsync(filter with { Limit = filter.Limit + 1 }, http.RequestAborted).ConfigureAwait(false);
        var last = items.Count > filter.Limit ? items[filter.Limit - 1] : null;
        var page = new Page<Ticket>
        {
            Items = [.. items.Take(filter.Limit)],
            NextCursor = last is null ? null
                : Cursors.Encode("tickets-due", last.Sla!.DueAt!.Value.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + last.Id),
        };
        return TypedResults.Json(page, WireJson.Support.PageTicket);
    }

    private static string? Tag(string raw) =>
        raw.Length == 0 ? null : IsTag(raw.ToLowerInvariant()) ? raw.ToLowerInvariant() : throw ApiError.Query("tag", "A tag: 1–32 lower-case letters, digits, '-' or '_'.");

    private static string? SearchText(string raw) =>
        raw.Trim().Length == 0 ? null : raw.Length <= 200 ? raw.Trim() : throw ApiError.Query("q", "At most 200 characters.");

    /// <summary>A tag: 1–32 lower-case letters, digits, '-' or '_', starting with a letter or digit.</summary>
    public static bool IsTag(string tag) =>
        tag is { Length: > 0 and <= 32 } && char.IsAsciiLetterOrDigit(tag[0]) && tag.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    public const int MaxTags = 10;

    private static (DateTimeOffset, string)? DueCursor(HttpRequest request)
    {
        static bool Valid(string payload) => payload.Split('.') is [var ms, var id]
            && long.TryParse(ms, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _) && Ids.LooksValid(id, "tkt_");
        return Cursors.Decode(request, "tickets-due", Valid) is { } cursor && cursor.Split('.') is [var due, var id]
            ? (DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(due, System.Globalization.CultureInfo.InvariantCulture)), id)
            : null;
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, TicketWorkflow workflow) =>
        TicketHandlers.WithETag(http, await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false));

    private static async Task<IResult> ReplyAsync(string id, HttpContext http, TicketWorkflow workflow, ITicketStore store)
    {
        var agent = http.Principal();
        await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.ReplyRequest).ConfigureAwait(false);
        new Validation().Text("body", request.Body, 1, TicketWorkflow.MaxBody).ThrowIfInvalid();
        var (ticket, message) = await workflow.ChangeAsync(id, agent, null, async current =>
        {
            TicketWorkflow.EnsureOpenForReplies(current);
            if (request.SeenSeq is { } seen && current.MessageCount > seen)
            {
                // Written on an out-of-date view: someone (the customer, another agent) added messages since.
                var since = await store.ListMessagesAsync(id, Math.Max(0, seen), 100, CancellationToken.None).ConfigureAwait(false);
                throw new ApiError(409, ErrorCodes.StaleView, "The ticket has new messages since you opened it.",
                    $"{current.MessageCount - seen} new message(s); read them, then send again.") { Messages = since };
            }

            var reply = await workflow.NewMessageAsync(agent, AuthorRole.Agent, request.Body, request.AttachmentIds, current.MessageCount + 1, "attachmentIds").ConfigureAwait(false);
            return (current.With(status: TicketStatus.PendingCustomer, assignee: current.Assignee ?? agent.Name), reply);
        }, TicketHandlers.RecordMessage(http)).ConfigureAwait(false);
        http.Response.Headers.ETag = TicketWorkflow.ETag(ticket);
        return TypedResults.Json(message!, WireJson.Support.TicketMessage, statusCode: 201);
    }

    /// <summary>Closes the duplicate <paramref name="id"/> with a note pointing at the ticket the conversation continues
    /// on, after adding a note to that one naming the duplicate (so a retry after a failure in between repeats a note,
    /// never loses the pointer). Only tickets of one customer merge: another's would show them each other's words.</summary>
    private static async Task<IResult> MergeAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var agent = http.Principal();
        var duplicate = await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.MergeTicketRequest).ConfigureAwait(false);
        new Validation().Check(Ids.LooksValid(request.Into, "tkt_"), "into", "A ticket id.").Check(request.Into != id, "into", "Another ticket than the one merged.").ThrowIfInvalid();
        var target = await workflow.GetVisibleAsync(request.Into, agent, http.RequestAborted).ConfigureAwait(false);
        if (!string.Equals(target.Customer.UserId, duplicate.Customer.UserId, StringComparison.Ordinal))
        {
            throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Only tickets of the same customer can be merged.",
                "Merging would show one customer's conversation to another.");
        }

        if (duplicate.Status == TicketStatus.Closed)
        {
            throw new ApiError(409, ErrorCodes.InvalidStateTransition, "A closed ticket cannot be merged.");
        }

        var system = new SupportPrincipal(PrincipalKinds.None, "system", "Support");
        await workflow.ChangeAsync(target.Id, agent, null, async current =>
        {
            TicketWorkflow.EnsureOpenForReplies(current);
            var note = await workflow.NewMessageAsync(system, AuthorRole.System, $"Ticket {duplicate.Id} (\u201C{duplicate.Subject}\u201D) was merged into this one.",
                null, current.MessageCount + 1, "into").ConfigureAwait(false);
            return (current, note);
        }).ConfigureAwait(false);
        var (closed, _) = await workflow.ChangeAsync(id, agent, null, async current =>
        {
            var note = await workflow.NewMessageAsync(system, AuthorRole.System, $"Merged into ticket {target.Id}: the conversation continues there.",
                null, current.MessageCount + 1, "into").ConfigureAwait(false);
            return (current.With(status: TicketStatus.Closed), note);
        }, TicketHandlers.RecordTicket(http)).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, closed);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var agent = http.Principal();
        await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var ifMatch = TicketWorkflow.ParseIfMatch(http.Request, required: false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.AgentUpdateTicketRequest).ConfigureAwait(false);
        new Validation()
            .Known("status", request.Status, required: false)
            .Known("priority", request.Priority, required: false)
            .Check(request.Tier is null or >= 1 and <= TicketWorkflow.MaxTier, "tier", $"Use 1 to {TicketWorkflow.MaxTier}.")
            .Check(request.Assignee is null || request.Assignee.Length <= 100, "assignee", "At most 100 characters.")
            .Check(request.Tags is null || (request.Tags.Count <= MaxTags && request.Tags.All(t => t is not null && IsTag(t.ToLowerInvariant()))), "tags",
                $"At most {MaxTags} tags of 1–32 lower-case letters, digits, '-' or '_'.")
            .ThrowIfInvalid();
        var (ticket, _) = await workflow.ChangeAsync(id, agent, ifMatch, current =>
        {
            if (current.Status == TicketStatus.Closed && request.Status is { } s && s != TicketStatus.Closed)
            {
                throw new ApiError(409, ErrorCodes.InvalidStateTransition, "A closed ticket cannot be reopened; ask the customer to open a new one.");
            }

            var assignee = request.Assignee?.Trim();
            return Task.FromResult<(Ticket, TicketMessage?)>((current.With(status: request.Status, priority: request.Priority, tier: request.Tier,
                assignee: string.IsNullOrEmpty(assignee) ? null : assignee, clearAssignee: assignee is { Length: 0 },
                tags: request.Tags?.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList()), null));
        }).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, ticket);
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tickets;

/// <summary>The ticket handlers customers and agents share: pages of tickets, a ticket's messages, a ticket with its ETag.</summary>
internal static class TicketHandlers
{
    internal static async Task<IResult> PageAsync(ITicketStore store, TicketFilter filter, SupportPrincipal caller, CancellationToken cancellationToken)
    {
        var items = (await store.ListTicketsAsync(filter with { Limit = filter.Limit + 1 }, cancellationToken).ConfigureAwait(false)).Select(t => t.ViewFor(caller)).ToList();
        var page = new Page<Ticket>
        {
            Items = items.Count > filter.Limit ? items.Take(filter.Limit).ToList() : items,
            NextCursor = items.Count > filter.Limit ? Cursors.Encode("tickets", items[filter.Limit - 1].Id) : null,
        };
        return TypedResults.Json(page, WireJson.Support.PageTicket);
    }

    /// <summary>For <see cref="TicketWorkflow.ChangeAsync"/>: completes the request's Idempotency-Key with the changed
    /// ticket (200) in the change's own transaction.</summary>
    internal static Func<Ticket, TicketMessage?, IdempotentCompletion?> RecordTicket(HttpContext http) =>
        (ticket, _) => Idempotency.ClaimOf(http)?.Complete(Idempotency.Json(200, ticket.ViewFor(http.Principal()), WireJson.Support.Ticket));

    /// <summary>As <see cref="RecordTicket"/>, with the new message (201).</summary>
    internal static Func<Ticket, TicketMessage?, IdempotentCompletion?> RecordMessage(HttpContext http) =>
        (_, message) => Idempotency.ClaimOf(http)?.Complete(Idempotency.Json(201, message!, WireJson.Support.TicketMessage));

    internal static async Task<IResult> MessagesAsync(string id, HttpContext http, TicketWorkflow workflow, ITicketStore store)
    {
        var ticket = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        var limit = Cursors.Limit(http.Request, 50, 200);
        var after = Cursors.Decode(http.Request, "messages", p => long.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));
        var afterSeq = after is null ? 0 : long.Parse(after, System.Globalization.CultureInfo.InvariantCulture);
        var items = await store.ListMessagesAsync(ticket.Id, afterSeq, limit + 1, http.RequestAborted).ConfigureAwait(false);
        var page = new Page<TicketMessage>
        {
            Items = [.. items.Take(limit).Select(m => SupportSdk.Server.Security.AntiPhishing.ForReader(m, http.Principal()))],
            NextCursor = items.Count > limit ? Cursors.Encode("messages", items[limit - 1].Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null,
        };
        return TypedResults.Json(page, WireJson.Support.PageTicketMessage);
    }

    internal static IResult WithETag(HttpContext http, Ticket ticket)
    {
        http.Response.Headers.ETag = TicketWorkflow.ETag(ticket);
        return TypedResults.Json(ticket.ViewFor(http.Principal()), WireJson.Support.Ticket);
    }
}

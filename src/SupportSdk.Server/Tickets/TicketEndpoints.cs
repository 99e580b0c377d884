using SupportSdk.Server.Faq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Hosting;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tickets;

/// <summary>The customer's ticket endpoints. Every route answers 404 for a ticket the caller does not own.</summary>
internal static class TicketEndpoints
{

    public static void Map(RouteGroupBuilder v1)
    {
        var tickets = v1.MapGroup("/tickets").Allow(PrincipalKinds.User).WithTags("Tickets");
        tickets.MapPost("", CreateAsync).Accepts<CreateTicketRequest>("application/json").Produces<Ticket>(201).WithName("CreateTicket")
            .WithMetadata(RecordsIdempotencyItself.Instance);
        tickets.MapGet("", ListAsync).Produces<Page<Ticket>>().WithName("ListTickets");
        tickets.MapGet("/{id}", GetAsync).Produces<Ticket>().WithName("GetTicket");
        tickets.MapPatch("/{id}", UpdateAsync).Accepts<UpdateTicketRequest>("application/json").Produces<Ticket>().WithName("UpdateTicket");
        tickets.MapPost("/{id}/messages", ReplyAsync).Idempotent().Accepts<ReplyRequest>("application/json").Produces<TicketMessage>(201).WithName("ReplyToTicket");
        tickets.MapGet("/{id}/messages", TicketHandlers.MessagesAsync).Produces<Page<TicketMessage>>().WithName("ListTicketMessages");
        tickets.MapPost("/{id}/escalate", EscalateAsync).Idempotent().AcceptsOptionalJson<EscalateRequest>().Produces<Ticket>().WithName("EscalateTicket");
        tickets.MapPost("/{id}/close", CloseAsync).Idempotent().Produces<Ticket>().WithName("CloseTicket");
        tickets.MapPost("/{id}/rating", RateAsync).Idempotent().Accepts<RateTicketRequest>("application/json").Produces<Ticket>().WithName("RateTicket");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ITicketStore store, TicketWorkflow workflow, IOptions<SupportServerOptions> options, Idempotency idempotency,
        FaqInsightsRecorder insights)
    {
        // One path, with or without a key: a replay, an in-flight key or another body is answered before any work;
        // otherwise the ticket, its first message and the key's record are one store transaction.
        // The body is read in full first: the quota is counted after the upload, so a slow body cannot hold a
        // passed check open for the length of its upload.
        var caller = http.Principal();
        var key = await idempotency.ReadAsync(http, caller).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.CreateTicketRequest).ConfigureAwait(false);
        var quota = Math.Max(1, options.Value.TicketsPerUserPerHour);
        var now = workflow.Time.GetUtcNow();
        var check = await store.CheckCreateAsync(key, caller.Id, now - QuotaWindow, quota, http.RequestAborted).ConfigureAwait(false);
        if (check.Key.Outcome != IdempotencyOutcome.Started)
        {
            return Idempotency.Answer(check.Key);
        }

        var valid = new Validation()
            .Text("subject", request.Subject, 1, TicketWorkflow.MaxSubject)
            .Line("subject", request.Subject)
            .Text("body", request.Body, 1, TicketWorkflow.MaxBody)
            .Known("category", (TicketCategory?)request.Category, required: true)
            .Known("priority", request.Priority, required: false);
        foreach (var (field, problem) in TransactionRules.Validate(request.Transaction))
        {
            valid.Add(field, problem);
        }

        valid.ThrowIfInvalid();
        EnsureQuota(check.QuotaReachedBy, quota, now);
        var locale = Locales.Require(request.Locale, caller.Locale ?? options.Value.DefaultLocale, "locale");
        var safe = workflow.Guard.Screen(request);
        var transaction = await WithLookupAsync(safe.Transaction, caller, locale, http.RequestServices.GetRequiredService<SupportSdk.Server.Deposits.DepositLookups>(),
            http.RequestAborted).ConfigureAwait(false);
        var message = await workflow.NewMessageAsync(caller, AuthorRole.Customer, safe.Body, request.AttachmentIds, 1, "attachmentIds").ConfigureAwait(false);
        var ticket = workflow.NewTicket(caller, SupportSdk.Server.Security.AntiPhishing.Redact(safe.Subject, caller).Trim(), request.Category,
            request.Priority ?? TicketPriority.Normal, locale, transaction: transaction);
        var location = SupportApiPrefix.PathOf(http, "tickets/" + ticket.Id);
        var recorded = key is null ? null : Idempotency.Json(201, ticket.ViewFor(caller), WireJson.Support.Ticket, location);
        var outcome = await TicketWorkflow.Stored(store.CreateTicketAsync(ticket, message, key is null ? null : new IdempotentCompletion(key, recorded!),
            [workflow.Webhooks.TicketCreated(ticket)], CancellationToken.None)).ConfigureAwait(false);
        if (outcome.Outcome != IdempotencyOutcome.Started)
        {
            return Idempotency.Answer(outcome);
        }

        workflow.Webhooks.Committed();
        workflow.Assigner.Wake();

        insights.AskedForPerson(caller.Scope);
        http.Response.Headers.ETag = TicketWorkflow.ETag(ticket);
        if (recorded is not null)
        {
            return Idempotency.Respond(recorded);
        }

        http.Response.Headers.Location = location;
        return TypedResults.Json(ticket.ViewFor(caller), WireJson.Support.Ticket, statusCode: 201);
    }

    /// <summary>A deposit ticket carries what the exchange's lookup says (when it has one) so the agent starts from it;
    /// a lookup that fails leaves the ticket without it, never unopened.</summary>
    private static async Task<TransactionInfo?> WithLookupAsync(TransactionInfo? tx, SupportPrincipal caller, string locale,
        SupportSdk.Server.Deposits.DepositLookups lookups, CancellationToken cancellationToken)
    {
        if (tx is null)
        {
            return null;
        }

        DepositLookup? found = null; // a client's own "lookup" is never taken
        if (tx.Direction == TransactionDirection.Deposit && lookups.IsConfigured)
        {
            try
            {
                found = await lookups.LookupAsync(caller.Id, tx.Network, tx.TxId, locale, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiError)
            {
                found = null;
            }
        }

        return new TransactionInfo { Asset = tx.Asset, Network = tx.Network, TxId = tx.TxId, Amount = tx.Amount, Direction = tx.Direction, Lookup = found };
    }

    private static readonly TimeSpan QuotaWindow = TimeSpan.FromHours(1);

    /// <summary>429 <c>ticket_quota_exceeded</c> when the customer opened their hourly quota of tickets (the oldest
    /// counted was opened at <paramref name="oldestCounted"/>); Retry-After says when it leaves the hour. Counted in the
    /// store, so it holds across nodes.</summary>
    private static void EnsureQuota(DateTimeOffset? oldestCounted, int quota, DateTimeOffset now)
    {
        if (oldestCounted is { } oldest)
        {
            var frees = oldest + QuotaWindow - now;
            throw new ApiError(429, ErrorCodes.TicketQuotaExceeded, "You opened the most tickets allowed in an hour.",
                $"At most {quota} new tickets an hour; reply to an open ticket instead, or retry after the time in Retry-After.")
            {
                RetryAfter = frees < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : frees,
            };
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, ITicketStore store)
    {
        var status = Cursors.Enum<TicketStatus>(http.Request, "status");
        var limit = Cursors.Limit(http.Request);
        var before = Cursors.Decode(http.Request, "tickets", id => Ids.LooksValid(id, "tkt_"));
        return await TicketHandlers.PageAsync(store, new TicketFilter(http.Principal().Id, status, before, limit), http.Principal(), http.RequestAborted).ConfigureAwait(false);
    }


    private static async Task<IResult> GetAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var ticket = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, ticket);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var ifMatch = TicketWorkflow.ParseIfMatch(http.Request, required: true);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.UpdateTicketRequest).ConfigureAwait(false);
        new Validation()
            .Known("status", request.Status, required: false)
            .Known("priority", request.Priority, required: false)
            .Check(request.Status is null || request.Status == TicketStatus.Open || request.Status == TicketStatus.Resolved || request.Status == TicketStatus.Closed,
                "status", "A customer may set open (to reopen), resolved or closed.")
            .ThrowIfInvalid();
        var (ticket, _) = await workflow.ChangeAsync(id, caller, ifMatch, current =>
        {
            if (request.Status is { } status && status != current.Status)
            {
                TicketWorkflow.EnsureOpenForReplies(current);
                if (status == TicketStatus.Open && current.Status != TicketStatus.Resolved)
                {
                    throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Only a resolved ticket can be reopened.");
                }
            }

            return Task.FromResult<(Ticket, TicketMessage?)>((current.With(status: request.Status, priority: request.Priority), null));
        }).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, ticket);
    }

    private static async Task<IResult> ReplyAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.ReplyRequest).ConfigureAwait(false);
        new Validation().Text("body", request.Body, 1, TicketWorkflow.MaxBody).ThrowIfInvalid();
        var body = workflow.Guard.Screen(request).Body;
        var (ticket, message) = await workflow.ChangeAsync(id, caller, null, async current =>
        {
            TicketWorkflow.EnsureOpenForReplies(current);
            var reply = await workflow.NewMessageAsync(caller, AuthorRole.Customer, body, request.AttachmentIds, current.MessageCount + 1, "attachmentIds").ConfigureAwait(false);
            return (current.With(status: TicketStatus.PendingAgent), reply);
        }, TicketHandlers.RecordMessage(http)).ConfigureAwait(false);
        http.Response.Headers.ETag = TicketWorkflow.ETag(ticket);
        return TypedResults.Json(message!, WireJson.Support.TicketMessage, statusCode: 201);
    }


    private static async Task<IResult> EscalateAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var request = http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType()
            ? new EscalateRequest()
            : await JsonBody.ReadAsync(http, SupportJsonContext.Default.EscalateRequest).ConfigureAwait(false);
        new Validation().Check(request.Reason is null || request.Reason.Length <= TicketWorkflow.MaxComment, "reason", $"At most {TicketWorkflow.MaxComment} characters.").ThrowIfInvalid();
        var reason = workflow.Guard.Screen(request).Reason;
        var (ticket, _) = await workflow.ChangeAsync(id, caller, null, async current =>
        {
            TicketWorkflow.EnsureOpenForReplies(current);
            var tier = Math.Min(current.Tier + 1, TicketWorkflow.MaxTier);

            // The reason is the customer's words, so it is stored as the customer's message: never as one from
            // "Support" or the system, which would let a customer put words in support's mouth.
            var message = string.IsNullOrWhiteSpace(reason)
                ? await workflow.NewMessageAsync(new SupportPrincipal(PrincipalKinds.None, "system", "Support"), AuthorRole.System,
                    $"The customer asked to escalate this ticket (tier {tier}).", null, current.MessageCount + 1, "reason").ConfigureAwait(false)
                : await workflow.NewMessageAsync(caller, AuthorRole.Customer, reason, null, current.MessageCount + 1, "reason").ConfigureAwait(false);
            return (current.With(status: TicketStatus.Escalated, tier: tier), message);
        }, TicketHandlers.RecordTicket(http)).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, ticket);
    }

    private static async Task<IResult> CloseAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var caller = http.Principal();
        var current = await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        if (current.Status == TicketStatus.Closed)
        {
            return TicketHandlers.WithETag(http, current);
        }

        var (ticket, _) = await workflow.ChangeAsync(id, caller, null,
            t => Task.FromResult<(Ticket, TicketMessage?)>((t.With(status: TicketStatus.Closed), null)), TicketHandlers.RecordTicket(http)).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, ticket);
    }

    private static async Task<IResult> RateAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.RateTicketRequest).ConfigureAwait(false);
        new Validation()
            .Check(request.Score is >= 1 and <= 5, "score", "Rate from 1 to 5.")
            .Check(request.Comment is null || request.Comment.Length <= TicketWorkflow.MaxComment, "comment", $"At most {TicketWorkflow.MaxComment} characters.")
            .ThrowIfInvalid();
        var comment = SupportSdk.Server.Security.AntiPhishing.RedactOptional(workflow.Guard.Screen(request).Comment, caller);
        var (ticket, _) = await workflow.ChangeAsync(id, caller, null, current =>
        {
            if (current.Status != TicketStatus.Resolved && current.Status != TicketStatus.Closed)
            {
                throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Only a resolved or closed ticket can be rated.");
            }

            if (current.Rating is not null)
            {
                throw new ApiError(409, ErrorCodes.AlreadyRated, "This ticket was already rated.");
            }

            var rating = new TicketRating { Score = request.Score, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim() };
            return Task.FromResult<(Ticket, TicketMessage?)>((current.With(rating: rating), null));
        }, TicketHandlers.RecordTicket(http)).ConfigureAwait(false);
        return TicketHandlers.WithETag(http, ticket);
    }

}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Account;

/// <summary>
/// Locks a customer's account from support, whether asked through <c>POST /v1/account/lock</c> or in chat: the
/// exchange's hook (<see cref="IAccountGuard"/>) locks it during the request when registered; either way an
/// <c>account.lock_requested</c> webhook goes out with an urgent security ticket for the team, which a repeated request
/// reuses while it is open. Nothing here unlocks.
/// </summary>
internal sealed class AccountLocks(ITicketStore store, IWebhookStore outbox, TicketWorkflow workflow, IOptions<SupportServerOptions> options,
    IServiceScopeFactory scopes)
{
    /// <summary>How long the exchange's hook may take before the customer is told to try again.</summary>
    public static readonly TimeSpan HookTimeout = TimeSpan.FromSeconds(10);

    public const string LockTag = "account-lock";

    public async Task<(AccountLockResult Result, bool Created)> LockAsync(SupportPrincipal customer, string? requestedReason, CancellationToken cancellationToken)
    {
        // A panicking customer may paste their seed phrase: the lock still goes ahead, the words are dropped.
        string reason;
        try
        {
            reason = workflow.Guard.Screen(new LockAccountRequest { Reason = requestedReason }).Reason?.Trim() ?? string.Empty;
        }
        catch (ApiError e) when (e.Code == ErrorCodes.SensitiveDataBlocked)
        {
            reason = string.Empty;
        }

        // Resolved per request, in a scope of its own: the exchange's hook may be scoped (a DbContext) or transient.
        var locked = false;
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (scope.ServiceProvider.GetService(typeof(IAccountGuard)) is IAccountGuard guard)
            {
                locked = true;
                try
                {
                    // Bounded even for a hook that ignores its token: a slow lock never holds a chat or a request.
                    await guard.LockAsync(customer.Id, reason, cancellationToken).WaitAsync(HookTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    throw new ApiError(503, ErrorCodes.AccountLockUnavailable, "The account could not be locked right now.",
                        "Try again in a moment; if it keeps failing, use the exchange's official phone line.") { RetryAfter = TimeSpan.FromSeconds(5) };
                }
            }
        }

        var texts = Texts(customer.Locale ?? options.Value.DefaultLocale);
        var lockTickets = await store.ListTicketsAsync(new TicketFilter(customer.Id, null, null, 20) { Tag = LockTag }, cancellationToken).ConfigureAwait(false);
        if (lockTickets.FirstOrDefault(IsOpen) is { } open)
        {
            return (await AgainAsync(open, customer, locked, texts).ConfigureAwait(false), false);
        }

        var first = reason.Length > 0
            ? await workflow.NewMessageAsync(customer, AuthorRole.Customer, reason, null, 1, "reason").ConfigureAwait(false)
            : await workflow.NewMessageAsync(System, AuthorRole.System, texts.Requested, null, 1, "reason").ConfigureAwait(false);
        var ticket = workflow.NewTicket(customer, texts.Subject, TicketCategory.Security, TicketPriority.Urgent, customer.Locale ?? options.Value.DefaultLocale, [LockTag]);

        // The Idempotency-Key is recorded by its scope after this: a retry after a crash in between finds the open
        // ticket above and reuses it (the hook is idempotent by contract), so the work is never done twice. Two
        // requests at once (a tap in chat and the button on a ticket, on two nodes) must not open two tickets: the
        // create claims a key named after the lock ticket before it, which only one of them gets; the other follows
        // the record to the ticket the winner opened — added to while open, else the next one comes after it (so an
        // agent removing the tag, or a node's clock, never leaves a key that blocks every later lock).
        var after = lockTickets.Count > 0 ? lockTickets[0].Id : "none";
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var now = workflow.Time.GetUtcNow();
            var once = new IdempotencyRequest(customer.Scope, "account-lock-after:" + after, LockTag, now, now, now - options.Value.IdempotencyRetention);
            var outcome = await TicketWorkflow.Stored(store.CreateTicketAsync(ticket, first, new IdempotentCompletion(once, new StoredResponse(201, null, ticket.Id, [])),
                [workflow.Webhooks.TicketCreated(ticket), workflow.Webhooks.AccountLockRequested(customer.Id, ticket.Id, locked)], CancellationToken.None)).ConfigureAwait(false);
            if (outcome.Outcome == IdempotencyOutcome.Started)
            {
                workflow.Webhooks.Committed();
                workflow.Assigner.Wake(); // urgent, security: to an agent with the security skill
                return (new AccountLockResult { Locked = locked, Ticket = ticket.ViewFor(customer) }, true);
            }

            if (outcome.Response?.Location is not { Length: > 0 } winner)
            {
                break;
            }

            if (await store.GetTicketAsync(winner, cancellationToken).ConfigureAwait(false) is { } won && IsOpen(won) && won.Customer.UserId == customer.Id)
            {
                return (await AgainAsync(won, customer, locked, texts).ConfigureAwait(false), false);
            }

            after = winner;
        }

        throw new ApiError(503, ErrorCodes.StoreUnavailable, "The request could not be recorded right now.", "Try again in a moment.") { RetryAfter = TimeSpan.FromSeconds(2) };
    }

    /// <summary>How many lock tickets, each opened and closed since the one this request saw, it follows before giving up.</summary>
    private const int MaxHops = 20;

    private static bool IsOpen(Ticket ticket) => ticket.Status != TicketStatus.Resolved && ticket.Status != TicketStatus.Closed;

    /// <summary>Asked again while a lock ticket is open: the team's ticket gets a note, the exchange the event again, no second ticket.</summary>
    private async Task<AccountLockResult> AgainAsync(Ticket open, SupportPrincipal customer, bool locked, LockTexts texts)
    {
        var (again, _) = await workflow.ChangeAsync(open.Id, customer, null, async current =>
            (current, await workflow.NewMessageAsync(System, AuthorRole.System, texts.Again, null, current.MessageCount + 1, "reason").ConfigureAwait(false))).ConfigureAwait(false);
        await outbox.AppendWebhookEventsAsync([workflow.Webhooks.AccountLockRequested(customer.Id, again.Id, locked)], CancellationToken.None).ConfigureAwait(false);
        workflow.Webhooks.Committed();
        return new AccountLockResult { Locked = locked, Ticket = again.ViewFor(customer) };
    }

    private static readonly SupportPrincipal System = new(PrincipalKinds.None, "system", "Support");

    private sealed record LockTexts(string Subject, string Requested, string Again);

    private static readonly LockTexts English = new("Account lock requested", "The customer asked support to lock their account.",
        "The customer asked again to lock their account.");

    private static readonly LockTexts Chinese = new("申请冻结账户", "客户通过客服申请冻结账户。", "客户再次申请冻结账户。");

    private static LockTexts Texts(string locale) => locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
}

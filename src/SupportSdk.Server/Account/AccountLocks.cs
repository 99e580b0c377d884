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
        var open = (await store.ListTicketsAsync(new TicketFilter(customer.Id, null, null, 20) { Tag = LockTag }, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(t => t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed);
        if (open is not null)
        {
            // Asked again while the first is open: the team's ticket gets a note, the exchange the event again, no second ticket.
            var (again, _) = await workflow.ChangeAsync(open.Id, customer, null, async current =>
                (current, await workflow.NewMessageAsync(System, AuthorRole.System, texts.Again, null, current.MessageCount + 1, "reason").ConfigureAwait(false))).ConfigureAwait(false);
            await outbox.AppendWebhookEventsAsync([workflow.Webhooks.AccountLockRequested(customer.Id, again.Id, locked)], CancellationToken.None).ConfigureAwait(false);
            workflow.Webhooks.Committed();
            return (new AccountLockResult { Locked = locked, Ticket = again.ViewFor(customer) }, false);
        }

        var first = reason.Length > 0
            ? await workflow.NewMessageAsync(customer, AuthorRole.Customer, reason, null, 1, "reason").ConfigureAwait(false)
            : await workflow.NewMessageAsync(System, AuthorRole.System, texts.Requested, null, 1, "reason").ConfigureAwait(false);
        var ticket = workflow.NewTicket(customer, texts.Subject, TicketCategory.Security, TicketPriority.Urgent, customer.Locale ?? options.Value.DefaultLocale, [LockTag]);
        // The Idempotency-Key is recorded by its scope after this: a retry after a crash in between finds the open
        // ticket above and reuses it (the hook is idempotent by contract), so the work is never done twice.
        await TicketWorkflow.Stored(store.CreateTicketAsync(ticket, first, null,
            [workflow.Webhooks.TicketCreated(ticket), workflow.Webhooks.AccountLockRequested(customer.Id, ticket.Id, locked)], CancellationToken.None)).ConfigureAwait(false);
        var result = new AccountLockResult { Locked = locked, Ticket = ticket.ViewFor(customer) };

        workflow.Webhooks.Committed();
        workflow.Assigner.Wake(); // urgent, security: to an agent with the security skill
        return (result, true);
    }

    private static readonly SupportPrincipal System = new(PrincipalKinds.None, "system", "Support");

    private sealed record LockTexts(string Subject, string Requested, string Again);

    private static readonly LockTexts English = new("Account lock requested", "The customer asked support to lock their account.",
        "The customer asked again to lock their account.");

    private static readonly LockTexts Chinese = new("申请冻结账户", "客户通过客服申请冻结账户。", "客户再次申请冻结账户。");

    private static LockTexts Texts(string locale) => locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;
}

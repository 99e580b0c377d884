namespace SupportSdk.Server;

/// <summary>
/// The exchange's hook for locking an account when a customer asks support to (<c>POST /v1/account/lock</c>, or "Lock
/// my account" in chat): register one in the host's services, as a singleton, to lock during the request. Without one, the exchange learns of the request by the
/// <c>account.lock_requested</c> webhook. There is no unlock: unlocking is the exchange's own identity flow.
/// </summary>
public interface IAccountGuard
{
    /// <summary>Locks the user's account (withdrawals, trading, API keys, sessions: the exchange decides). Called again
    /// for a repeated request: make it idempotent.</summary>
    /// <param name="userId">The exchange's user id (the user token's subject).</param>
    /// <param name="reason">The customer's words, screened for secrets; empty when none were given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the account is locked.</returns>
    Task LockAsync(string userId, string reason, CancellationToken cancellationToken);
}

using System.Collections.Concurrent;
using SupportSdk.Server;

namespace ExchangeDemo.Accounts;

/// <summary>
/// The demo exchange's own account locks (in memory: a restart unlocks, as a demo should). Support locks an account
/// through <see cref="DemoAccountGuard"/> (support embedded in this process) or the <c>account.lock_requested</c>
/// webhook (support elsewhere); only the exchange's own identity check unlocks it — here, a signed-in user's
/// "Unlock" on the wallet.
/// </summary>
public sealed class DemoAccountLocks
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _locked = new(StringComparer.Ordinal);

    public bool IsLocked(string userId) => _locked.ContainsKey(userId);

    public void Lock(string userId) => _locked.TryAdd(userId, DateTimeOffset.UtcNow);

    public void Unlock(string userId) => _locked.TryRemove(userId, out _);
}

/// <summary>The exchange's hook that support calls in process: the account is locked before support answers.</summary>
public sealed class DemoAccountGuard(DemoAccountLocks locks) : IAccountGuard
{
    public Task LockAsync(string userId, string reason, CancellationToken cancellationToken)
    {
        locks.Lock(userId);
        return Task.CompletedTask;
    }
}

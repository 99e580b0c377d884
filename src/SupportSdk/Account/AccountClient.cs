using SupportSdk.Core;

namespace SupportSdk;

/// <summary>The signed-in user's account protection (user token): lock the account from support when a compromise or
/// a scam is suspected. Only the exchange's own identity flow unlocks it.</summary>
public class AccountClient
{
    private readonly SupportPipeline? _pipeline;
    private readonly MessageScreening? _screening;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected AccountClient()
    {
    }

    internal AccountClient(SupportPipeline pipeline, MessageScreening screening)
    {
        _pipeline = pipeline;
        _screening = screening;
    }

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Asks the exchange to lock the account now, and opens (or, while one is open, reuses) an urgent
    /// security ticket. Safe to retry: one idempotency key per call, kept across the SDK's own retries.</summary>
    /// <param name="reason">What happened, in the user's words (optional; a secret in it is dropped, never sent on).</param>
    /// <param name="idempotencyKey">Your own key for this request; by default one is made per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the exchange locked it at once, and the security ticket.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached; <c>account_lock_unavailable</c>
    /// (503) when the exchange could not lock just now — retry.</exception>
    public virtual Task<AccountLockResult> LockAccountAsync(string? reason = null, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        var request = new LockAccountRequest { Reason = reason };
        try
        {
            request = (_screening ?? throw new InvalidOperationException("This instance was created for mocking.")).Outgoing(request);
        }
        catch (SensitiveDataException)
        {
            // The lock matters more than the words: a secret in them is never sent, and the lock goes ahead without them.
            request = new LockAccountRequest();
        }

        return Pipeline.SendAsync("Account.Lock", HttpMethod.Post, "v1/account/lock",
            SupportPipeline.Json(request, SupportJsonContext.Default.LockAccountRequest), SupportJsonContext.Default.AccountLockResult,
            TicketsClient.WithIdempotencyKey(idempotencyKey), cancellationToken);
    }
}

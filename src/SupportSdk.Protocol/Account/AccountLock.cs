namespace SupportSdk;

/// <summary>Asks the exchange to lock the caller's account now (user token): the customer suspects a compromise or a
/// scam. Support can lock; only the exchange's own identity flow can unlock.</summary>
public sealed class LockAccountRequest
{
    /// <summary>Gets what happened, in the customer's words (at most 2,000 characters). A secret in it (a seed
    /// phrase, a key) is dropped, never stored; the lock goes ahead.</summary>
    /// <value>The reason, or <see langword="null"/>.</value>
    public string? Reason { get; init; }
}

/// <summary>What a lock request did.</summary>
public sealed class AccountLockResult
{
    /// <summary>Gets whether the exchange locked the account during the request (its in-process hook answered). When
    /// <see langword="false"/>, the exchange was asked by the <c>account.lock_requested</c> webhook.</summary>
    /// <value><see langword="true"/> when locked at once.</value>
    public bool Locked { get; init; }

    /// <summary>Gets the urgent security ticket that follows the lock up (the same one for repeated requests while it is open).</summary>
    /// <value>The ticket.</value>
    public Ticket Ticket { get; init; } = new();
}

/// <summary>The data of <c>account.lock_requested</c>: whose account, and the ticket that follows it up.</summary>
public sealed class AccountLockRequestedEventData
{
    /// <summary>Gets the exchange's user id.</summary>
    /// <value>The user id.</value>
    public string UserId { get; init; } = string.Empty;

    /// <summary>Gets the security ticket.</summary>
    /// <value>The ticket id.</value>
    public string TicketId { get; init; } = string.Empty;

    /// <summary>Gets whether the exchange's in-process hook already locked it.</summary>
    /// <value><see langword="true"/> when already locked.</value>
    public bool Locked { get; init; }
}

/// <summary>The data of <c>email.spoofed</c>: a mail in the exchange's name that failed authentication.</summary>
public sealed class EmailSpoofedEventData
{
    /// <summary>Gets the address the mail claimed to come from.</summary>
    /// <value>The address.</value>
    public string From { get; init; } = string.Empty;

    /// <summary>Gets the ticket the mail opened or answered (tagged <c>spoofed-sender</c>).</summary>
    /// <value>The ticket id.</value>
    public string TicketId { get; init; } = string.Empty;
}

namespace SupportSdk.Server;

/// <summary>
/// The exchange's answer to "whose address is this?" for mail that arrives: register one (a singleton, or scoped) so a
/// customer's mail lands on their account. Without one, or when it answers <see langword="null"/>, the sender is
/// unverified: the ticket is kept under the address alone and agents see that it is.
/// </summary>
public interface IEmailSenderLookup
{
    /// <summary>Finds the exchange's user with this verified e-mail address.</summary>
    /// <param name="address">The sender's address, lower case.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The user, or <see langword="null"/> when the address belongs to nobody the exchange vouches for.</returns>
    Task<EmailSender?> FindAsync(string address, CancellationToken cancellationToken);
}

/// <summary>A user the exchange vouches for as the owner of an e-mail address.</summary>
/// <param name="UserId">The exchange's user id.</param>
/// <param name="DisplayName">The name shown to agents.</param>
/// <param name="Locale">The user's language (<c>en-us</c>, <c>zh-cn</c>), or <see langword="null"/> to go by the mail.</param>
public sealed record EmailSender(string UserId, string DisplayName, string? Locale = null);

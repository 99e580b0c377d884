namespace SupportSdk.Server;

/// <summary>
/// The exchange's address book for support mail: whose verified address a received mail comes from, and where (and
/// with which anti-phishing code) a user's support mail goes. Register one (a singleton, or scoped). Without one, or
/// when it answers <see langword="null"/>, a sender is unverified (the ticket is kept under the address alone, and
/// agents see that it is) and mail to them carries no code.
/// </summary>
public interface IEmailDirectory
{
    /// <summary>Finds the exchange's user with this verified e-mail address.</summary>
    /// <param name="address">The sender's address, lower case.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The user, or <see langword="null"/> when the address belongs to nobody the exchange vouches for.</returns>
    Task<EmailSender?> FindSenderAsync(string address, CancellationToken cancellationToken);

    /// <summary>Finds where a user's support mail goes, and the anti-phishing code it must show (read when each mail is
    /// sent, never stored).</summary>
    /// <param name="userId">The exchange's user id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The recipient, or <see langword="null"/> to send this user no mail.</returns>
    Task<EmailRecipient?> FindRecipientAsync(string userId, CancellationToken cancellationToken);
}

/// <summary>A user the exchange vouches for as the owner of an e-mail address.</summary>
/// <param name="UserId">The exchange's user id.</param>
/// <param name="DisplayName">The name shown to agents.</param>
/// <param name="Locale">The user's language (<c>en-us</c>, <c>zh-cn</c>), or <see langword="null"/> to go by the mail.</param>
public sealed record EmailSender(string UserId, string DisplayName, string? Locale = null);

/// <summary>Where a user's support mail goes.</summary>
/// <param name="Address">The verified address.</param>
/// <param name="DisplayName">The name to address them by.</param>
/// <param name="Locale">Their language, or <see langword="null"/> for the ticket's.</param>
/// <param name="AntiPhishingCode">Their anti-phishing code, shown in the first line of every support mail, or <see langword="null"/>.</param>
public sealed record EmailRecipient(string Address, string DisplayName, string? Locale = null, string? AntiPhishingCode = null);

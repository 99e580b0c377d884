using SupportSdk.Server;

namespace ExchangeDemo.Accounts;

/// <summary>The demo exchange's address book for support mail: the demo users' verified addresses and their
/// anti-phishing codes (a real exchange reads its own user database here).</summary>
public sealed class DemoEmailDirectory : IEmailDirectory
{
    public Task<EmailSender?> FindSenderAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(DemoUser.All.FirstOrDefault(u => string.Equals(u.Email, address, StringComparison.OrdinalIgnoreCase)) is { } user
            ? new EmailSender(user.Id, user.Name, user.Locale)
            : null);

    public Task<EmailRecipient?> FindRecipientAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult(DemoUser.Find(userId) is { } user ? new EmailRecipient(user.Email, user.Name, user.Locale, user.AntiPhishingCode) : null);
}

using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Email;

/// <summary>At start: the internal mail endpoint of the webhook outbox exists and is enabled exactly while outbound mail
/// is configured (a node without SMTP settings turns it off, so no mail piles up for nobody to send).</summary>
internal sealed class MailOutboxSetup(IWebhookStore store, SupportMailer mailer, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var existing = await store.GetWebhookAsync(SupportMailer.OutboxId, cancellationToken).ConfigureAwait(false);
        if (existing is null && mailer.IsConfigured)
        {
            var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)); // unused: mail is not signed with it
            try
            {
                await store.AddWebhookAsync(new StoredWebhook(SupportMailer.OutboxId, SupportMailer.Scheme + "support", SupportMailer.Events, "Support's own mail",
                    true, null, secret, null, null, time.GetUtcNow(), null), int.MaxValue, null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Another node starting at the same moment made it; anything else shows in the check below.
                _ = await store.GetWebhookAsync(SupportMailer.OutboxId, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("Support's mail outbox could not be set up.");
            }
        }
        else if (existing is not null && existing.Enabled != mailer.IsConfigured)
        {
            await store.UpdateWebhookAsync(existing with { Enabled = mailer.IsConfigured, DisabledReason = mailer.IsConfigured ? null : "Outbound mail is not configured.",
                FailingSince = null }, null, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Email;

/// <summary>
/// Support's outbound mail, delivered through the webhook outbox (an internal endpoint, <see cref="OutboxId"/>, that
/// takes <c>ticket.message_added</c> and <c>ticket.status_changed</c>): written in the same transaction as the reply,
/// claimed by one node, retried on the webhook schedule while the mail server fails, never lost to a crash. A mail
/// goes to customers of tickets that want mail (<see cref="EmailInbox.EmailTag"/> on the ticket): multipart text and
/// HTML in their language, their anti-phishing code in the first line, threaded (Message-Id, In-Reply-To, References),
/// with a reply address that routes back to the ticket, DKIM-signed when a key is configured.
/// </summary>
internal sealed class SupportMailer(IOptions<SupportServerOptions> options, IServiceScopeFactory scopes, ITicketStore tickets)
{
    /// <summary>The internal outbox endpoint's id (not a <c>wh_</c> id, so the webhook API never shows or touches it).</summary>
    public const string OutboxId = "mail_outbox";

    public const string Scheme = "mail:";

    public static readonly string[] Events = [WebhookEventTypes.TicketMessageAdded, WebhookEventTypes.TicketStatusChanged];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Email.Smtp.Host);

    /// <summary>Sends the mail an outbox event calls for (if any): (delivered, SMTP status, a short note for the delivery
    /// log). Never throws for a mail problem (a bad key, an address that does not parse, a directory timeout): the
    /// attempt fails, is recorded and retried like any other.</summary>
    public async Task<(bool Delivered, int? Status, string Response)> DeliverAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        try
        {
            if (await ComposeAsync(e, cancellationToken).ConfigureAwait(false) is not { } message)
            {
                return (true, null, "no mail for this event");
            }

            return await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception x) when (x is not OperationCanceledException && x is not OutOfMemoryException)
        {
            return (false, null, x.GetType().Name);
        }
    }

    /// <summary>
    /// The automatic answer to a mail that held a secret (which was not stored): in the sender's language, why, and what
    /// support never asks for. Sent at once, best effort (a lost one loses no customer data); marked
    /// <c>Auto-Submitted</c> so no auto-responder answers it.
    /// </summary>
    public async Task SendRefusalAsync(string address, bool chinese, CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
        }

        var o = options.Value.Email;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.Smtp.FromName, o.Smtp.From ?? "support@" + o.Domain));
        message.To.Add(MailboxAddress.Parse(address));
        message.Subject = chinese ? "您的邮件未被保存" : "Your mail was not kept"; // never the mail's own subject: it may hold the secret
        message.MessageId = "refusal." + Guid.NewGuid().ToString("N") + "@" + o.Domain;
        message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var text = chinese
            ? "您发给客服的邮件中含有助记词、私钥或类似机密信息，为保护您的资产，我们没有保存这封邮件。\n\n客服绝不会索要您的密码、验证码、私钥或助记词。如果有人以客服名义向您索要，那一定是诈骗。\n\n请不含这些信息重新来信，或在应用内联系客服。如果您已把这些信息告诉过任何人，请立即将资产转移到新钱包。"
            : "Your mail to support held a seed phrase, a private key or a similar secret, so to protect your funds we did not keep it.\n\nSupport will never ask for your password, 2FA codes, private keys or seed phrase. Anyone who asks for them in support's name is a scammer.\n\nPlease write again without them, or contact support in the app. If you have shared them with anyone, move your funds to a new wallet now.";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = "<p style=\"white-space:pre-wrap\">" + WebUtility.HtmlEncode(text) + "</p>" }.ToMessageBody();
        Sign(message, o);
        await SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(bool Delivered, int? Status, string Response)> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Email.Smtp;
        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.RequireTls ? (smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls)
                : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            var answer = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return (true, 250, Short(answer));
        }
        catch (SmtpCommandException x)
        {
            // 5xx for this mail (a refused address): retrying will not help. 4xx: try again on the schedule.
            return ((int)x.StatusCode >= 500 && x.ErrorCode == SmtpErrorCode.RecipientNotAccepted, (int)x.StatusCode, Short(x.Message));
        }
        catch (Exception x) when (x is SmtpProtocolException or System.Net.Sockets.SocketException or IOException or SslHandshakeException or AuthenticationException)
        {
            return (false, null, x.GetType().Name);
        }
    }

    /// <summary>The mail an event calls for, or null: an agent's reply or a resolution, on a ticket that wants mail, to a known address.</summary>
    internal async Task<MimeMessage?> ComposeAsync(StoredEvent e, CancellationToken cancellationToken)
    {
        using var data = JsonDocument.Parse(e.DataJson);
        var ticketId = e.TicketId;
        TicketMessage? said = null;
        if (e.Type == WebhookEventTypes.TicketMessageAdded)
        {
            said = data.RootElement.TryGetProperty("message", out var m) ? m.Deserialize(Http.WireJson.Support.TicketMessage) : null;
            if (said is null || said.From.Role != AuthorRole.Agent)
            {
                return null; // the customer's own words, the bot's and system notes go by the app only
            }
        }

        if (ticketId is null || await tickets.GetTicketAsync(ticketId, cancellationToken).ConfigureAwait(false) is not { } ticket
            || ticket.Tags is not { } tags || !tags.Contains(EmailInbox.EmailTag, StringComparer.Ordinal))
        {
            return null;
        }

        if (said is null && data.RootElement.Deserialize(Http.WireJson.Support.Ticket)?.Status != TicketStatus.Resolved)
        {
            return null; // of the status changes, only the resolution is worth a mail (as the event saw it, not as it is now)
        }

        var recipient = await RecipientAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (recipient is null)
        {
            return null;
        }

        var o = options.Value.Email;
        var zh = (recipient.Locale ?? ticket.Locale).StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var text = said?.Body ?? (zh ? "您的工单已解决。如仍有问题，直接回复本邮件即可重新打开。" : "Your ticket was resolved. If anything is still wrong, reply to this mail to reopen it.");
        var flagged = said is { Flags.Count: > 0 };
        if (flagged)
        {
            // A reply that asks for a secret or links off the official channels is never mailed looking genuine: the
            // customer is sent to the app, where it carries its warning, and this mail carries no code.
            text = zh ? "客服有一条新回复，但它被标记为可疑（索要机密信息或包含非官方链接）。请在应用内查看并留意警告。客服绝不会索要您的助记词或私钥。"
                : "Support replied, but the reply was flagged as suspicious (it asks for a secret or links to an unofficial site). Read it in the app, where it carries a warning. Support never asks for your seed phrase or keys.";
        }

        var code = flagged ? (zh ? "⚠ 可疑回复提醒（本邮件不含防钓鱼码）" : "⚠ A flagged reply (this mail carries no anti-phishing code)")
            : recipient.AntiPhishingCode is { Length: > 0 } c ? (zh ? "您的防钓鱼码：" + c : "Your anti-phishing code: " + c)
            : (zh ? "此邮箱未绑定账户，因此本邮件不含防钓鱼码。" : "This address is not linked to an account, so this mail carries no anti-phishing code.");
        var never = zh ? "客服绝不会索要您的密码、验证码、私钥或助记词。" : "Support will never ask for your password, 2FA codes, private keys or seed phrase.";
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.Smtp.FromName, o.Smtp.From ?? "support@" + o.Domain));
        message.ReplyTo.Add(new MailboxAddress(o.Smtp.FromName, InboundMail.ReplyAddressOf(ticket.Id, o.Domain)));
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Address));
        message.Subject = (ticket.Subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) ? ticket.Subject : "Re: " + ticket.Subject) + " [" + ticket.Id + "]";
        message.MessageId = ticket.Id + "." + (said?.Id ?? e.Id) + "@" + o.Domain;
        message.InReplyTo = ticket.Id + ".thread@" + o.Domain;
        message.References.Add(ticket.Id + ".thread@" + o.Domain);
        message.Date = e.OccurredAt;
        if (said is null)
        {
            message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");
        }

        var builder = new BodyBuilder
        {
            TextBody = code + "\n\n" + text + "\n\n— " + (said?.From.Name ?? o.Smtp.FromName) + "\n" + never + "\n",
            HtmlBody = "<p style=\"font-weight:600\">" + WebUtility.HtmlEncode(code) + "</p><p style=\"white-space:pre-wrap\">" + WebUtility.HtmlEncode(text)
                + "</p><p>— " + WebUtility.HtmlEncode(said?.From.Name ?? o.Smtp.FromName) + "</p><p style=\"color:#666\">" + WebUtility.HtmlEncode(never) + "</p>",
        };
        message.Body = builder.ToMessageBody();
        Sign(message, o);
        return message;
    }

    private async Task<EmailRecipient?> RecipientAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var userId = ticket.Customer.UserId;
        if (userId.StartsWith("email:", StringComparison.Ordinal))
        {
            return new EmailRecipient(userId["email:".Length..], ticket.Customer.DisplayName); // unverified: no code to show
        }

        return await FindRecipientAsync(userId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the exchange's <see cref="IEmailDirectory"/> (resolved per call, in a scope) sends a user's mail,
    /// and their code; null without a directory. Bounded to 10 s.</summary>
    public async Task<EmailRecipient?> FindRecipientAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetService<IEmailDirectory>() is { } directory
            ? await directory.FindRecipientAsync(userId, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)
            : null;
    }

    private static void Sign(MimeMessage message, EmailOptions o)
    {
        if (o.Smtp.DkimKeyPath is not { Length: > 0 } path)
        {
            return;
        }

        var signer = new DkimSigner(path, o.Domain, o.Smtp.DkimSelector)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            AgentOrUserIdentifier = "@" + o.Domain,
        };
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.InReplyTo, HeaderId.References, HeaderId.ReplyTo]);
    }

    private static string Short(string text) => text.Length <= 200 ? text : text[..200];
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Email;

/// <summary>
/// Takes in one mail, from the SMTP listener or <c>POST /v1/email/inbound</c>: drops automatic mail and loops,
/// screens subject and body for secrets (a mail holding one is not stored), matches the sender to the exchange's user
/// (<see cref="IEmailDirectory"/>) or keeps it unverified, and opens a ticket or adds the reply to the ticket it
/// answers. Tags tell agents what they need to know: <c>email</c>, <c>unverified-sender</c>, <c>spoofed-sender</c>.
/// </summary>
internal sealed class EmailInbox(TicketWorkflow workflow, ITicketStore store, IIdempotencyStore idempotency, IOptions<SupportServerOptions> options,
    IServiceScopeFactory scopes, SupportMailer mailer, IAttachmentStore attachments)
{
    public const string EmailTag = "email";
    public const string UnverifiedTag = "unverified-sender";
    public const string SpoofedTag = "spoofed-sender";

    /// <summary>The user id of a sender nobody vouched for: the address itself, so their mails still thread.</summary>
    public static string UnverifiedUserId(string address) => "email:" + address;

    /// <exception cref="FormatException">Not a mail (malformed MIME, no sender).</exception>
    public async Task<InboundEmailResult> ReceiveAsync(Stream raw, CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(raw, cancellationToken).ConfigureAwait(false);
        }
        catch (ParseException e)
        {
            throw new FormatException("The mail is not MIME.", e);
        }

        var o = options.Value;
        var mail = InboundMail.Read(message, o.Email.Domain, [.. o.OfficialChannels.EmailDomains], o.Email.TrustedAuthServId);
        if (mail.Automatic is { } reason)
        {
            return new InboundEmailResult { Outcome = InboundEmailOutcomes.Dropped, Reason = reason };
        }

        // A mail server that retries after a timeout sends the same Message-Id again: answered from the record, taken in once.
        var once = Once(message.MessageId);
        if (once is not null && await idempotency.PeekIdempotentRequestAsync(once, cancellationToken).ConfigureAwait(false) is { Outcome: IdempotencyOutcome.Completed } seen)
        {
            return System.Text.Json.JsonSerializer.Deserialize(seen.Response!.Body, WireJson.Support.InboundEmailResult)!;
        }

        // A From header is the sender's word: only an authenticated mail lands on the exchange's user. Anything else is
        // kept under the address alone (tagged unverified), so a forged From can never write into a real account's tickets.
        var sender = mail.Authenticated ? await FindSenderAsync(mail.From, cancellationToken).ConfigureAwait(false) : null;
        var locale = sender?.Locale is { Length: > 0 } l ? l : mail.Chinese ? "zh-cn" : o.DefaultLocale;
        var code = sender is null ? null : (await mailer.FindRecipientAsync(sender.UserId, cancellationToken).ConfigureAwait(false))?.AntiPhishingCode;
        var customer = new SupportPrincipal(PrincipalKinds.User, sender?.UserId ?? UnverifiedUserId(mail.From),
            Bounded(sender?.DisplayName ?? mail.FromName ?? mail.From, 100), mail.From, locale) { AntiPhishingCode = code }; // cut from what they wrote

        var files = MailAttachments.Read(message, o.MaxAttachmentBytes);
        var refused = string.Concat(files.Where(f => f.Refused is not null).Select(f => "\n[attachment " + f.FileName + " not kept: " + f.Refused + "]"));
        var body = (mail.Body.Length == 0 && refused.Length == 0 ? mail.Subject : mail.Body) + refused;
        CreateTicketRequest screened;
        IReadOnlyList<string?> texts;
        try
        {
            screened = workflow.Guard.Screen(new CreateTicketRequest
            {
                Subject = Bounded(mail.Subject, TicketWorkflow.MaxSubject), Body = Bounded(body.Trim(), TicketWorkflow.MaxBody), Category = TicketCategory.Other,
            });

            // Text attachments and every file name are the customer's words too, screened with the mail.
            texts = workflow.Guard.Screen([.. files.Where(f => f.Refused is null).SelectMany(f => new[]
            {
                new SupportSdk.Security.CustomerField("attachment.fileName", f.FileName), new SupportSdk.Security.CustomerField("attachment.content", f.Text),
            })]);
        }
        catch (ApiError e) when (e.Code == ErrorCodes.SensitiveDataBlocked)
        {
            // Nothing of it is kept; the exchange hears of it as of any blocked secret.
            await workflow.Webhooks.SecretBlockedAsync(customer, "email", null, null, e.Findings ?? []).ConfigureAwait(false);
            try
            {
                if (!mail.Spoofed && refusals.Allow(mail.From, workflow.Time.GetUtcNow()))
                {
                    await mailer.SendRefusalAsync(mail.From, mail.Chinese, cancellationToken).ConfigureAwait(false); // the language it was written in
                }
            }
            catch (Exception x) when (x is not OperationCanceledException && x is not OutOfMemoryException)
            {
                // Best effort: the mail is refused either way, and nothing of it was kept.
            }

            return new InboundEmailResult { Outcome = InboundEmailOutcomes.Blocked, Reason = ErrorCodes.SensitiveDataBlocked };
        }

        var ids = await StoreFilesAsync(customer, [.. files.Where(f => f.Refused is null)], texts).ConfigureAwait(false);
        if (mail.TicketId is { } ticketId && await ReplyAsync(ticketId, customer, screened.Body, ids, once).ConfigureAwait(false) is { } replied)
        {
            return new InboundEmailResult { Outcome = InboundEmailOutcomes.MessageAdded, TicketId = replied };
        }

        string[] tags = [EmailTag, .. sender is null ? new[] { UnverifiedTag } : [], .. mail.Spoofed ? new[] { SpoofedTag } : []];
        return await CreateAsync(customer, screened, ids, locale, tags, once).ConfigureAwait(false);
    }

    /// <summary>Stores the accepted files as the sender's uploads (a text file as screened), for the message to claim;
    /// files of a mail that then fails are swept with the other unattached uploads.</summary>
    private async Task<IReadOnlyList<string>> StoreFilesAsync(SupportPrincipal customer, IReadOnlyList<MailAttachments.MailFile> files, IReadOnlyList<string?> texts)
    {
        var ids = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var content = file.Text is not null && texts[(2 * i) + 1] is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : file.Content;
            var info = new AttachmentInfo
            {
                Id = Ids.New("att_", workflow.Time),
                FileName = texts[2 * i] ?? file.FileName,
                ContentType = file.Type!,
                Size = content.Length,
                CreatedAt = workflow.Time.StoredNow(),
            };
            await attachments.AddAttachmentAsync(new StoredAttachment(info, customer.Scope, null, null), content, CancellationToken.None).ConfigureAwait(false);
            ids.Add(info.Id);
        }

        return ids;
    }

    private IdempotencyRequest? Once(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return null;
        }

        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(messageId.Trim())));
        var now = workflow.Time.GetUtcNow();
        return new IdempotencyRequest("email", key, key, now, now - TimeSpan.FromMinutes(2), now - options.Value.IdempotencyRetention);
    }

    private static IdempotentCompletion? Record(IdempotencyRequest? once, InboundEmailResult result) =>
        once is null ? null : new IdempotentCompletion(once, Idempotency.Json(201, result, WireJson.Support.InboundEmailResult));

    private readonly RefusalLimit refusals = new();

    /// <summary>At most 3 automatic refusals an hour to one address: a forged From cannot turn support into a mail cannon.</summary>
    private sealed class RefusalLimit
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTimeOffset Since, int Count)> _sent = new(StringComparer.Ordinal);

        public bool Allow(string address, DateTimeOffset now)
        {
            if (_sent.Count > 10_000)
            {
                _sent.Clear();
            }

            var entry = _sent.AddOrUpdate(address, _ => (now, 1), (_, e) => now - e.Since > TimeSpan.FromHours(1) ? (now, 1) : (e.Since, e.Count + 1));
            return entry.Count <= 3;
        }
    }

    private async Task<EmailSender?> FindSenderAsync(string address, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetService<IEmailDirectory>() is { } directory
            ? await directory.FindSenderAsync(address, cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Adds the mail to the ticket it answers when that ticket is the sender's and open; null otherwise (a new ticket then).</summary>
    private async Task<string?> ReplyAsync(string ticketId, SupportPrincipal customer, string body, IReadOnlyList<string> files, IdempotencyRequest? once)
    {
        if (await store.GetTicketAsync(ticketId, CancellationToken.None).ConfigureAwait(false) is not { } existing
            || existing.Customer.UserId != customer.Id || existing.Status == TicketStatus.Closed)
        {
            return null;
        }

        // A reply claims the mail's key first and completes it in the change's own transaction (as the API's replies do).
        if (once is not null)
        {
            var start = await idempotency.BeginIdempotentRequestAsync(once, CancellationToken.None).ConfigureAwait(false);
            if (start.Outcome == IdempotencyOutcome.Completed)
            {
                return System.Text.Json.JsonSerializer.Deserialize(start.Response!.Body, WireJson.Support.InboundEmailResult)!.TicketId;
            }

            if (start.Outcome != IdempotencyOutcome.Started)
            {
                throw new ApiError(409, ErrorCodes.IdempotencyKeyInFlight, "The same mail is being taken in right now.", "Retry after the time in Retry-After.")
                {
                    RetryAfter = TimeSpan.FromSeconds(1),
                };
            }
        }

        try
        {
            var (ticket, _) = await workflow.ChangeAsync(ticketId, customer, null, async current =>
            {
                TicketWorkflow.EnsureOpenForReplies(current);
                var reply = await workflow.NewMessageAsync(customer, AuthorRole.Customer, body, files, current.MessageCount + 1, "attachmentIds").ConfigureAwait(false);
                return (current.With(status: TicketStatus.PendingAgent), reply);
            }, (t, _) => Record(once, new InboundEmailResult { Outcome = InboundEmailOutcomes.MessageAdded, TicketId = t.Id })).ConfigureAwait(false);
            return ticket.Id;
        }
        catch when (once is not null)
        {
            await idempotency.ReleaseIdempotentRequestAsync(once.Scope, once.Key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<InboundEmailResult> CreateAsync(SupportPrincipal customer, CreateTicketRequest request, IReadOnlyList<string> files, string locale,
        IReadOnlyList<string> tags, IdempotencyRequest? once)
    {
        var message = await workflow.NewMessageAsync(customer, AuthorRole.Customer, request.Body, files, 1, "attachmentIds").ConfigureAwait(false);
        var ticket = workflow.NewTicket(customer, SupportSdk.Server.Security.AntiPhishing.Redact(request.Subject, customer).Trim(), TicketCategory.Other,
            TicketPriority.Normal, locale, tags);
        var result = new InboundEmailResult { Outcome = InboundEmailOutcomes.TicketCreated, TicketId = ticket.Id };
        List<OutboxEvent> events = [workflow.Webhooks.TicketCreated(ticket)];
        if (tags.Contains(SpoofedTag))
        {
            events.Add(workflow.Webhooks.EmailSpoofed(customer.Email ?? string.Empty, ticket.Id)); // counted with the other security events
        }

        var outcome = await TicketWorkflow.Stored(store.CreateTicketAsync(ticket, message, Record(once, result), events, CancellationToken.None)).ConfigureAwait(false);
        if (outcome.Outcome == IdempotencyOutcome.Completed)
        {
            return System.Text.Json.JsonSerializer.Deserialize(outcome.Response!.Body, WireJson.Support.InboundEmailResult)!; // the same mail, twice at once
        }

        workflow.Webhooks.Committed();
        workflow.Assigner.Wake();
        return result;
    }

    private static string Bounded(string text, int max) => text.Length <= max ? text : text[..max];
}

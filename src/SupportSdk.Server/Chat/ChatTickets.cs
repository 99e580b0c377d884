using System.Globalization;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Chat;

/// <summary>
/// Turns a chat into a ticket that reads as the conversation it was: one ticket message per chat message, with its
/// author (role and name), its original time and the scam flags it carried; an agent joining and a handoff as short
/// system lines in the chat's language. A bot answer's article follows its text as the article's URL on a line of
/// its own, so an app can link it to its own help-center page.
/// </summary>
internal sealed class ChatTickets(ITicketStore store, ChatTranscripts transcripts, SupportSdk.Server.Webhooks.WebhookEvents webhooks, TicketSlaClock sla,
    TimeProvider time)
{
    /// <summary>The most chat events a ticket takes; a longer chat ends with a note that the rest is in its transcript.</summary>
    public const int MaxMessages = 500;

    public async Task<Ticket> CreateAsync(ChatRecord chat, string? customerTier = null)
    {
        var events = await transcripts.EventsAsync(chat.Id, CancellationToken.None).ConfigureAwait(false);
        var texts = ChatTicketTexts.For(chat.Locale);
        var now = time.StoredNow();
        var messages = new List<TicketMessage>();
        foreach (var e in events)
        {
            if (messages.Count == MaxMessages - 1)
            {
                messages.Add(Message(messages.Count + 1, System(texts), texts.Truncated, now, []));
                break;
            }

            if (Describe(e, texts) is { } line)
            {
                messages.Add(Message(messages.Count + 1, line.From, line.Body, e.SentAt ?? now, e.Flags ?? []));
            }
        }

        if (messages.Count == 0)
        {
            messages.Add(Message(1, System(texts), texts.Empty, now, []));
        }

        var subject = chat.Topic is { Length: > 0 } topic ? texts.Subject(topic) : texts.UntitledSubject;

        // A deposit the bot looked up in this chat: the ticket carries the latest lookup, so the agent starts from it.
        var deposit = events.LastOrDefault(e => e.Deposit is not null)?.Deposit;
        var ticket = new Ticket
        {
            Id = Ids.New("tkt_", time),
            Subject = subject.Length > TicketWorkflow.MaxSubject ? subject[..TicketWorkflow.MaxSubject] : subject,
            Status = TicketStatus.Open,
            Priority = TicketPriority.Normal,
            Category = deposit is null ? TicketCategory.Other : TicketCategory.Deposit,
            Locale = chat.Locale,
            Transaction = deposit is null ? null : new TransactionInfo
            {
                Asset = deposit.Asset ?? string.Empty, Network = deposit.Network, TxId = deposit.TxId, Amount = deposit.Amount ?? 0,
                Direction = TransactionDirection.Deposit, Lookup = deposit,
            },
            Tier = chat.Tier,
            Customer = new TicketCustomer { UserId = chat.CustomerId, DisplayName = chat.CustomerName },
            MessageCount = 1,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ticket = ticket.With(sla: sla.Start(ticket, customerTier));

        // The store creates a ticket with its first message; the others follow one write each, in order. The caller
        // holds the chat's lock, and the ticket is linked to the chat only after the last one.
        // The exchange hears of it once, with the whole conversation in: ticket.created goes with the last write.
        await store.CreateTicketAsync(ticket, messages[0], null, messages.Count == 1 ? [webhooks.TicketCreated(ticket)] : [], CancellationToken.None).ConfigureAwait(false);
        for (var i = 1; i < messages.Count; i++)
        {
            var last = i == messages.Count - 1;
            for (var attempt = 0; ; attempt++)
            {
                var next = ticket.With(messageCount: i + 1, version: ticket.Version + 1);
                if (await store.TryUpdateTicketAsync(next, ticket.Version, messages[i], last ? [webhooks.TicketCreated(next)] : [], null, CancellationToken.None).ConfigureAwait(false))
                {
                    ticket = next;
                    break;
                }

                // Another writer changed it meanwhile without adding a message (automatic assignment, the SLA sweep):
                // copy on from what it wrote. One that added a message would break the numbering: give up.
                var current = await store.GetTicketAsync(ticket.Id, CancellationToken.None).ConfigureAwait(false);
                if (current is null || current.MessageCount != i || attempt >= 8)
                {
                    throw new InvalidOperationException($"Ticket {ticket.Id} changed while the chat was copied into it.");
                }

                ticket = current;
            }
        }

        webhooks.Committed();
        return ticket;
    }

    private static (Author From, string Body)? Describe(ChatFrame e, ChatTicketTexts texts)
    {
        if (e.Type == ChatEventKind.Message && e.From is { } from && !string.IsNullOrEmpty(e.Text))
        {
            var body = e.Article is { } article && (article.Url ?? article.Title) is { Length: > 0 } reference ? e.Text + "\n" + reference : e.Text;
            return (from, body);
        }

        if (e.Type == ChatEventKind.AgentJoined)
        {
            return (System(texts), texts.Joined(e.From?.Name ?? string.Empty));
        }

        if (e.Type == ChatEventKind.Handoff)
        {
            return (System(texts), e.Reason == ChatLifecycle.ReasonTransfer ? texts.Transferred : texts.HandedOff);
        }

        return null;
    }

    private static Author System(ChatTicketTexts texts) => new() { Role = AuthorRole.System, Name = texts.SystemName };

    private TicketMessage Message(long seq, Author from, string body, DateTimeOffset at, IReadOnlyList<string> flags) => new()
    {
        Id = Ids.New("msg_", time),
        Seq = seq,
        From = from,
        Body = body.Length > TicketWorkflow.MaxBody ? body[..TicketWorkflow.MaxBody] : body,
        Flags = flags,
        CreatedAt = at,
        Attachments = [],
    };
}

/// <summary>The few words a chat's ticket adds of its own, in the chat's language.</summary>
internal sealed record ChatTicketTexts(string SystemName, string SubjectFormat, string UntitledSubject, string JoinedFormat, string HandedOff,
    string Transferred, string Truncated, string Empty)
{
    private static readonly ChatTicketTexts English = new("Support", "Chat: {0}", "Live chat", "{0} joined the chat", "Handed to a support agent",
        "Transferred to a specialist team", "… the rest of the chat is in its transcript.", "The chat had no messages.");

    private static readonly ChatTicketTexts Chinese = new("客服系统", "在线对话：{0}", "在线对话", "{0} 已加入对话", "已转接人工客服",
        "已转交专门团队处理", "……其余对话内容见对话记录。", "对话中没有消息。");

    public static ChatTicketTexts For(string locale) => locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public string Subject(string topic) => string.Format(CultureInfo.InvariantCulture, SubjectFormat, topic);

    public string Joined(string name) => string.Format(CultureInfo.InvariantCulture, JoinedFormat, name);
}

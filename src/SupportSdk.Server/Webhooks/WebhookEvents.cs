using System.Text.Json;
using System.Threading.Channels;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Webhooks;

/// <summary>
/// Turns changes into outbox events (written by the store in the change's own transaction) and wakes this node's
/// dispatcher once they are committed. Event data are snapshots of what is stored: screened text only, never a
/// secret; a blocked secret yields its kinds and where, never the content.
/// </summary>
internal sealed class WebhookEvents(IWebhookStore store, TimeProvider time)
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Completes when something was committed since the last wait (the dispatcher also polls).</summary>
    public ChannelReader<bool> Wakes => _wake.Reader;

    /// <summary>Tells the dispatcher that events were committed.</summary>
    public void Committed() => _wake.Writer.TryWrite(true);

    public OutboxEvent TicketCreated(Ticket ticket) => Event(WebhookEventTypes.TicketCreated, ticket.Id, null, Serialize(ticket));

    public OutboxEvent TicketSlaWarning(Ticket ticket) => Event(WebhookEventTypes.TicketSlaWarning, ticket.Id, null, Serialize(ticket));

    public OutboxEvent TicketSlaBreached(Ticket ticket) => Event(WebhookEventTypes.TicketSlaBreached, ticket.Id, null, Serialize(ticket));

    /// <summary>The events a ticket change makes, in the order a receiver should apply them.</summary>
    public IReadOnlyList<OutboxEvent> TicketChanged(Ticket before, Ticket after, TicketMessage? message)
    {
        var events = new List<OutboxEvent>();
        if (message is not null)
        {
            events.Add(Event(WebhookEventTypes.TicketMessageAdded, after.Id, null,
                JsonSerializer.Serialize(new TicketMessageEventData { Ticket = after, Message = message }, WireJson.Support.TicketMessageEventData)));
        }

        var snapshot = Serialize(after);
        if (after.Tier > before.Tier)
        {
            events.Add(Event(WebhookEventTypes.TicketEscalated, after.Id, null, snapshot));
        }

        if (after.Status != before.Status)
        {
            events.Add(Event(WebhookEventTypes.TicketStatusChanged, after.Id, null, snapshot));
        }

        if (after.Rating is not null && (before.Rating is null || before.Rating.Score != after.Rating.Score || before.Rating.Comment != after.Rating.Comment))
        {
            events.Add(Event(WebhookEventTypes.TicketRated, after.Id, null, snapshot));
        }

        if (after.Assignee is not null && !string.Equals(after.Assignee, before.Assignee, StringComparison.Ordinal))
        {
            events.Add(Event(WebhookEventTypes.TicketAssigned, after.Id, null, snapshot));
        }

        if (message is not null && Flagged(message.Id, message.From, message.Flags, after.Id, null) is { } flagged)
        {
            events.Add(flagged);
        }

        return events;
    }

    /// <summary>An agent's message that asks for a secret or links off the official channels (never its text).</summary>
    public OutboxEvent? Flagged(string messageId, Author from, IReadOnlyList<string> flags, string? ticketId, string? chatId) =>
        from.Role == AuthorRole.Agent && flags.Count > 0
            ? Event(WebhookEventTypes.AgentMessageFlagged, ticketId, chatId,
                JsonSerializer.Serialize(new FlaggedMessageEventData { MessageId = messageId, Agent = from.Name, Flags = flags }, WireJson.Support.FlaggedMessageEventData))
            : null;

    public OutboxEvent AccountLockRequested(string userId, string ticketId, bool locked) =>
        Event(WebhookEventTypes.AccountLockRequested, ticketId, null,
            JsonSerializer.Serialize(new AccountLockRequestedEventData { UserId = userId, TicketId = ticketId, Locked = locked }, WireJson.Support.AccountLockRequestedEventData));

    public OutboxEvent EmailSpoofed(string from, string ticketId) =>
        Event(WebhookEventTypes.EmailSpoofed, ticketId, null,
            JsonSerializer.Serialize(new EmailSpoofedEventData { From = from, TicketId = ticketId }, WireJson.Support.EmailSpoofedEventData));

    public OutboxEvent ChannelReportCreated(ChannelReport report) =>
        Event(WebhookEventTypes.ChannelReportCreated, null, null, JsonSerializer.Serialize(report, WireJson.Support.ChannelReport));

    /// <summary>The events a chat's start makes: started, and queued when the topic asked for a person.</summary>
    public IReadOnlyList<OutboxEvent> ChatStarted(ChatThread chat)
    {
        var data = JsonSerializer.Serialize(chat, WireJson.Chat.ChatThread);
        return chat.Status == ChatStatus.Queued
            ? [Event(WebhookEventTypes.ChatStarted, null, chat.Id, data), Event(WebhookEventTypes.ChatQueued, null, chat.Id, data)]
            : [Event(WebhookEventTypes.ChatStarted, null, chat.Id, data)];
    }

    /// <summary>The events a chat's change makes, from its state before and after and the durable events it stores.</summary>
    public IReadOnlyList<OutboxEvent> ChatChanged(ChatRecord before, ChatThread after, IReadOnlyList<ChatFrame> frames)
    {
        var events = new List<OutboxEvent>();
        var data = JsonSerializer.Serialize(after, WireJson.Chat.ChatThread);
        if (frames.Any(f => f.Type == ChatEventKind.AgentJoined))
        {
            events.Add(Event(WebhookEventTypes.ChatAgentJoined, null, after.Id, data));
        }

        if (frames.Any(f => f.Type == ChatEventKind.Handoff && f.Reason == Chat.ChatLifecycle.ReasonTransfer))
        {
            events.Add(Event(WebhookEventTypes.ChatTransferred, null, after.Id, data));
        }

        if (after.Status == ChatStatus.Queued && (before.Status != ChatStatus.Queued || frames.Any(f => f.Type == ChatEventKind.Handoff)))
        {
            events.Add(Event(WebhookEventTypes.ChatQueued, null, after.Id, data));
        }

        if (after.TicketId is not null && before.TicketId is null)
        {
            events.Add(Event(WebhookEventTypes.ChatConvertedToTicket, null, after.Id, data));
        }

        if (after.Status == ChatStatus.Closed && before.Status != ChatStatus.Closed)
        {
            events.Add(Event(WebhookEventTypes.ChatClosed, null, after.Id, data));
        }

        foreach (var f in frames)
        {
            if (f.Type == ChatEventKind.Message && f.From is { } from && Flagged(f.Id ?? string.Empty, from, f.Flags ?? [], null, after.Id) is { } flagged)
            {
                events.Add(flagged);
            }
        }

        return events;
    }

    /// <summary>Records a refused secret: the kinds and where, never the text. A failure to record never changes the
    /// user's answer (the 422 stands).</summary>
    public async Task SecretBlockedAsync(SupportPrincipal who, string where, string? ticketId, string? chatId, IReadOnlyList<SensitiveFinding> findings)
    {
        var data = new SecretBlockedEventData
        {
            Kinds = [.. findings.Select(f => f.Kind).Distinct(StringComparer.Ordinal)],
            Where = where,
            UserId = who.Id,
        };
        try
        {
            await store.AppendWebhookEventsAsync([Event(WebhookEventTypes.SecretBlocked, ticketId, chatId, JsonSerializer.Serialize(data, WireJson.Support.SecretBlockedEventData))],
                CancellationToken.None).ConfigureAwait(false);
            Committed();
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            // The store is away: the refusal itself is what protects the user.
        }
    }

    public OutboxEvent Ping(string webhookId) =>
        Event(WebhookEventTypes.Ping, null, null, JsonSerializer.Serialize(new Dictionary<string, string> { ["webhookId"] = webhookId }, ServerJsonContext.Default.DictionaryStringString));

    private OutboxEvent Event(string type, string? ticketId, string? chatId, string data) =>
        new(Ids.New("evt_", time), type, time.StoredNow(), ticketId, chatId, data);

    private static string Serialize(Ticket ticket) => JsonSerializer.Serialize(ticket, WireJson.Support.Ticket);
}

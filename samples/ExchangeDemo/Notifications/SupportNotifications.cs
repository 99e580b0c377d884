using System.Text.Json;
using ExchangeDemo.Accounts;
using SupportSdk;

namespace ExchangeDemo.Notifications;

/// <summary>
/// The webhook handler behind <c>/hooks/support</c>: turns the verified events a user cares about into notifications
/// for that user (the ticket's or the chat's customer). An agent's reply, a resolved ticket, an agent joining a chat
/// and a blocked secret make one each; a customer's own message and every other event make none.
/// </summary>
public sealed partial class SupportNotifications(NotificationInbox inbox, DemoAccountLocks locks, ILogger<SupportNotifications> logger)
{
    /// <summary>The event types the demo subscribes to: the ones <see cref="From"/> turns into notifications, and the account lock it carries out.</summary>
    public static IReadOnlyList<string> EventTypes { get; } =
        [WebhookEventTypes.TicketMessageAdded, WebhookEventTypes.TicketStatusChanged, WebhookEventTypes.ChatAgentJoined, WebhookEventTypes.SecretBlocked,
         WebhookEventTypes.AccountLockRequested];

    /// <summary>Handles one verified event (the receiver calls it once per event id).</summary>
    public Task HandleAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        try
        {
            // Support elsewhere asks the exchange to lock: the demo exchange does (support can never unlock).
            if (webhookEvent.TryGetAccountLockRequested(out var lockRequested) && DemoUser.Find(lockRequested.UserId) is not null)
            {
                locks.Lock(lockRequested.UserId);
            }

            if (From(webhookEvent) is var (userId, notification) && DemoUser.Find(userId) is not null)
            {
                inbox.Add(userId, notification);
            }
        }
        catch (JsonException)
        {
            // A signed event whose data has not the shape of its type: sending it again would not change that.
            LogUnreadable(logger, webhookEvent.Id, webhookEvent.Type);
        }

        return Task.CompletedTask;
    }

    /// <summary>The notification an event makes and whose it is, or null for an event that makes none.</summary>
    public static (string UserId, Notification Notification)? From(WebhookEvent e)
    {
        switch (e.Type)
        {
            case WebhookEventTypes.TicketMessageAdded when e.TryGetMessage(out var message) && message.From.Role == AuthorRole.Agent && e.TryGetTicket(out var ticket):
                return (ticket.Customer.UserId, About(e, NotificationKind.AgentReplied, ticket));
            case WebhookEventTypes.TicketStatusChanged when e.TryGetTicket(out var ticket) && ticket.Status == TicketStatus.Resolved:
                return (ticket.Customer.UserId, About(e, NotificationKind.TicketResolved, ticket));
            case WebhookEventTypes.ChatAgentJoined when e.Data.Deserialize(ChatJsonContext.Default.ChatThread) is { } chat:
                return (chat.Customer.UserId, new Notification(e.Id, NotificationKind.AgentJoinedChat, e.OccurredAt, "/chat", null, chat.Id, null, []));
            case WebhookEventTypes.SecretBlocked when e.TryGetSecretBlocked(out var blocked):
                var href = e.TicketId is { } ticketId ? TicketPath(ticketId) : e.ChatId is not null || blocked.Where.StartsWith("chat", StringComparison.Ordinal) ? "/chat" : "/tickets";
                return (blocked.UserId, new Notification(e.Id, NotificationKind.SecretBlocked, e.OccurredAt, href, e.TicketId, e.ChatId, null, blocked.Kinds));
            default:
                return null;
        }
    }

    private static Notification About(WebhookEvent e, NotificationKind kind, Ticket ticket) =>
        new(e.Id, kind, e.OccurredAt, TicketPath(ticket.Id), ticket.Id, null, ticket.Subject, []);

    private static string TicketPath(string ticketId) => "/tickets/" + Uri.EscapeDataString(ticketId);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Support event {EventId} ({EventType}) has data of the wrong shape; no notification made.")]
    private static partial void LogUnreadable(ILogger logger, string eventId, string eventType);
}

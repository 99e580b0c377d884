namespace ExchangeDemo.Notifications;

/// <summary>
/// The notifications of each user, in memory: the newest <see cref="Capacity"/> per user, each event id kept once, and
/// a change signal per user that the bell's live stream waits on. The demo's own store, apart from support's: an
/// exchange would keep these in its own database.
/// </summary>
public sealed class NotificationInbox
{
    /// <summary>How many notifications a user keeps (the oldest go first).</summary>
    public const int Capacity = 50;

    /// <summary>How many event ids a user's inbox remembers, to drop a repeat of one it no longer shows.</summary>
    private const int RememberedIds = 1000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, UserInbox> _users = new(StringComparer.Ordinal);

    /// <summary>Adds a notification unless the user has had its event already; returns whether it was added.</summary>
    public bool Add(string userId, Notification notification)
    {
        CancellationTokenSource changed;
        lock (_lock)
        {
            var inbox = InboxOf(userId);
            if (!inbox.Seen.Add(notification.Id))
            {
                return false;
            }

            inbox.SeenOrder.Enqueue(notification.Id);
            if (inbox.SeenOrder.Count > RememberedIds)
            {
                inbox.Seen.Remove(inbox.SeenOrder.Dequeue());
            }

            // Newest first; an event that arrives late (a retry) takes its place by time.
            var at = inbox.Items.FindIndex(n => n.At < notification.At);
            inbox.Items.Insert(at < 0 ? inbox.Items.Count : at, notification);
            if (inbox.Items.Count > Capacity)
            {
                inbox.Items.RemoveAt(inbox.Items.Count - 1);
            }

            changed = inbox.Bump();
        }

        changed.Cancel();
        return true;
    }

    /// <summary>The user's notifications, newest first.</summary>
    public IReadOnlyList<Notification> List(string userId)
    {
        lock (_lock)
        {
            return _users.TryGetValue(userId, out var inbox) ? [.. inbox.Items] : [];
        }
    }

    /// <summary>How many of the user's notifications are unread.</summary>
    public int UnreadCount(string userId)
    {
        lock (_lock)
        {
            return _users.TryGetValue(userId, out var inbox) ? inbox.Items.Count(n => !n.Read) : 0;
        }
    }

    /// <summary>Marks one of the user's notifications read and returns it; null when the user has no such notification.</summary>
    public Notification? Open(string userId, string id) => MarkRead(userId, n => n.Id == id).FirstOrDefault();

    /// <summary>Marks the user's notifications about a ticket or a chat read (the user is looking at it); a security
    /// notice stays unread until the user opens it.</summary>
    public void MarkReadAbout(string userId, string? ticketId, string? chatId) =>
        MarkRead(userId, n => n.Kind != NotificationKind.SecretBlocked && ((ticketId is not null && n.TicketId == ticketId) || (chatId is not null && n.ChatId == chatId)));

    /// <summary>Marks all of the user's notifications read.</summary>
    public void MarkAllRead(string userId) => MarkRead(userId, _ => true);

    /// <summary>The user's inbox version and a token cancelled when it changes next (a notification added or read).</summary>
    public (long Version, CancellationToken Changed) Watch(string userId)
    {
        lock (_lock)
        {
            var inbox = InboxOf(userId);
            return (inbox.Version, inbox.Changed.Token);
        }
    }

    private List<Notification> MarkRead(string userId, Func<Notification, bool> which)
    {
        var marked = new List<Notification>();
        CancellationTokenSource? changed = null;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var inbox))
            {
                return marked;
            }

            for (var i = 0; i < inbox.Items.Count; i++)
            {
                if (which(inbox.Items[i]))
                {
                    marked.Add(inbox.Items[i]);
                    if (!inbox.Items[i].Read)
                    {
                        inbox.Items[i] = inbox.Items[i] with { Read = true };
                        changed ??= inbox.Bump();
                    }
                }
            }
        }

        changed?.Cancel();
        return marked;
    }

    private UserInbox InboxOf(string userId)
    {
        if (!_users.TryGetValue(userId, out var inbox))
        {
            inbox = new UserInbox();
            _users.Add(userId, inbox);
        }

        return inbox;
    }

    private sealed class UserInbox
    {
        public List<Notification> Items { get; } = [];

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public Queue<string> SeenOrder { get; } = new();

        public long Version { get; private set; }

        public CancellationTokenSource Changed { get; private set; } = new();

        /// <summary>A new version; returns the old signal, for the caller to fire once outside the lock.</summary>
        public CancellationTokenSource Bump()
        {
            var old = Changed;
            Changed = new CancellationTokenSource();
            Version++;
            return old;
        }
    }
}

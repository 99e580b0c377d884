namespace SupportSdk.Server.Chat;

/// <summary>
/// In-process fan-out of chat frames: every WebSocket connection and long-poll request on a chat subscribes here,
/// and every durable event (after it is stored) and ephemeral frame is published here. Publishing never blocks;
/// a subscriber whose bounded queue is full is dropped (see <see cref="ChatSubscriber"/>).
/// </summary>
internal sealed class ChatHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChatSubscriber[]> _topics = new(StringComparer.Ordinal);
    private int _subscribers;
    private int _connections;

    /// <summary>The subscribers on every chat (for tests and metrics).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers);

    /// <summary>The chat WebSocket connections open right now (for tests and metrics).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    public ChatSubscriber Subscribe(string chatId, AuthorRole role, int capacity)
    {
        var subscriber = new ChatSubscriber(this, chatId, role, capacity);
        lock (_gate)
        {
            _topics[chatId] = _topics.TryGetValue(chatId, out var current) ? [.. current, subscriber] : [subscriber];
            _subscribers++;
        }

        return subscriber;
    }

    public bool HasSubscribers(string chatId)
    {
        lock (_gate)
        {
            return _topics.ContainsKey(chatId);
        }
    }

    /// <summary>Delivers a frame to the chat's subscribers, except those of <paramref name="exceptRole"/>.</summary>
    public void Publish(string chatId, ChatFrame frame, AuthorRole? exceptRole = null)
    {
        ChatSubscriber[]? subscribers;
        lock (_gate)
        {
            _topics.TryGetValue(chatId, out subscribers);
        }

        if (subscribers is null)
        {
            return;
        }

        foreach (var subscriber in subscribers)
        {
            if (exceptRole is null || subscriber.Role != exceptRole.Value)
            {
                subscriber.TryDeliver(frame);
            }
        }
    }

    public void Remove(ChatSubscriber subscriber)
    {
        lock (_gate)
        {
            if (!_topics.TryGetValue(subscriber.ChatId, out var current) || Array.IndexOf(current, subscriber) < 0)
            {
                return;
            }

            var rest = current.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
            if (rest.Length == 0)
            {
                _topics.Remove(subscriber.ChatId);
            }
            else
            {
                _topics[subscriber.ChatId] = rest;
            }

            _subscribers--;
        }
    }

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);
}

namespace SupportSdk.Server.Chat;

/// <summary>
/// In-process fan-out of chat frames: every WebSocket connection and long-poll request on a chat subscribes here,
/// and every durable event (after it is stored) and ephemeral frame is published here. Publishing never blocks;
/// a subscriber whose bounded queue is full is dropped (see <see cref="ChatSubscriber"/>). Per chat with listeners it
/// remembers the highest durable seq published here, from where events committed on other nodes are read
/// (<see cref="Cluster.ClusterRelay"/>).
/// </summary>
internal sealed class ChatHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);
    private int _subscribers;
    private int _connections;

    /// <summary>The subscribers on every chat (for tests and metrics).</summary>
    public int SubscriberCount => Volatile.Read(ref _subscribers);

    /// <summary>The chat WebSocket connections open right now (for tests and metrics).</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <param name="chatId">The chat.</param>
    /// <param name="role">Which side listens.</param>
    /// <param name="capacity">The listener's queue size.</param>
    /// <param name="knownSeq">The chat's last seq as the listener read it before subscribing: the listener reads
    /// the store up to there itself.</param>
    public ChatSubscriber Subscribe(string chatId, AuthorRole role, int capacity, long knownSeq)
    {
        var subscriber = new ChatSubscriber(this, chatId, role, capacity);
        lock (_gate)
        {
            _topics[chatId] = _topics.TryGetValue(chatId, out var current)
                ? current with { Subscribers = [.. current.Subscribers, subscriber] }
                : new Topic([subscriber], knownSeq);
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

    /// <summary>The highest durable seq published here on a chat with listeners; null when it has none.</summary>
    public long? LastSeq(string chatId)
    {
        lock (_gate)
        {
            return _topics.TryGetValue(chatId, out var topic) ? topic.LastSeq : null;
        }
    }

    /// <summary>The chats with listeners here now.</summary>
    public IReadOnlyList<string> Chats()
    {
        lock (_gate)
        {
            return [.. _topics.Keys];
        }
    }

    /// <summary>Delivers a frame to the chat's subscribers, except those of <paramref name="exceptRole"/>.</summary>
    public void Publish(string chatId, ChatFrame frame, AuthorRole? exceptRole = null)
    {
        ChatSubscriber[] subscribers;
        lock (_gate)
        {
            if (!_topics.TryGetValue(chatId, out var topic))
            {
                return;
            }

            if (frame.Seq is { } seq && seq > topic.LastSeq && ChatFrames.IsDurable(frame.Type))
            {
                topic = _topics[chatId] = topic with { LastSeq = seq };
            }

            subscribers = topic.Subscribers;
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
            if (!_topics.TryGetValue(subscriber.ChatId, out var current) || Array.IndexOf(current.Subscribers, subscriber) < 0)
            {
                return;
            }

            var rest = current.Subscribers.Where(s => !ReferenceEquals(s, subscriber)).ToArray();
            if (rest.Length == 0)
            {
                _topics.Remove(subscriber.ChatId);
            }
            else
            {
                _topics[subscriber.ChatId] = current with { Subscribers = rest };
            }

            _subscribers--;
        }
    }

    public void ConnectionOpened() => Interlocked.Increment(ref _connections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _connections);

    private sealed record Topic(ChatSubscriber[] Subscribers, long LastSeq);
}

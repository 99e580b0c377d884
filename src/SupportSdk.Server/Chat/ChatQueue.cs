using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Status;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The human queue: a queued chat's position is its place among queued chats by queued time; the estimated wait is
/// position × <see cref="SupportServerOptions.ChatAverageHandleTime"/> ÷ max(1, agents online). After every change
/// to the queue, each queued chat whose position or estimate moved gets a <c>queue</c> frame.
/// </summary>
internal sealed class ChatQueue(IChatStore store, ChatHub hub, AgentPresence presence, SupportSdk.Server.Cluster.IClusterBackplane cluster, IOptions<SupportServerOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, (int Position, int Wait)> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _notifyGate = new(1, 1);

    /// <summary>How old the shared positions may be: heartbeats and long-polls of many queued chats read them at once.</summary>
    private static readonly TimeSpan SharedFor = TimeSpan.FromSeconds(1);
    private SharedPositions? _shared;

    public void Dispose() => _notifyGate.Dispose();

    public int EstimateSeconds(int position)
    {
        var handle = options.Value.ChatAverageHandleTime;
        var seconds = position * Math.Max(0, handle.TotalSeconds) / Math.Max(1, presence.CountOnline());
        return (int)Math.Min(int.MaxValue, Math.Ceiling(seconds));
    }

    public ChatFrame Frame(int position) => ChatFrames.Queue(position, EstimateSeconds(position));

    public async Task<int?> PositionAsync(string chatId, CancellationToken cancellationToken)
    {
        var ids = await store.ListQueuedChatIdsAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.Equals(ids[i], chatId, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>
    /// The chat's position for a periodic frame (heartbeat, long-poll): read from positions at most
    /// <see cref="SharedFor"/> old, shared by every caller meanwhile and replaced whenever the queue changes (here, or
    /// on another node: <see cref="NotifyAsync"/>), so N queued chats cost one queue read a second, not N.
    /// </summary>
    public async Task<int?> SharedPositionAsync(string chatId, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var shared = Volatile.Read(ref _shared);
        if (shared is null || now - shared.Taken > SharedFor.TotalMilliseconds || shared.Positions.Value is { IsFaulted: true } or { IsCanceled: true })
        {
            // Only over what was seen (positions a queue change published meanwhile are newer), and the read starts
            // only once the swap is won: the callers that arrive together share one read.
            var fresh = new SharedPositions(new Lazy<Task<Dictionary<string, int>>>(() => PositionsAsync(CancellationToken.None)), now);
            shared = Interlocked.CompareExchange(ref _shared, fresh, shared) == shared ? fresh : Volatile.Read(ref _shared)!;
        }

        var positions = await shared.Positions.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return positions.TryGetValue(chatId, out var position) ? position : null;
    }

    /// <summary>The chat as the wire shows it, with its queue position and wait when queued.</summary>
    public async Task<SupportSdk.ChatThread> DescribeAsync(ChatRecord chat, CancellationToken cancellationToken)
    {
        var position = chat.Status == ChatStatus.Queued ? await PositionAsync(chat.Id, cancellationToken).ConfigureAwait(false) : null;
        return ToWire(chat, position);
    }

    public async Task<Dictionary<string, int>> PositionsAsync(CancellationToken cancellationToken)
    {
        var ids = await store.ListQueuedChatIdsAsync(cancellationToken).ConfigureAwait(false);
        var positions = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            positions[ids[i]] = i + 1;
        }

        return positions;
    }

    public SupportSdk.ChatThread ToWire(ChatRecord chat, int? position) => new()
    {
        Id = chat.Id,
        Status = chat.Status,
        Topic = chat.Topic,
        Locale = chat.Locale,
        Customer = new TicketCustomer { UserId = chat.CustomerId, DisplayName = chat.CustomerName },
        Agent = chat.AgentName,
        Tier = chat.Tier,
        QueuePosition = position,
        EstimatedWaitSeconds = position is { } p ? EstimateSeconds(p) : null,
        LastSeq = chat.LastSeq,
        TicketId = chat.TicketId,
        CreatedAt = chat.CreatedAt,
        UpdatedAt = chat.UpdatedAt,
    };

    /// <summary>After a change to the queue: tells this node's queued chats (<see cref="NotifyAsync"/>) and the other nodes.</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        await NotifyAsync(cancellationToken).ConfigureAwait(false);
        cluster.Send(SupportSdk.Server.Cluster.ClusterSignal.QueueChanged);
    }

    /// <summary>Publishes a <c>queue</c> frame to every queued chat here whose position or estimate changed.</summary>
    public async Task NotifyAsync(CancellationToken cancellationToken)
    {
        await _notifyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var ids = await store.ListQueuedChatIdsAsync(cancellationToken).ConfigureAwait(false);
            var positions = Task.FromResult(ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i + 1, StringComparer.Ordinal));
            Volatile.Write(ref _shared, new SharedPositions(new Lazy<Task<Dictionary<string, int>>>(positions), Environment.TickCount64));
            var queued = new HashSet<string>(ids, StringComparer.Ordinal);
            foreach (var id in _published.Keys)
            {
                if (!queued.Contains(id))
                {
                    _published.TryRemove(id, out _);
                }
            }

            for (var i = 0; i < ids.Count; i++)
            {
                var state = (i + 1, EstimateSeconds(i + 1));
                if (_published.TryGetValue(ids[i], out var last) && last == state)
                {
                    continue;
                }

                _published[ids[i]] = state;
                hub.Publish(ids[i], ChatFrames.Queue(state.Item1, state.Item2));
            }
        }
        finally
        {
            _notifyGate.Release();
        }
    }

    private sealed record SharedPositions(Lazy<Task<Dictionary<string, int>>> Positions, long Taken);
}

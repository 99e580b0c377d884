using Microsoft.Extensions.Options;

namespace SupportSdk.AspNetCore;

/// <summary>
/// The default <see cref="IWebhookDeduplicationStore"/>: handled ids in memory, the oldest forgotten first once there
/// are more than <see cref="SupportWebhookOptions.DeduplicationCapacity"/> or they are older than
/// <see cref="SupportWebhookOptions.DeduplicationWindow"/>. Claims die with the process (so does any handler holding one).
/// Only ids of verified events reach it, so its size follows the sender's traffic, not an attacker's.
/// </summary>
internal sealed class InMemoryWebhookDeduplicationStore(IOptionsMonitor<SupportWebhookOptions> options, TimeProvider time) : IWebhookDeduplicationStore
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _handled = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, DateTimeOffset At)> _oldestFirst = new();

    /// <summary>Gets how many handled ids are remembered.</summary>
    internal int HandledCount
    {
        get
        {
            lock (_lock)
            {
                return _handled.Count;
            }
        }
    }

    public Task<WebhookEventClaim> TryClaimAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_lock)
        {
            Forget(options.CurrentValue, time.GetUtcNow());
            var claim = _handled.ContainsKey(eventId) ? WebhookEventClaim.AlreadyHandled
                : _inProgress.Add(eventId) ? WebhookEventClaim.Claimed
                : WebhookEventClaim.InProgress;
            return Task.FromResult(claim);
        }
    }

    public Task MarkHandledAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            _inProgress.Remove(eventId);
            if (_handled.TryAdd(eventId, now))
            {
                _oldestFirst.Enqueue((eventId, now));
            }

            Forget(options.CurrentValue, now);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        lock (_lock)
        {
            _inProgress.Remove(eventId);
        }

        return Task.CompletedTask;
    }

    private void Forget(SupportWebhookOptions settings, DateTimeOffset now)
    {
        var capacity = Math.Max(1, settings.DeduplicationCapacity);
        while (_oldestFirst.TryPeek(out var oldest) && (_handled.Count > capacity || now - oldest.At > settings.DeduplicationWindow))
        {
            _oldestFirst.Dequeue();
            _handled.Remove(oldest.Id);
        }
    }
}

using System.Collections.Concurrent;

namespace SupportSdk.Server.Status;

/// <summary>Which agents called the API recently: an agent counts as online for five minutes after any request.</summary>
internal sealed class AgentPresence(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);

    public void Seen(string agentId) => _lastSeen[agentId] = time.GetUtcNow();

    public int CountOnline()
    {
        var since = time.GetUtcNow() - Window;
        var count = 0;
        foreach (var (agent, seen) in _lastSeen)
        {
            if (seen >= since)
            {
                count++;
            }
            else
            {
                _lastSeen.TryRemove(agent, out _);
            }
        }

        return count;
    }
}

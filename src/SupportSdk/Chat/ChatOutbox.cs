using System.Text.Json;

namespace SupportSdk.LiveChat;

/// <summary>Sends not yet acknowledged, in the order they were made; each keeps its clientMessageId for every resend.</summary>
internal sealed class ChatOutbox
{
    private const int RecentCount = 8;
    private readonly List<PendingSend> _items = [];

    // The last sends completed, newest at _recentNext - 1: the echo of our own message usually arrives just after its
    // ack, and its clientMessageId and text can then reuse these strings instead of new copies.
    private readonly PendingSend?[] _recent = new PendingSend?[RecentCount];
    private int _recentNext;

    public PendingSend Add(string text)
    {
        var pending = new PendingSend(NewClientMessageId(), text);
        lock (_items)
        {
            _items.Add(pending);
        }

        return pending;
    }

    public PendingSend[] Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public void Complete(string? clientMessageId, long seq)
    {
        if (Take(clientMessageId) is { } pending)
        {
            lock (_items)
            {
                _recent[_recentNext] = pending;
                _recentNext = (_recentNext + 1) % RecentCount;
            }

            pending.TrySetResult(new ChatSendReceipt { ClientMessageId = pending.ClientMessageId, Seq = seq, Text = pending.Text });
        }
    }

    /// <summary>The pending or recently completed send whose clientMessageId is the reader's current string value,
    /// compared without allocating; null when none is.</summary>
    public PendingSend? Find(ref Utf8JsonReader reader)
    {
        lock (_items)
        {
            foreach (var pending in _items)
            {
                if (reader.ValueTextEquals(pending.ClientMessageId))
                {
                    return pending;
                }
            }

            for (var i = 1; i <= RecentCount; i++)
            {
                if (_recent[(_recentNext - i + RecentCount) % RecentCount] is { } recent && reader.ValueTextEquals(recent.ClientMessageId))
                {
                    return recent;
                }
            }
        }

        return null;
    }

    public void Fail(string? clientMessageId, Exception error) => Take(clientMessageId)?.TrySetException(error);

    public void FailAll(Exception error)
    {
        foreach (var pending in Snapshot())
        {
            Fail(pending.ClientMessageId, error);
        }
    }

    private PendingSend? Take(string? clientMessageId)
    {
        if (clientMessageId is null)
        {
            return null;
        }

        lock (_items)
        {
            for (var i = 0; i < _items.Count; i++)
            {
                var pending = _items[i];
                if (string.Equals(pending.ClientMessageId, clientMessageId, StringComparison.Ordinal))
                {
                    _items.RemoveAt(i);
                    return pending;
                }
            }

            return null;
        }
    }

    /// <summary>"c" and a version 7 GUID in 32 hex digits, as one string.</summary>
    private static string NewClientMessageId() => string.Create(33, Guid.CreateVersion7(), static (span, guid) =>
    {
        span[0] = 'c';
        guid.TryFormat(span[1..], out _, "N");
    });
}

/// <summary>One send waiting for its ack; it is its own completion source (one object less per message).</summary>
internal sealed class PendingSend(string clientMessageId, string text)
    : TaskCompletionSource<ChatSendReceipt>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public string ClientMessageId { get; } = clientMessageId;

    public string Text { get; } = text;

    /// <summary>The <c>send</c> frame, for transports that take frames (the WebSocket writes it without one).</summary>
    public ChatFrame Frame => new() { Type = ChatEventKind.Send, ClientMessageId = ClientMessageId, Text = Text };
}

/// <summary>Reconnect delays: exponential from a base, capped, with "equal jitter" (half fixed, half random) so a
/// crowd of clients dropped together does not come back together.</summary>
internal static class ChatBackoff
{
    public static TimeSpan Delay(int consecutiveFailures, TimeSpan baseDelay, TimeSpan maxDelay, Random random)
    {
        var exponent = Math.Clamp(consecutiveFailures - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (random.NextDouble() * ceiling / 2));
    }
}

using System.Text.Json;

namespace SupportSdk.LiveChat;

/// <summary>
/// Sends not yet acknowledged, in the order they were made; each keeps its clientMessageId for every resend. It also
/// paces them: at most a window of sends is written and unacknowledged on a connection at a time, always in order,
/// and after the server refuses one for its rate (<c>rate_limited</c>) nothing is written until the advised delay
/// has passed, when the refused send and everything after it go out again, in order.
/// </summary>
internal sealed class ChatOutbox
{
    private const int RecentCount = 8;
    private readonly List<PendingSend> _items = [];
    private int _generation;
    private int _window = 1;
    private int _inFlight;
    private long _pausedUntil;

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

    /// <summary>A new connection: nothing is written on it yet; at most <paramref name="window"/> sends at a time.</summary>
    public void Connected(int window)
    {
        lock (_items)
        {
            _generation++;
            _inFlight = 0;
            _window = Math.Max(1, window);
            _pausedUntil = 0;
        }
    }

    /// <summary>When a pause still in force ends (with sends waiting for it), or null.</summary>
    public long? PauseEnd(long now)
    {
        lock (_items)
        {
            if (now >= _pausedUntil)
            {
                return null;
            }

            foreach (var pending in _items)
            {
                if (pending.WrittenOn != _generation)
                {
                    return _pausedUntil;
                }
            }

            return null;
        }
    }

    /// <summary>The next send to write on the current connection, marked as written; null when the window is full,
    /// sending is paused (until <paramref name="now"/> passes the pause), or nothing is waiting. Callers write what
    /// this returns in the order it returned it.</summary>
    public PendingSend? NextToWrite(long now)
    {
        lock (_items)
        {
            if (_inFlight >= _window || now < _pausedUntil)
            {
                return null;
            }

            foreach (var pending in _items)
            {
                if (pending.WrittenOn != _generation)
                {
                    pending.WrittenOn = _generation;
                    _inFlight++;
                    return pending;
                }
            }

            return null;
        }
    }

    /// <summary>The server refused a send for its rate: it and every send written after it on this connection are
    /// written again, in order, once <paramref name="until"/> (and any longer pause already set) has passed; that
    /// time comes back in <paramref name="resumeAt"/>. False when the send is not ours.</summary>
    public bool RateLimited(string? clientMessageId, long until, out long resumeAt)
    {
        lock (_items)
        {
            resumeAt = _pausedUntil;
            var index = _items.FindIndex(p => string.Equals(p.ClientMessageId, clientMessageId, StringComparison.Ordinal));
            if (index < 0)
            {
                return false;
            }

            for (var i = index; i < _items.Count; i++)
            {
                if (_items[i].WrittenOn == _generation)
                {
                    _items[i].WrittenOn = 0;
                    _inFlight--;
                }
            }

            resumeAt = _pausedUntil = Math.Max(_pausedUntil, until);
            return true;
        }
    }

    /// <summary>A write of <paramref name="pending"/> failed: it is written again, in order, from
    /// <paramref name="until"/> on (or on the next connection); returns when writing resumes.</summary>
    public long Unwrite(PendingSend pending, long until)
    {
        lock (_items)
        {
            if (pending.WrittenOn == _generation && _items.Contains(pending))
            {
                pending.WrittenOn = 0;
                _inFlight--;
            }

            return _pausedUntil = Math.Max(_pausedUntil, until);
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
                    if (pending.WrittenOn == _generation && _generation != 0)
                    {
                        _inFlight--;
                    }

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

    /// <summary>Gets or sets the connection (by <see cref="ChatOutbox"/> generation) it was last written on; 0 for none.
    /// Changed only under the outbox's lock.</summary>
    public int WrittenOn { get; set; }

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

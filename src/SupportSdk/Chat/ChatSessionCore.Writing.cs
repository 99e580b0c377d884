namespace SupportSdk.LiveChat;

/// <summary>
/// Writing sends, paced: at most a window of them unacknowledged on a connection (so an application that sends in a
/// burst never trips the server's frame limit by itself), always in outbox order, and after a <c>rate_limited</c>
/// refusal a pause of the server's advised delay, after which the refused send and those after it go out again in
/// order. A send therefore completes (acknowledged) or fails (chat closed, secret refused), but never hangs.
/// </summary>
internal sealed partial class ChatSessionCore
{
    /// <summary>Sends written and unacknowledged at once on a WebSocket: well under the server's default burst (40).</summary>
    internal const int WebSocketWindow = 16;

    /// <summary>Over long-polling each send is a request of its own: one at a time keeps them in order.</summary>
    internal const int LongPollWindow = 1;

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WriteRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);
    private readonly Lock _writeGate = new();
    private ITimer? _resumeWrites;

    /// <summary>Writes every send the window and the pause allow, in order. Choosing and starting writes under one lock
    /// keeps their order: the transport queues writes in the order they are started. A write that fails puts its send
    /// back (it goes out again, in order, a moment later or on the next connection).</summary>
    private void WriteReady(ChatTransport transport)
    {
        lock (_writeGate)
        {
            while (ReferenceEquals(_current, transport) && _outbox.NextToWrite(_time.GetTimestamp()) is { } next)
            {
                ValueTask write;
                try
                {
                    write = transport.SendAsync(next, _stop.Token);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    WriteFailed(next);
                    break;
                }

                if (!write.IsCompletedSuccessfully)
                {
                    _ = CompleteWriteAsync(write, next);
                }
            }

            // Sends held by a pause go out when it ends, even if the timer fired a little early.
            if (_outbox.PauseEnd(_time.GetTimestamp()) is { } end)
            {
                ResumeWritesAt(end);
            }
        }
    }

    /// <summary>After an ack frees the window, or a pause ends: the next sends, without holding up the reader.</summary>
    private void WriteMore()
    {
        if (_current is { } transport)
        {
            WriteReady(transport);
        }
    }

    private async Task CompleteWriteAsync(ValueTask write, PendingSend pending)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            WriteFailed(pending);
        }
    }

    /// <summary>A write failed (a broken socket, or a long-poll request that ran out of retries): the send goes back in
    /// the outbox and writing resumes shortly; a broken connection is replaced meanwhile, which writes it anyway.</summary>
    private void WriteFailed(PendingSend pending)
    {
        if (!_stop.IsCancellationRequested)
        {
            ResumeWritesAt(_outbox.Unwrite(pending, _time.GetTimestamp() + (long)(WriteRetryDelay.TotalSeconds * _time.TimestampFrequency)));
        }
    }

    /// <summary>Writes again when the pause ends (one timer: a later refusal moves it, never earlier).</summary>
    private void ResumeWritesAt(long resumeAt)
    {
        // A millisecond past the end, so the timer never wakes the writer before the pause is over.
        var delay = _time.GetElapsedTime(_time.GetTimestamp(), resumeAt) + TimeSpan.FromMilliseconds(1);
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        lock (_writeGate)
        {
            _resumeWrites?.Dispose();
            _resumeWrites = _time.CreateTimer(static state => ((ChatSessionCore)state!).WriteMore(), this, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private long RetryAfterTicks(int? retryAfterMs) => (long)(RetryAfter(retryAfterMs).TotalSeconds * _time.TimestampFrequency);

    private static TimeSpan RetryAfter(int? retryAfterMs) => retryAfterMs is > 0
        ? TimeSpan.FromMilliseconds(Math.Min(retryAfterMs.Value, MaxRetryAfter.TotalMilliseconds))
        : DefaultRetryAfter;
}

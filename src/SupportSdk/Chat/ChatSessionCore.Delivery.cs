using System.Globalization;

namespace SupportSdk.LiveChat;

/// <summary>
/// Delivery: durable events reach the reader exactly once and in seq order. The connection is never blocked by a slow
/// reader — acks must keep flowing — so when the event buffer is full the session falls "behind": it stops buffering
/// durable events (they are stored on the server), keeps completing sends, and a catch-up task fetches what the
/// reader missed over REST as the buffer drains.
/// </summary>
internal sealed partial class ChatSessionCore
{
    /// <summary>Handles one frame; true when the chat is over.</summary>
    private async ValueTask<bool> HandleAsync(InboundFrame frame, CancellationToken cancellationToken)
    {
        var type = frame.Type;
        if (IsDurable(type))
        {
            // A person in support ends the customer's run of lines; the bot's automatic replies do not.
            if (type == ChatEventKind.Message && frame.From is { } author && author.Role == AuthorRole.Agent)
            {
                OtherSideWrote();
            }

            if (frame.Seq is not { } seq)
            {
                return false;
            }

            _outbox.Complete(frame.ClientMessageId, seq);
            if (frame.ClientMessageId is not null)
            {
                WriteMore();
            }

            if (seq <= LastSeq || FellBehind(seq))
            {
                return false;
            }

            if (seq > LastSeq + 1)
            {
                await BackfillAsync(seq - 1, cancellationToken).ConfigureAwait(false);
            }

            return seq == LastSeq + 1 && await DeliverAsync(frame, cancellationToken).ConfigureAwait(false);
        }

        if (type == ChatEventKind.Ack)
        {
            _outbox.Complete(frame.ClientMessageId, frame.Seq ?? 0);
            WriteMore();
        }
        else if (type == ChatEventKind.Error && frame.Code == ErrorCodes.RateLimited
            && _outbox.RateLimited(frame.ClientMessageId, _time.GetTimestamp() + RetryAfterTicks(frame.RetryAfterMs), out var resumeAt))
        {
            // Not a failure: the send and those after it go out again, in order, when the server's delay is over.
            Log.Paced(_logger, ChatId, frame.RetryAfterMs ?? 0);
            ResumeWritesAt(resumeAt);
        }
        else if (type == ChatEventKind.Error)
        {
            Log.FrameRefused(_logger, ChatId, frame.Code ?? "unknown");
            _outbox.Fail(frame.ClientMessageId, frame.Code == ErrorCodes.SensitiveDataBlocked
                ? new SensitiveDataException("The server refused the message: it contains a secret.", [], blockedOnDevice: false)
                : Refused(frame.Code));
        }
        else if (type == ChatEventKind.Heartbeat)
        {
            if (frame.Seq is { } latest && latest > LastSeq && !FellBehind(latest))
            {
                await BackfillAsync(latest, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (type == ChatEventKind.Typing)
        {
            // Typing, read and queue updates are momentary: with a full buffer they are dropped, not queued.
            _events.Writer.TryWrite(new ChatTypingEvent { From = frame.From ?? new Author(), At = frame.SentAt });
        }
        else if (type == ChatEventKind.Read)
        {
            _events.Writer.TryWrite(new ChatReadEvent { From = frame.From ?? new Author(), UpToSeq = frame.UpToSeq ?? 0, At = frame.SentAt });
        }
        else if (type == ChatEventKind.Queue)
        {
            _events.Writer.TryWrite(new ChatQueueEvent { Position = frame.Position ?? 0, EstimatedWaitSeconds = frame.EstimatedWaitSeconds, At = frame.SentAt });
        }

        return false;
    }

    private static bool IsDurable(ChatEventKind type) =>
        type == ChatEventKind.Message || type == ChatEventKind.AgentJoined || type == ChatEventKind.Handoff || type == ChatEventKind.Closed;

    /// <summary>While behind, remembers how far the chat has gone and reports true: the catch-up delivers it.</summary>
    private bool FellBehind(long seq)
    {
        lock (_deliveryGate)
        {
            if (_behind)
            {
                _latestKnown = Math.Max(_latestKnown, seq);
            }

            return _behind;
        }
    }

    /// <summary>Fetches the durable events after <see cref="LastSeq"/> up to <paramref name="upTo"/> over REST and
    /// delivers them: a gap is filled, never skipped. No progress means the connection is unreliable: reconnect.</summary>
    private async Task BackfillAsync(long upTo, CancellationToken cancellationToken)
    {
        while (LastSeq < upTo && !FellBehind(upTo))
        {
            var before = LastSeq;
            foreach (var frame in await FetchAsync(before, cancellationToken).ConfigureAwait(false))
            {
                if (frame.Seq == LastSeq + 1 && await DeliverAsync(InboundFrame.Of(frame), cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (LastSeq == before && !FellBehind(upTo))
            {
                throw new ChatDisconnectedException("The server announced events it could not return.");
            }
        }
    }

    private async Task<IReadOnlyList<ChatFrame>> FetchAsync(long after, CancellationToken cancellationToken)
    {
        var batch = await _connector.GetEventsAsync(_chatPath, after, waitSeconds: 0, cancellationToken).ConfigureAwait(false);
        foreach (var frame in batch.Events)
        {
            // A stored message of ours answers its send even when the ack and the live echo were both lost.
            if (frame.Seq is { } seq)
            {
                _outbox.Complete(frame.ClientMessageId, seq);
            }
        }

        return batch.Events;
    }

    /// <summary>Hands the next durable event to the reader without waiting; true when it closed the chat. When the
    /// buffer is full the session falls behind and the catch-up task takes over.</summary>
    private async ValueTask<bool> DeliverAsync(InboundFrame frame, CancellationToken cancellationToken)
    {
        var evt = await ToEventAsync(frame, cancellationToken).ConfigureAwait(false);
        var seq = evt.Seq!.Value;
        lock (_deliveryGate)
        {
            if (_behind)
            {
                _latestKnown = Math.Max(_latestKnown, seq);
                return false;
            }

            if (!_events.Writer.TryWrite(evt))
            {
                _behind = true;
                _latestKnown = seq;
                _catchUp = Task.Run(() => CatchUpAsync(_stop.Token), CancellationToken.None);
                return false;
            }

            Interlocked.Exchange(ref _lastSeq, seq);
        }

        return evt is ChatClosedEvent;
    }

    /// <summary>Delivers, waiting for the reader, everything from <see cref="LastSeq"/> to the latest seq seen,
    /// fetched over REST; then lets live delivery resume.</summary>
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long target;
            lock (_deliveryGate)
            {
                target = _latestKnown;
                if (LastSeq >= target)
                {
                    _behind = false;
                    return;
                }
            }

            try
            {
                foreach (var frame in await FetchAsync(LastSeq, cancellationToken).ConfigureAwait(false))
                {
                    if (frame.Seq == LastSeq + 1)
                    {
                        var evt = await ToEventAsync(InboundFrame.Of(frame), cancellationToken).ConfigureAwait(false);
                        await _events.Writer.WriteAsync(evt, cancellationToken).ConfigureAwait(false);
                        Interlocked.Exchange(ref _lastSeq, frame.Seq.Value);
                        if (evt is ChatClosedEvent)
                        {
                            return;
                        }
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException || e is SupportApiException { IsTransient: true })
            {
                // Stored events wait on the server; try again shortly.
                await Task.Delay(_connector.Settings.Chat.ReconnectBaseDelay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The exception a send refused by an error frame fails with: 429 for a rate limit, 409 for anything else.</summary>
    private static SupportApiException Refused(string? code)
    {
        var status = code == ErrorCodes.RateLimited ? 429 : 409;
        return new SupportApiException("The server refused the message (" + (code ?? "no code") + ").", status,
            code ?? SupportApiException.HttpStatusErrorCodePrefix + status.ToString(CultureInfo.InvariantCulture), null);
    }

    private async ValueTask<ChatEvent> ToEventAsync(InboundFrame frame, CancellationToken cancellationToken)
    {
        var seq = frame.Seq!.Value;
        var type = frame.Type;
        if (type == ChatEventKind.Message)
        {
            var from = frame.From ?? new Author();
            var text = frame.Text ?? string.Empty;
            return new ChatMessageEvent
            {
                Seq = seq,
                At = frame.SentAt,
                Id = frame.Id ?? string.Empty,
                ClientMessageId = frame.ClientMessageId,
                From = from,
                Text = text,
                Flags = await _connector.Screening.FlagsAsync(from.Role, text, frame.Flags, cancellationToken).ConfigureAwait(false),
                Article = frame.Article,
                QuickReplies = frame.QuickReplies ?? [],
                Deposit = frame.Deposit,
                AntiPhishingCode = frame.AntiPhishingCode,
            };
        }

        return type == ChatEventKind.AgentJoined ? new ChatAgentJoinedEvent { Seq = seq, At = frame.SentAt, AgentName = frame.From?.Name ?? string.Empty }
            : type == ChatEventKind.Handoff ? new ChatHandoffEvent { Seq = seq, At = frame.SentAt, Reason = frame.Reason ?? string.Empty }
            : new ChatClosedEvent { Seq = seq, At = frame.SentAt, Reason = frame.Reason ?? string.Empty };
    }
}

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Status;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// One chat WebSocket. Three loops: the writer (the only one that sends: replay after <c>after</c>, then live
/// frames from the connection's bounded hub queue, then the close), the reader (send, typing, read; size and rate
/// limits) and the heartbeat (credential re-check, heartbeat and queue frames). Any of them can ask for a close;
/// the writer sends it after the frame it is writing, or the send timeout aborts a peer that stopped reading.
/// </summary>
internal sealed class ChatConnection(WebSocket socket, ChatRecord chat, SupportPrincipal principal, string authorization, long after,
    ChatSubscriber subscriber, ChatWorkflow workflow, Credentials credentials, AgentPresence presence, SupportServerOptions options)
{
    private const int ReplayPage = 200;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);
    private readonly AuthorRole _role = ChatWorkflow.RoleOf(principal);
    private int _closeCode;
    private volatile bool _closeDrains;
    private string _closeReason = string.Empty;
    private long _lastSent;
    private (int? Position, int? Wait) _lastQueue;

    /// <summary>Whether the writer must stop now (a close that does not first deliver what is queued).</summary>
    private bool Closing => Volatile.Read(ref _closeCode) != 0 && !_closeDrains;

    public async Task RunAsync(CancellationToken aborted)
    {
        subscriber.Overflow += () => RequestClose(ChatCloseCodes.TooSlow, "Too slow: the client did not read its frames.");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var reading = ReadLoopAsync(stop.Token);
        var beating = HeartbeatLoopAsync(stop.Token);
        try
        {
            await WriteLoopAsync(stop.Token).ConfigureAwait(false);
            await SendCloseAsync(stop.Token).ConfigureAwait(false);
            // Socket timeouts are about the network, not business time: real time even under a fake clock.
            await reading.WaitAsync(CloseHandshakeTimeout, TimeProvider.System, stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or IOException or ObjectDisposedException)
        {
            // The peer went away, stopped reading past the send timeout, or did not finish the close handshake.
        }
        finally
        {
            RequestClose(ChatCloseCodes.GoingAway, string.Empty);
            await stop.CancelAsync().ConfigureAwait(false);
            if (socket.State is not WebSocketState.Closed)
            {
                socket.Abort();
            }

            try
            {
                await Task.WhenAll(reading, beating).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A store fault in a background loop ends this connection only; the client reconnects.
            }
        }
    }

    /// <summary>Asks the writer to close; with <paramref name="drain"/> it first sends the frames already queued
    /// (e.g. the error frames that explain a 4429).</summary>
    private void RequestClose(int code, string reason, bool drain = false)
    {
        if (Interlocked.CompareExchange(ref _closeCode, code, 0) == 0)
        {
            _closeReason = reason;
            _closeDrains = drain;
            subscriber.Complete();
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        _lastSent = after;
        await BackfillAsync(long.MaxValue, cancellationToken).ConfigureAwait(false);
        var current = await workflow.Store.GetChatAsync(chat.Id, cancellationToken).ConfigureAwait(false);
        if (current is null || current.Status == ChatStatus.Closed)
        {
            RequestClose(ChatCloseCodes.ChatClosed, "The chat is closed.");
            return;
        }

        if (current.Status == ChatStatus.Queued && await workflow.Queue.PositionAsync(chat.Id, cancellationToken).ConfigureAwait(false) is { } position)
        {
            await SendQueueAsync(workflow.Queue.Frame(position), cancellationToken).ConfigureAwait(false);
        }

        while (!Closing && await subscriber.Frames.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (!Closing && subscriber.Frames.TryRead(out var frame))
            {
                if (ChatFrames.IsDurable(frame.Type))
                {
                    var seq = frame.Seq ?? 0;
                    if (seq <= _lastSent)
                    {
                        continue; // already sent by the replay or a backfill
                    }

                    await BackfillAsync(seq - 1, cancellationToken).ConfigureAwait(false);
                    await SendAsync(frame, cancellationToken).ConfigureAwait(false);
                    _lastSent = seq;
                    if (frame.Type == ChatEventKind.Closed)
                    {
                        RequestClose(ChatCloseCodes.ChatClosed, "The chat is closed.");
                    }
                }
                else if (frame.Type == ChatEventKind.Queue)
                {
                    await SendQueueAsync(frame, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (frame.Type == ChatEventKind.Heartbeat)
                    {
                        // A heartbeat names the latest seq: anything stored but not yet delivered goes out first.
                        await BackfillAsync(frame.Seq ?? 0, cancellationToken).ConfigureAwait(false);
                    }

                    await SendAsync(frame, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>Sends the stored events after the last one sent, up to <paramref name="upTo"/>, in seq order.</summary>
    private async Task BackfillAsync(long upTo, CancellationToken cancellationToken)
    {
        while (!Closing && _lastSent < upTo)
        {
            var limit = (int)Math.Min(ReplayPage, upTo - _lastSent);
            var page = await workflow.Store.ListChatEventsAsync(chat.Id, _lastSent, limit, false, cancellationToken).ConfigureAwait(false);
            foreach (var frame in page)
            {
                if (Closing)
                {
                    return;
                }

                await SendAsync(frame, cancellationToken).ConfigureAwait(false);
                _lastSent = frame.Seq ?? _lastSent;
            }

            if (page.Count < limit)
            {
                return;
            }
        }
    }

    private async Task SendQueueAsync(ChatFrame frame, CancellationToken cancellationToken)
    {
        if (_lastQueue != (frame.Position, frame.EstimatedWaitSeconds))
        {
            _lastQueue = (frame.Position, frame.EstimatedWaitSeconds);
            await SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(ChatFrame frame, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, WireJson.Chat.ChatFrame);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ChatSendTimeout);
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
    }

    private async Task SendCloseAsync(CancellationToken cancellationToken)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var code = Volatile.Read(ref _closeCode) is var c and not 0 ? c : (int)WebSocketCloseStatus.NormalClosure;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.ChatSendTimeout);
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, _closeReason, timeout.Token).ConfigureAwait(false);
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var max = Math.Max(1024, options.ChatMaxFrameBytes);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        var rate = new ChatFrameRate(options.ChatFramesPerSecond, options.ChatFrameBurst, workflow.Time);
        var refused = 0;
        try
        {
            while (true)
            {
                var count = 0;
                var tooLarge = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == max)
                    {
                        tooLarge = true;
                        count = 0; // keep reading the rest of the message, discarding it
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(count, max - count), cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        RequestClose((int)(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), string.Empty);
                        return;
                    }

                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (Volatile.Read(ref _closeCode) != 0)
                {
                    continue; // wait for the client's half of the close handshake
                }

                if (tooLarge || result.MessageType != WebSocketMessageType.Text)
                {
                    RequestClose(ChatCloseCodes.InvalidFrame, tooLarge ? $"Frames are limited to {max} bytes." : "Send JSON text frames.", drain: true);
                    continue;
                }

                if (!rate.TryTake())
                {
                    if (++refused >= Math.Max(1, options.ChatFrameBurst))
                    {
                        RequestClose(ChatCloseCodes.RateLimited, "Too many frames.", drain: true);
                    }
                    else
                    {
                        subscriber.TryDeliver(ChatFrames.Error(ErrorCodes.RateLimited, $"Slow down: at most {options.ChatFramesPerSecond} frames per second."));
                    }

                    continue;
                }

                refused = 0;
                var frame = Parse(buffer.AsSpan(0, count));
                if (frame is null)
                {
                    RequestClose(ChatCloseCodes.InvalidFrame, "Not a chat frame.", drain: true);
                    continue;
                }

                await HandleAsync(frame, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            RequestClose(ChatCloseCodes.GoingAway, string.Empty);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ChatFrame? Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatFrame);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task HandleAsync(ChatFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            if (frame.Type == ChatEventKind.Send)
            {
                var request = new SendChatMessageRequest { ClientMessageId = frame.ClientMessageId ?? string.Empty, Text = frame.Text ?? string.Empty };
                var (stored, _) = await workflow.SendAsync(chat.Id, principal, request, cancellationToken).ConfigureAwait(false);
                subscriber.TryDeliver(ChatFrames.Ack(request.ClientMessageId, stored.Seq ?? 0));
            }
            else if (frame.Type == ChatEventKind.Typing)
            {
                workflow.RelayTyping(chat, principal);
            }
            else if (frame.Type == ChatEventKind.Read)
            {
                await workflow.MarkReadAsync(chat.Id, principal, frame.UpToSeq ?? -1, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                subscriber.TryDeliver(ChatFrames.Error(ErrorCodes.ValidationFailed, "Unknown frame type; send 'send', 'typing' or 'read'."));
            }
        }
        catch (ApiError error)
        {
            // The explanation never contains the text itself, so a blocked secret is not echoed.
            subscriber.TryDeliver(ChatFrames.Error(error.Code, error.Detail ?? error.Message, frame.ClientMessageId));
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        var interval = options.ChatHeartbeatInterval;
        interval = interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromMinutes(5) ? TimeSpan.FromSeconds(15) : interval;
        try
        {
            using var timer = new PeriodicTimer(interval, workflow.Time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var still = await credentials.ResolveHeaderAsync(authorization, cancellationToken).ConfigureAwait(false);
                if (still is null || still.Kind != principal.Kind || !string.Equals(still.Id, principal.Id, StringComparison.Ordinal))
                {
                    RequestClose(ChatCloseCodes.Unauthorized, "The credential expired or was revoked.");
                    return;
                }

                if (principal.Kind == PrincipalKinds.Agent)
                {
                    presence.Seen(principal.Id);
                }

                var current = await workflow.Store.GetChatAsync(chat.Id, cancellationToken).ConfigureAwait(false);
                subscriber.TryDeliver(ChatFrames.Heartbeat(current?.LastSeq ?? 0));
                if (current?.Status == ChatStatus.Queued && await workflow.Queue.PositionAsync(chat.Id, cancellationToken).ConfigureAwait(false) is { } position)
                {
                    subscriber.TryDeliver(workflow.Queue.Frame(position));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }
}

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
internal sealed partial class ChatConnection(WebSocket socket, ChatRecord chat, SupportPrincipal principal, string authorization, long after,
    ChatSubscriber subscriber, ChatWorkflow workflow, Credentials credentials, AgentPresence presence, SupportServerOptions options, ChatFrameRate rate)
{
    private readonly ChatFrameRate _rate = rate;
    private const int ReplayPage = 200;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);
    private readonly WebSocket _socket = socket;
    private readonly ChatRecord _chat = chat;
    private readonly SupportPrincipal _principal = principal;
    private readonly string _authorization = authorization;
    private readonly long _after = after;
    private readonly ChatSubscriber _subscriber = subscriber;
    private readonly ChatWorkflow _workflow = workflow;
    private readonly Credentials _credentials = credentials;
    private readonly AgentPresence _presence = presence;
    private readonly SupportServerOptions _options = options;
    private readonly AuthorRole _role = ChatWorkflow.RoleOf(principal);
    private int _closeCode;
    private volatile bool _closeDrains;
    private string _closeReason = string.Empty;
    private long _lastSent;
    private (int? Position, int? Wait) _lastQueue;

    /// <summary>Whether the writer must stop now (a close that does not first deliver what is queued).</summary>
    private bool Closing => Volatile.Read(ref _closeCode) != 0 && !_closeDrains;

    /// <param name="aborted">The connection went away.</param>
    /// <param name="stopping">The server is shutting down: close with 1001 so clients reconnect elsewhere.</param>
    public async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        _subscriber.Overflow += () => RequestClose(ChatCloseCodes.TooSlow, "Too slow: the client did not read its frames.");
        using var shutdown = stopping.Register(() => RequestClose(ChatCloseCodes.GoingAway, "The server is shutting down."));
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
            if (_socket.State is not WebSocketState.Closed)
            {
                _socket.Abort();
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
            _subscriber.Complete();
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        // An 'after' beyond the chat's last seq cannot be the client's real position: start from the end instead of
        // silently skipping the events that will take those numbers.
        _lastSent = Math.Min(_after, _chat.LastSeq);
        await BackfillAsync(long.MaxValue, cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await _workflow.Store.GetChatAsync(_chat.Id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Status == ChatStatus.Closed)
            {
                RequestClose(ChatCloseCodes.ChatClosed, "The chat is closed.");
                return;
            }

            // Read receipts are not replayed as events: after the replay the other side's read marker is sent once, so
            // a client that reconnects (or a page that reloads) shows "read" where it was.
            if (OtherSideRead(current) is { } read)
            {
                await SendAsync(read, cancellationToken).ConfigureAwait(false);
            }

            if (current.Status == ChatStatus.Queued && await _workflow.Queue.PositionAsync(_chat.Id, cancellationToken).ConfigureAwait(false) is { } position)
            {
                await SendQueueAsync(_workflow.Queue.Frame(position), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            // The database went away after the upgrade: live frames and heartbeats carry on once it is back.
        }

        while (!Closing && await _subscriber.Frames.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (!Closing && _subscriber.Frames.TryRead(out var frame))
            {
                if (ChatFrames.IsDurable(frame.Type))
                {
                    var seq = frame.Seq ?? 0;
                    if (seq <= _lastSent)
                    {
                        continue; // already sent by the replay or a backfill
                    }

                    if (!await BackfillAsync(seq - 1, cancellationToken).ConfigureAwait(false))
                    {
                        continue; // the gap before it could not be read now: it is sent after the gap, from the store
                    }

                    await SendDurableAsync(frame, cancellationToken).ConfigureAwait(false);
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

    private ChatFrame? OtherSideRead(ChatRecord chat) => _role == AuthorRole.Customer
        ? chat.AgentReadSeq > 0 ? ChatFrames.Read(new Author { Role = AuthorRole.Agent, Name = chat.AgentName ?? string.Empty }, chat.AgentReadSeq) : null
        : chat.CustomerReadSeq > 0 ? ChatFrames.Read(new Author { Role = AuthorRole.Customer, Name = chat.CustomerName }, chat.CustomerReadSeq) : null;

    /// <summary>Sends the stored events after the last one sent, up to <paramref name="upTo"/>, in seq order.</summary>
    /// <returns>False when the store could not be read now (the rest is sent at the next frame or heartbeat).</returns>
    private async Task<bool> BackfillAsync(long upTo, CancellationToken cancellationToken)
    {
        while (!Closing && _lastSent < upTo)
        {
            var limit = (int)Math.Min(ReplayPage, upTo - _lastSent);
            IReadOnlyList<ChatFrame> page;
            try
            {
                page = await _workflow.Store.ListChatEventsAsync(_chat.Id, _lastSent, limit, false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (StoreFaults.IsUnavailable(e))
            {
                return false;
            }

            foreach (var frame in page)
            {
                if (Closing)
                {
                    return true;
                }

                await SendDurableAsync(frame, cancellationToken).ConfigureAwait(false);
                _lastSent = frame.Seq ?? _lastSent;
            }

            if (page.Count < limit)
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>
    /// Sends a stored event. An agent joining or a handoff ends or starts a wait in the queue: the next queue frame
    /// goes out even when its position and estimate equal the last ones sent (a transferred chat back at position 1).
    /// </summary>
    private Task SendDurableAsync(ChatFrame frame, CancellationToken cancellationToken)
    {
        if (frame.Type == ChatEventKind.AgentJoined || frame.Type == ChatEventKind.Handoff)
        {
            _lastQueue = default;
        }

        return SendAsync(frame, cancellationToken);
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
        var bytes = JsonSerializer.SerializeToUtf8Bytes(SupportSdk.Server.Security.AntiPhishing.ForReader(frame, _principal), WireJson.Chat.ChatFrame);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ChatSendTimeout);
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, timeout.Token).ConfigureAwait(false);
    }

    private async Task SendCloseAsync(CancellationToken cancellationToken)
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var code = Volatile.Read(ref _closeCode) is var c and not 0 ? c : (int)WebSocketCloseStatus.NormalClosure;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ChatSendTimeout);
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, _closeReason, timeout.Token).ConfigureAwait(false);
        }
    }
}

using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The incoming side of a chat WebSocket: the reader (frame size and rate limits, then send, typing and read) and
/// the heartbeat (credential re-check, heartbeat and queue frames). Neither sends on the socket: they queue frames
/// for the writer or ask it to close.
/// </summary>
internal sealed partial class ChatConnection
{
    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var max = Math.Max(1024, _options.ChatMaxFrameBytes);
        byte[]? buffer = null;
        var refused = 0;

        // After a send is refused for the rate, only that send is taken next: the others the client wrote meanwhile
        // are refused too, so a client that resends in order (as the SDK does) keeps its order.
        string? waitingFor = null;
        try
        {
            while (true)
            {
                // Wait for the next frame without a buffer (a zero-byte receive): an idle connection holds none, and
                // the frame buffer is rented only while a frame is read and handled.
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }

                var result = await _socket.ReceiveAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    RequestClose((int)(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), string.Empty);
                    return;
                }

                buffer = ArrayPool<byte>.Shared.Rent(max);
                var count = 0;
                var tooLarge = false;
                while (!result.EndOfMessage)
                {
                    if (count == max)
                    {
                        tooLarge = true;
                        count = 0; // keep reading the rest of the message, discarding it
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count, max - count), cancellationToken).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        RequestClose((int)(_socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure), string.Empty);
                        return;
                    }

                    count += result.Count;
                }

                if (Volatile.Read(ref _closeCode) != 0)
                {
                    continue; // wait for the client's half of the close handshake
                }

                if (tooLarge || result.MessageType != WebSocketMessageType.Text)
                {
                    RequestClose(ChatCloseCodes.InvalidFrame, tooLarge ? $"Frames are limited to {max} bytes." : "Send JSON text frames.", drain: true);
                    continue;
                }

                var frame = Parse(buffer.AsSpan(0, count));
                if (frame is null)
                {
                    RequestClose(ChatCloseCodes.InvalidFrame, "Not a chat frame.", drain: true);
                    continue;
                }

                var isSend = frame.Type == ChatEventKind.Send;
                var outOfTurn = isSend && waitingFor is not null && !string.Equals(frame.ClientMessageId, waitingFor, StringComparison.Ordinal);
                var retryAfter = TimeSpan.Zero;
                if (outOfTurn || !_rate.TryTake(out retryAfter))
                {
                    if (++refused >= 2 * Math.Max(1, _options.ChatFrameBurst))
                    {
                        RequestClose(ChatCloseCodes.RateLimited, "Too many frames.", drain: true);
                    }
                    else if (isSend)
                    {
                        // Typing and read receipts over the limit are dropped; a send is refused by name, with the wait.
                        waitingFor ??= frame.ClientMessageId;
                        _subscriber.TryDeliver(ChatFrames.RateLimited(frame.ClientMessageId,
                            outOfTurn ? TimeSpan.Zero : retryAfter, _options.ChatFramesPerSecond));
                    }

                    continue;
                }

                refused = 0;
                if (isSend && waitingFor is not null)
                {
                    waitingFor = null;
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
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
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
                var (stored, _) = await _workflow.SendAsync(_chat.Id, _principal, request, cancellationToken, _chat).ConfigureAwait(false);
                _subscriber.TryDeliver(ChatFrames.Ack(request.ClientMessageId, stored.Seq ?? 0));
            }
            else if (frame.Type == ChatEventKind.Typing)
            {
                _workflow.RelayTyping(_chat, _principal);
            }
            else if (frame.Type == ChatEventKind.Read)
            {
                await _workflow.MarkReadAsync(_chat.Id, _principal, frame.UpToSeq ?? -1, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                _subscriber.TryDeliver(ChatFrames.Error(ErrorCodes.ValidationFailed, "Unknown frame type; send 'send', 'typing' or 'read'."));
            }
        }
        catch (ApiError error)
        {
            if (error.Findings is { Count: > 0 } findings && error.Code == ErrorCodes.SensitiveDataBlocked)
            {
                await _workflow.Webhooks.SecretBlockedAsync(_principal, "chat", null, _chat.Id, findings).ConfigureAwait(false);
            }

            // The explanation never contains the text itself, so a blocked secret is not echoed.
            _subscriber.TryDeliver(ChatFrames.Error(error.Code, error.Detail ?? error.Message, frame.ClientMessageId));
        }
        catch (Exception e) when (StoreFaults.IsUnavailable(e))
        {
            // The socket stays open through a database outage: this frame is refused by name and may be sent again.
            var unavailable = SupportEndpointFilter.Unavailable();
            _subscriber.TryDeliver(ChatFrames.Error(unavailable.Code, unavailable.Detail ?? unavailable.Message, frame.ClientMessageId));
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        var interval = _options.ChatHeartbeatInterval;
        interval = interval < TimeSpan.FromSeconds(1) || interval > TimeSpan.FromMinutes(5) ? TimeSpan.FromSeconds(15) : interval;
        try
        {
            using var timer = new PeriodicTimer(interval, _workflow.Time);
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    if (!await BeatAsync(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (Exception e) when (StoreFaults.IsUnavailable(e))
                {
                    // The database is away: the socket stays open and the next beat tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended.
        }
    }

    /// <summary>One heartbeat; false when the connection must close.</summary>
    private async Task<bool> BeatAsync(CancellationToken cancellationToken)
    {
        var still = await _credentials.ResolveHeaderAsync(_authorization, cancellationToken).ConfigureAwait(false);
        if (still is null || still.Kind != _principal.Kind || !string.Equals(still.Id, _principal.Id, StringComparison.Ordinal))
        {
            RequestClose(ChatCloseCodes.Unauthorized, "The credential expired or was revoked.");
            return false;
        }

        if (_principal.Kind == PrincipalKinds.Agent)
        {
            _presence.Seen(_principal.Id);
        }

        var current = await _workflow.Store.GetChatAsync(_chat.Id, cancellationToken).ConfigureAwait(false);
        _subscriber.TryDeliver(ChatFrames.Heartbeat(current?.LastSeq ?? 0));
        if (current?.Status == ChatStatus.Queued && await _workflow.Queue.SharedPositionAsync(_chat.Id, cancellationToken).ConfigureAwait(false) is { } position)
        {
            _subscriber.TryDeliver(_workflow.Queue.Frame(position));
        }

        return true;
    }
}

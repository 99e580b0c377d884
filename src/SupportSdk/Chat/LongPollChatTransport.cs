using System.Threading.Channels;
using SupportSdk.Core;

namespace SupportSdk.LiveChat;

/// <summary>
/// A chat connection over plain HTTP for networks that block WebSockets: long-polls <c>/events</c> for what the
/// server would have pushed, and sends over REST (idempotent by clientMessageId), turning each answer into the
/// <c>ack</c> and <c>message</c> frames a WebSocket would have carried.
/// </summary>
internal sealed class LongPollChatTransport(ChatConnector connector, string chatPath, int waitSeconds) : ChatTransport
{
    private readonly Channel<ChatFrame> _local = Channel.CreateUnbounded<ChatFrame>();
    private readonly Queue<ChatFrame> _polled = new();
    private Task<ChatEventBatch>? _poll;
    private long _after;

    public override Task ConnectAsync(long after, CancellationToken cancellationToken)
    {
        _after = after;
        return Task.CompletedTask;
    }

    public override async ValueTask<InboundFrame?> ReceiveAsync(CancellationToken cancellationToken) =>
        await ReceiveFrameAsync(cancellationToken).ConfigureAwait(false) is { } frame ? InboundFrame.Of(frame) : null;

    private async ValueTask<ChatFrame?> ReceiveFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_local.Reader.TryRead(out var local))
            {
                return local;
            }

            if (_polled.TryDequeue(out var polled))
            {
                return polled;
            }

            _poll ??= PollAsync(cancellationToken);
            var localReady = _local.Reader.WaitToReadAsync(cancellationToken).AsTask();
            var done = await Task.WhenAny(_poll, localReady).ConfigureAwait(false);
            if (done != _poll)
            {
                continue;
            }

            ChatEventBatch batch;
            try
            {
                batch = await _poll.ConfigureAwait(false);
            }
            catch (SupportApiException e) when (e.Status is 401 or 403 or 404 or 409)
            {
                CloseCode = e.Status switch
                {
                    401 or 403 => ChatCloseCodes.Unauthorized,
                    404 => ChatCloseCodes.NotFound,
                    _ => ChatCloseCodes.ChatClosed,
                };
                return null;
            }
            finally
            {
                _poll = null;
            }

            foreach (var frame in batch.Events)
            {
                _polled.Enqueue(frame);
            }

            _after = Math.Max(_after, batch.LastSeq);
            if (batch.Closed && _polled.Count == 0)
            {
                CloseCode = ChatCloseCodes.ChatClosed;
                return null;
            }
        }
    }

    private Task<ChatEventBatch> PollAsync(CancellationToken cancellationToken) =>
        connector.GetEventsAsync(chatPath, _after, waitSeconds, cancellationToken);

    public override async ValueTask SendAsync(ChatFrame frame, CancellationToken cancellationToken)
    {
        if (frame.Type == ChatEventKind.Send)
        {
            var request = new SendChatMessageRequest { ClientMessageId = frame.ClientMessageId!, Text = frame.Text! };
            ChatFrame stored;
            try
            {
                stored = await connector.Pipeline.SendAsync("Chat.Send", HttpMethod.Post, chatPath + "/messages",
                    SupportPipeline.Json(request, ChatJsonContext.Default.SendChatMessageRequest), ChatJsonContext.Default.ChatFrame,
                    TicketsClient.WithIdempotencyKey("chat-" + request.ClientMessageId), cancellationToken).ConfigureAwait(false);
            }
            catch (SupportApiException e) when (!e.IsTransient)
            {
                _local.Writer.TryWrite(new ChatFrame { Type = ChatEventKind.Error, Code = e.ErrorCode, ClientMessageId = request.ClientMessageId, Text = e.Problem?.Title });
                return;
            }

            _local.Writer.TryWrite(new ChatFrame { Type = ChatEventKind.Ack, ClientMessageId = request.ClientMessageId, Seq = stored.Seq });
            _local.Writer.TryWrite(stored);
        }
        else if (frame.Type == ChatEventKind.Read && frame.UpToSeq is { } upTo)
        {
            await connector.MarkReadAsync(chatPath, upTo, cancellationToken).ConfigureAwait(false);
        }

        // Typing indicators are not worth a request each over long-polling.
    }

    public override ValueTask DisposeAsync()
    {
        _local.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}

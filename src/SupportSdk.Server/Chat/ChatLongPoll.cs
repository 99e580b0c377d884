using Microsoft.Extensions.Hosting;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The long-poll fallback for networks that block WebSockets: returns every durable event after a seq at once, or
/// waits (at most <see cref="MaxWait"/>) on the same hub the WebSockets use until a durable event or a queue change
/// arrives. While the chat is queued, the batch ends with the current <c>queue</c> frame.
/// </summary>
internal sealed class ChatLongPoll(IChatStore store, ChatHub hub, ChatQueue queue, TimeProvider time, IHostApplicationLifetime lifetime)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private const int MaxEvents = 500;

    public async Task<ChatEventBatch> PollAsync(ChatRecord chat, AuthorRole role, long after, TimeSpan wait, CancellationToken cancellationToken)
    {
        // Subscribe before reading the store: an event stored in between is then either read or delivered.
        using var subscriber = hub.Subscribe(chat.Id, role, 16, chat.LastSeq);
        after = Math.Min(after, chat.LastSeq);
        var events = await store.ListChatEventsAsync(chat.Id, after, MaxEvents, false, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0 && wait > TimeSpan.Zero && chat.Status != ChatStatus.Closed)
        {
            await WaitForNewsAsync(subscriber, wait, cancellationToken).ConfigureAwait(false);
            events = await store.ListChatEventsAsync(chat.Id, after, MaxEvents, false, cancellationToken).ConfigureAwait(false);
            chat = await store.GetChatAsync(chat.Id, cancellationToken).ConfigureAwait(false) ?? chat;
        }

        var frames = new List<ChatFrame>(events.Count + 1);
        frames.AddRange(events);
        if (chat.Status == ChatStatus.Queued && await queue.SharedPositionAsync(chat.Id, cancellationToken).ConfigureAwait(false) is { } position)
        {
            frames.Add(queue.Frame(position));
        }

        var closed = chat.Status == ChatStatus.Closed || events.Any(e => e.Type == ChatEventKind.Closed);
        return new ChatEventBatch { Events = frames, LastSeq = events.Count == 0 ? after : events[^1].Seq ?? after, Closed = closed };
    }

    private async Task WaitForNewsAsync(ChatSubscriber subscriber, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        // A shutdown ends the wait like a timeout: the client gets what there is and polls again (elsewhere).
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken, lifetime.ApplicationStopping);
        try
        {
            while (await subscriber.Frames.WaitToReadAsync(linked.Token).ConfigureAwait(false))
            {
                while (subscriber.Frames.TryRead(out var frame))
                {
                    if (ChatFrames.IsDurable(frame.Type) || frame.Type == ChatEventKind.Queue)
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The wait ran out with nothing new: an empty batch.
        }
    }
}

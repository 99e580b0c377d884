using System.Threading.Channels;

namespace SupportSdk.Server.Chat;

/// <summary>
/// One listener on a chat (a WebSocket connection or a long-poll request) with a bounded queue of outgoing frames.
/// The hub never waits for a listener: when the queue is full the listener is dropped and told through
/// <see cref="Overflowed"/>, so a client that stops reading cannot make the server buffer without bound (C6).
/// </summary>
internal sealed class ChatSubscriber : IDisposable
{
    private readonly Channel<ChatFrame> _frames;
    private readonly ChatHub _hub;
    private int _overflowed;

    public ChatSubscriber(ChatHub hub, string chatId, AuthorRole role, int capacity)
    {
        _hub = hub;
        ChatId = chatId;
        Role = role;
        _frames = Channel.CreateBounded<ChatFrame>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string ChatId { get; }

    /// <summary>Which side listens; typing and read receipts go only to the other side.</summary>
    public AuthorRole Role { get; }

    public ChannelReader<ChatFrame> Frames => _frames.Reader;

    /// <summary>Whether a frame found the queue full; the listener gets nothing more.</summary>
    public bool Overflowed => Volatile.Read(ref _overflowed) != 0;

    /// <summary>Raised once, on the publishing thread, when the queue overflows.</summary>
    public event Action? Overflow;

    /// <summary>Queues a frame without waiting; false (and the listener is cut off) when the queue is full.</summary>
    public bool TryDeliver(ChatFrame frame)
    {
        if (_frames.Writer.TryWrite(frame))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _overflowed, 1) == 0)
        {
            _frames.Writer.TryComplete();
            _hub.Remove(this);
            Overflow?.Invoke();
        }

        return false;
    }

    /// <summary>Ends the stream of frames: the reader gets the frames already queued, then the end.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    public void Dispose()
    {
        _frames.Writer.TryComplete();
        _hub.Remove(this);
    }
}

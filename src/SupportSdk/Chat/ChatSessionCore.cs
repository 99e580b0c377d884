using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SupportSdk.Core;

namespace SupportSdk.LiveChat;

/// <summary>The engine behind <see cref="ChatSession"/>: one background loop that connects, resumes, pumps frames
/// into the event buffer, and reconnects with backoff; an outbox of unacknowledged sends.</summary>
internal sealed partial class ChatSessionCore : IAsyncDisposable
{
    private readonly ChatConnector _connector;
    private readonly string _chatPath;
    private readonly Channel<ChatEvent> _events;
    private readonly ChatOutbox _outbox = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ResiliencePipeline _reconnect;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private Task _run = Task.CompletedTask;
    private ChatTransport? _current;
    private int _state = (int)ChatSessionState.Connecting;
    private int _consecutiveFailures;
    private int _webSocketRefusals;
    private bool _longPoll;
    private bool _everConnectedWebSocket;
    private long _lastSeq;
    private readonly bool _screenOutgoing;

    // This session's consecutive lines since the other side last wrote (screened together: a phrase split over lines).
    private const int MaxOwnRun = 24;
    private readonly List<string> _ownRun = [];
    private readonly Lock _deliveryGate = new();
    private bool _behind;
    private long _latestKnown;
    private Task _catchUp = Task.CompletedTask;

    public ChatSessionCore(ChatConnector connector, string chatId, string chatPath, long afterSeq, bool screenOutgoing)
    {
        _screenOutgoing = screenOutgoing;
        _connector = connector;
        ChatId = chatId;
        _chatPath = chatPath;
        _lastSeq = afterSeq;
        _logger = connector.Logger;
        _time = connector.Settings.Time;
        var chat = connector.Settings.Chat;
        _longPoll = chat.Transport == ChatTransportMode.LongPoll;
        _events = Channel.CreateBounded<ChatEvent>(new BoundedChannelOptions(chat.EventBufferSize)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(ChatBackoff.Delay(_consecutiveFailures, chat.ReconnectBaseDelay, chat.ReconnectMaxDelay, Random.Shared)),
                OnRetry = args =>
                {
                    SetState(ChatSessionState.Reconnecting);
                    var reason = args.Outcome.Exception?.GetType().Name ?? "closed";
                    Log.Reconnecting(_logger, ChatId, args.RetryDelay.TotalMilliseconds, reason);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public event EventHandler<ChatSessionStateChangedEventArgs>? StateChanged;

    public string ChatId { get; }

    public ChatSessionState State => (ChatSessionState)Volatile.Read(ref _state);

    public long LastSeq => Interlocked.Read(ref _lastSeq);

    public void Start() => _run = Task.Run(RunAsync);

    public IAsyncEnumerable<ChatEvent> ReadEventsAsync(CancellationToken cancellationToken) => _events.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Screens the text, puts it in the outbox and hands it to the connection; the task completes with the
    /// ack. Not an async method: the outbox entry's own task is returned, with no state machine of its own.</summary>
    public Task<ChatSendReceipt> SendAsync(string text, CancellationToken cancellationToken)
    {
        PendingSend pending;
        try
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(text);
            ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
            if (State == ChatSessionState.Closed)
            {
                throw Closed();
            }

            var safe = _screenOutgoing ? ScreenOwnLine(text) : text;
            pending = _outbox.Add(safe);
            if (State == ChatSessionState.Connected && _current is { } transport)
            {
                // Written now unless the window is full or the server asked to slow down: then it goes out, in
                // order, when an ack frees the window or the pause ends.
                WriteReady(transport);
            }
        }
        catch (Exception e)
        {
            // As an async method would: the exception in the task (a cancellation as a canceled task), not thrown.
            return Rethrow(e);
        }

        return pending.Task.WaitAsync(cancellationToken);

        static async Task<ChatSendReceipt> Rethrow(Exception e)
        {
            await Task.CompletedTask.ConfigureAwait(false);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
            return null!;
        }
    }

    /// <summary>Screens a line with the ones this session sent since the other side last wrote, and remembers it.</summary>
    private string ScreenOwnLine(string text)
    {
        lock (_ownRun)
        {
            var safe = _connector.Screening.OutgoingChatMessage(text, _ownRun);
            _ownRun.Add(safe);
            if (_ownRun.Count > MaxOwnRun)
            {
                _ownRun.RemoveAt(0);
            }

            return safe;
        }
    }

    /// <summary>The other side wrote: the next line starts a new run.</summary>
    private void OtherSideWrote()
    {
        lock (_ownRun)
        {
            _ownRun.Clear();
        }
    }

    public async Task SendTypingAsync(CancellationToken cancellationToken)
    {
        if (State == ChatSessionState.Connected && _current is { } transport)
        {
            try
            {
                await transport.SendAsync(new ChatFrame { Type = ChatEventKind.Typing }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Best effort: a typing indicator is not worth a retry.
            }
        }
    }

    public Task MarkReadAsync(long upToSeq, CancellationToken cancellationToken) => _connector.MarkReadAsync(_chatPath, upToSeq, cancellationToken);

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        using var response = await _connector.Pipeline.SendRawAsync("Chat.Close", HttpMethod.Post, _chatPath + "/close", null, null, cancellationToken)
            .ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        lock (_writeGate)
        {
            _resumeWrites?.Dispose();
        }

        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        Exception? failure = null;
        try
        {
            await _reconnect.ExecuteAsync(static (core, ct) => new ValueTask(core.ConnectAndPumpAsync(ct)), this, _stop.Token).ConfigureAwait(false);

            // The chat is over; events the reader has not taken yet are still being fetched and handed over.
            await _catchUp.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            failure = new ObjectDisposedException(nameof(ChatSession), "The chat session was disposed.");
        }
        catch (Exception e)
        {
            failure = e;
            Log.Stopped(_logger, ChatId, e.GetType().Name);
        }
        finally
        {
            SetState(ChatSessionState.Closed);
            _outbox.FailAll(failure ?? Closed());
            _events.Writer.TryComplete(failure is ObjectDisposedException ? null : failure);
        }
    }

    private async Task ConnectAndPumpAsync(CancellationToken cancellationToken)
    {
        var transport = CreateTransport();
        await using (transport.ConfigureAwait(false))
        {
            try
            {
                await transport.ConnectAsync(LastSeq, cancellationToken).ConfigureAwait(false);
            }
            catch (SupportApiException e) when (e.Status is 401 or 403 or 404)
            {
                await OnServerCloseAsync(e.Status == 404 ? ChatCloseCodes.NotFound : ChatCloseCodes.Unauthorized, cancellationToken).ConfigureAwait(false);
                throw;
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                _consecutiveFailures++;
                if (transport is WebSocketChatTransport && !_everConnectedWebSocket && e is WebSocketException
                    && _connector.Settings.Chat.Transport == ChatTransportMode.Auto && ++_webSocketRefusals >= 2)
                {
                    _longPoll = true;
                    Log.FallingBack(_logger, ChatId);
                }

                throw;
            }

            _everConnectedWebSocket |= transport is WebSocketChatTransport;
            _outbox.Connected(transport is LongPollChatTransport ? LongPollWindow : WebSocketWindow);
            _current = transport;
            SetState(ChatSessionState.Connected);
            try
            {
                // What was not acknowledged on the last connection goes out again, in order (the server stores a
                // clientMessageId once, so a send that did arrive is acknowledged again, not duplicated).
                WriteReady(transport);
                await PumpAsync(transport, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                _consecutiveFailures++;
                throw;
            }
            finally
            {
                _current = null;
            }
        }
    }

    private ChatTransport CreateTransport() => _longPoll
        ? new LongPollChatTransport(_connector, _chatPath, (int)_connector.Settings.Chat.LongPollWait.TotalSeconds)
        : new WebSocketChatTransport(_connector.SocketFactory, after => _connector.StreamUri(_chatPath, after), _connector.Credential, _outbox);

    /// <summary>Reads frames until the chat closes (returns) or the connection drops (throws a transient error).</summary>
    private async Task PumpAsync(ChatTransport transport, CancellationToken cancellationToken)
    {
        var idleTimeout = _connector.Settings.Chat.IdleTimeout;
        if (transport is LongPollChatTransport)
        {
            idleTimeout += _connector.Settings.Chat.LongPollWait;
        }

        // One idle timer and one linked token for the whole connection, re-armed after every frame (a fresh pair of
        // token sources per frame cost ~1.2 KB per message). The timer comes from the configured TimeProvider.
        using var idle = new CancellationTokenSource(idleTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        while (true)
        {
            InboundFrame? frame;
            try
            {
                frame = await transport.ReceiveAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ChatDisconnectedException("No frame or heartbeat within the idle timeout.");
            }

            // Handling a frame (a backfill over REST, say) is not idle time: the timer is stopped until the next wait,
            // then re-armed.
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
            if (frame is null)
            {
                await OnServerCloseAsync(transport.CloseCode, cancellationToken).ConfigureAwait(false);
                return;
            }

            _consecutiveFailures = 0;
            if (await HandleAsync(frame, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            idle.CancelAfter(idleTimeout);
        }
    }

    private async Task OnServerCloseAsync(int? code, CancellationToken cancellationToken)
    {
        switch (code)
        {
            case ChatCloseCodes.Unauthorized:
                var token = await _connector.Credential.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                var fresh = await _connector.Credential.RefreshTokenAsync(token, cancellationToken).ConfigureAwait(false);
                if (fresh is not null && !string.Equals(fresh, token, StringComparison.Ordinal))
                {
                    throw new ChatDisconnectedException("The credential expired; reconnecting with a fresh one.");
                }

                throw new SupportApiException("The server refused the credential for this chat; the session will not reconnect.", 401, ErrorCodes.Unauthorized, null);
            case ChatCloseCodes.NotFound:
                throw new SupportApiException("The chat does not exist or is not yours.", 404, ErrorCodes.ChatNotFound, null);
            case ChatCloseCodes.InvalidFrame:
                throw new SupportApiException("The server refused a frame as invalid; the session will not reconnect.", 400, SupportApiException.InvalidFrameErrorCode, null);
            case ChatCloseCodes.ChatClosed:
                // Replay delivered the closed event if there was one; make sure the reader learns it ended.
                return;
            default:
                throw new ChatDisconnectedException("The server closed the connection (" + (code?.ToString(CultureInfo.InvariantCulture) ?? "no code") + ").");
        }
    }

    private bool IsTransient(Exception e) => !_stop.IsCancellationRequested && e switch
    {
        ChatDisconnectedException or WebSocketException or IOException or HttpRequestException => true,
        SupportApiException api => api.IsTransient,
        OperationCanceledException => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="state"/>; closed is final.</summary>
    private void SetState(ChatSessionState state)
    {
        int previous;
        do
        {
            previous = Volatile.Read(ref _state);
            if (previous == (int)ChatSessionState.Closed || previous == (int)state)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _state, (int)state, previous) != previous);

        StateChanged?.Invoke(this, new ChatSessionStateChangedEventArgs((ChatSessionState)previous, state));
    }

    private static SupportApiException Closed() => new("The chat is closed.", 409, ErrorCodes.ChatClosed, null);

    private static partial class Log
    {
        [LoggerMessage(EventId = 50, Level = LogLevel.Information, Message = "Chat {ChatId}: connection lost ({Reason}); reconnecting in {DelayMs} ms.")]
        public static partial void Reconnecting(ILogger logger, string chatId, double delayMs, string reason);

        [LoggerMessage(EventId = 51, Level = LogLevel.Warning, Message = "Chat {ChatId}: WebSocket connections are refused; falling back to HTTP long-polling.")]
        public static partial void FallingBack(ILogger logger, string chatId);

        [LoggerMessage(EventId = 52, Level = LogLevel.Warning, Message = "Chat {ChatId}: the server refused a frame ({Code}).")]
        public static partial void FrameRefused(ILogger logger, string chatId, string code);

        [LoggerMessage(EventId = 53, Level = LogLevel.Warning, Message = "Chat {ChatId}: session stopped ({Reason}).")]
        public static partial void Stopped(ILogger logger, string chatId, string reason);

        [LoggerMessage(EventId = 54, Level = LogLevel.Debug, Message = "Chat {ChatId}: the server asked to slow down; sending again in order after {RetryAfterMs} ms.")]
        public static partial void Paced(ILogger logger, string chatId, int retryAfterMs);
    }
}

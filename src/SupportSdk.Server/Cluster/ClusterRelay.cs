using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportSdk.Server.Chat;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Cluster;

/// <summary>
/// What this node does when another node on the same store commits something: pushes the chat events stored there
/// to this node's listeners (read from the store, after the last seq published here), relays typing and read
/// receipts, refreshes queue positions and reloads the help center. After its listening connection was down it
/// reads everything again. Does nothing on a store no other node shares.
/// </summary>
internal sealed partial class ClusterRelay(IClusterBackplane backplane, ChatHub hub, IChatStore store, ChatQueue queue, CustomerRuns runs, FaqCatalog catalog,
    ILogger<ClusterRelay> logger) : BackgroundService
{
    private const int Page = 200;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        backplane.IsShared ? backplane.ListenAsync(new Listener(this), stoppingToken) : Task.CompletedTask;

    /// <summary>Handles one signal; a store fault is logged and the signal dropped (the next heartbeat or resync
    /// catches up).</summary>
    public async Task HandleAsync(ClusterSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            switch (signal.Kind)
            {
                case ClusterSignalKind.ChatEvents:
                    await CatchUpAsync(signal.ChatId!, signal.To, cancellationToken).ConfigureAwait(false);
                    break;
                case ClusterSignalKind.Typing or ClusterSignalKind.Read when hub.HasSubscribers(signal.ChatId!):
                    await RelayAsync(signal, cancellationToken).ConfigureAwait(false);
                    break;
                case ClusterSignalKind.Queue:
                    await queue.NotifyAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ClusterSignalKind.Faq:
                    await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
        {
            LogSignalFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>Signals may have been missed: every chat with listeners here, the queue and the help center are read again.</summary>
    public async Task ResyncAsync(CancellationToken cancellationToken)
    {
        foreach (var chatId in hub.Chats())
        {
            await CatchUpAsync(chatId, long.MaxValue, cancellationToken).ConfigureAwait(false);
        }

        await queue.NotifyAsync(cancellationToken).ConfigureAwait(false);
        await catalog.RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the chat's stored events after the last seq published here, up to <paramref name="upTo"/>.</summary>
    private async Task CatchUpAsync(string chatId, long upTo, CancellationToken cancellationToken)
    {
        var after = hub.LastSeq(chatId);
        while (after is { } from && from < upTo)
        {
            var limit = (int)Math.Min(Page, upTo - from);
            var page = await store.ListChatEventsAsync(chatId, from, limit, messagesOnly: false, cancellationToken).ConfigureAwait(false);
            foreach (var frame in page)
            {
                runs.Published(chatId, frame);
                hub.Publish(chatId, frame);
            }

            // Done when the store has no more, or the listeners left (null), or nothing moved.
            if (page.Count < limit || hub.LastSeq(chatId) is not { } next || next <= from)
            {
                return;
            }

            after = next;
        }
    }

    private async Task RelayAsync(ClusterSignal signal, CancellationToken cancellationToken)
    {
        if (await store.GetChatAsync(signal.ChatId!, cancellationToken).ConfigureAwait(false) is not { } chat || chat.Status == ChatStatus.Closed)
        {
            return;
        }

        var author = signal.Role == AuthorRole.Customer
            ? new Author { Role = AuthorRole.Customer, Name = chat.CustomerName }
            : new Author { Role = AuthorRole.Agent, Name = chat.AgentName ?? string.Empty };
        var frame = signal.Kind == ClusterSignalKind.Typing ? ChatFrames.Typing(author) : ChatFrames.Read(author, signal.To);
        hub.Publish(chat.Id, frame, exceptRole: signal.Role);
    }

    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "A signal from another node could not be handled ({ExceptionType}); the next heartbeat catches up.")]
    private static partial void LogSignalFailed(ILogger logger, string exceptionType);

    private sealed class Listener(ClusterRelay relay) : ClusterListener
    {
        public override Task HandleAsync(ClusterSignal signal, CancellationToken cancellationToken) => relay.HandleAsync(signal, cancellationToken);

        public override Task ResyncAsync(CancellationToken cancellationToken) => relay.ResyncAsync(cancellationToken);
    }
}

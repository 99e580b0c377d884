using System.Collections.Concurrent;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// Per chat, the customer's consecutive messages since support last wrote (seq and text, at most
/// <see cref="MaxMessages"/>), kept as they are published, so a new message is screened together with them and a
/// seed phrase split over several messages is found without reading the store on every send. Kept per node in
/// memory: alone on its store, a node's run starts again after a restart (the SDK screens the same runs on the
/// device); on a shared store every send first catches up with the lines stored through other nodes.
/// </summary>
internal sealed class CustomerRuns
{
    /// <summary>A 24-word phrase sent a word per message is still caught.</summary>
    public const int MaxMessages = 24;

    private const int CatchUpPage = 200;

    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    public IReadOnlyList<(long Seq, string Text)> Get(string chatId)
    {
        if (!_runs.TryGetValue(chatId, out var run))
        {
            return [];
        }

        lock (run)
        {
            return [.. run.Lines];
        }
    }

    /// <summary>
    /// Applies the messages stored after the last one this node saw: on several nodes a customer's earlier lines
    /// may have been sent through another node. One read that finds nothing when this node saw everything.
    /// </summary>
    public async Task CatchUpAsync(string chatId, IChatStore store, CancellationToken cancellationToken)
    {
        var after = _runs.TryGetValue(chatId, out var run) ? run.LastSeq : 0;
        while (true)
        {
            var page = await store.ListChatEventsAsync(chatId, after, CatchUpPage, messagesOnly: true, cancellationToken).ConfigureAwait(false);
            foreach (var frame in page)
            {
                Published(chatId, frame);
                after = Math.Max(after, frame.Seq ?? after);
            }

            if (page.Count < CatchUpPage)
            {
                return;
            }
        }
    }

    /// <summary>Follows a durable event: a customer message extends the run, a message from a person in support ends
    /// it. The bot's automatic replies do not: they come within milliseconds of each line, whatever the customer
    /// types next, so a phrase sent half before and half after one is still one author's consecutive lines. An event
    /// seen before (published here and read back from the store) changes nothing.</summary>
    public void Published(string chatId, ChatFrame frame)
    {
        if (frame.Type == ChatEventKind.Closed)
        {
            _runs.TryRemove(chatId, out _);
            return;
        }

        if (frame.Type != ChatEventKind.Message || frame.From is not { } from || frame.Seq is not { } seq)
        {
            return;
        }

        var run = _runs.GetOrAdd(chatId, _ => new Run());
        lock (run)
        {
            if (seq <= run.LastSeq)
            {
                return;
            }

            run.LastSeq = seq;
            if (from.Role == AuthorRole.Agent)
            {
                run.Lines.Clear();
            }
            else if (from.Role == AuthorRole.Customer)
            {
                run.Lines.Add((seq, frame.Text ?? string.Empty));
                if (run.Lines.Count > MaxMessages)
                {
                    run.Lines.RemoveAt(0);
                }
            }
        }
    }

    private sealed class Run
    {
        public List<(long Seq, string Text)> Lines { get; } = [];

        public long LastSeq { get; set; }
    }
}

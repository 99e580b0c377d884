using System.Collections.Concurrent;

namespace SupportSdk.Server.Chat;

/// <summary>
/// Per chat, the customer's consecutive messages since support last wrote (seq and text, at most
/// <see cref="MaxMessages"/>), kept as they are published, so a new message is screened together with them and a
/// seed phrase split over several messages is found without reading the store on every send. Kept per node in
/// memory: after a restart the run starts again (the SDK screens the same runs on the device).
/// </summary>
internal sealed class CustomerRuns
{
    /// <summary>A 24-word phrase sent a word per message is still caught.</summary>
    public const int MaxMessages = 24;

    private readonly ConcurrentDictionary<string, List<(long Seq, string Text)>> _runs = new(StringComparer.Ordinal);

    public IReadOnlyList<(long Seq, string Text)> Get(string chatId)
    {
        if (!_runs.TryGetValue(chatId, out var run))
        {
            return [];
        }

        lock (run)
        {
            return [.. run];
        }
    }

    /// <summary>Follows a durable event: a customer message extends the run, a message from a person in support ends
    /// it. The bot's automatic replies do not: they come within milliseconds of each line, whatever the customer
    /// types next, so a phrase sent half before and half after one is still one author's consecutive lines.</summary>
    public void Published(string chatId, ChatFrame frame)
    {
        if (frame.Type == ChatEventKind.Closed)
        {
            _runs.TryRemove(chatId, out _);
            return;
        }

        if (frame.Type != ChatEventKind.Message || frame.From is not { } from)
        {
            return;
        }

        if (from.Role == AuthorRole.Agent)
        {
            _runs.TryRemove(chatId, out _);
            return;
        }

        if (from.Role != AuthorRole.Customer)
        {
            return;
        }

        var run = _runs.GetOrAdd(chatId, _ => []);
        lock (run)
        {
            run.Add((frame.Seq ?? 0, frame.Text ?? string.Empty));
            if (run.Count > MaxMessages)
            {
                run.RemoveAt(0);
            }
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SupportSdk.Security;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Faq;

/// <summary>
/// Records what customers ask the help center and the bot, and what they do next, for
/// <c>GET /v1/agent/faq/insights</c>. Off the request path: activity goes into a bounded queue (a full queue drops
/// the newest and counts it, never slows a search) that one writer drains into the store in batches.
/// </summary>
/// <remarks>
/// Privacy: a query is kept normalized (case, width and spacing folded) and is dropped, only counted, when the secret
/// scanner finds anything in it, so no secret and no raw text with one is stored; a bot question whose chat later
/// completes a secret loses its text too. The caller of a search is kept as a keyed hash whose key lives in this
/// process only: it links a query with what the same caller did in the next <see cref="FaqActivity.FollowUpWindow"/>
/// on the same server process, and cannot be turned back into a user id or an address. A question to the bot keeps
/// its chat id (for the deflection figures), and so belongs to that chat's customer, as the chat itself does.
/// </remarks>
internal sealed partial class FaqInsightsRecorder(IFaqInsightsStore store, TimeProvider time, ILogger<FaqInsightsRecorder> logger) : BackgroundService
{
    public const int MaxQueryLength = 200;
    private const int Capacity = 10_000;
    private const int MaxBatch = 256;
    private const int MaxRecentAskers = 100_000;
    private static readonly TimeSpan FlushPatience = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<object> _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(Capacity)
    {
        // Wait, not DropWrite: with DropWrite a full channel still accepts TryWrite (and throws the item away), so
        // drops could not be counted and a flush marker could vanish. TryWrite never waits either way.
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>How long the writer gathers records before it writes them: one store write a second at most, so
    /// insights never compete with tickets and chats for the store's writer (each ticket records one).</summary>
    private static readonly TimeSpan BatchDelay = TimeSpan.FromSeconds(1);

    private readonly byte[] _askerKey = RandomNumberGenerator.GetBytes(32);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _recentAskers = new(StringComparer.Ordinal);
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _dropped;
    private long _prunedAt;

    /// <summary>Gets how many records were dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>A help-center search and its results; answered when the best result is one the bot would answer with.</summary>
    public void Searched(string scope, string locale, string query, FaqSearchResults results, double minScore) =>
        Asked(scope, FaqQueryAsked.Search, locale, query, results.Items.Count > 0 && results.Items[0].Score >= minScore,
            results.Items.Count, [.. results.Items.Select(h => h.Id)], chatId: null);

    /// <summary>A question the bot answered from an article, or could not answer.</summary>
    public void AskedBot(string scope, string chatId, string locale, string question, long? answeredWith, int resultCount) =>
        Asked(scope, FaqQueryAsked.Bot, locale, question, answeredWith is not null, resultCount, answeredWith is { } id ? [id] : [], chatId);

    public void Opened(string scope, long articleId) => FollowUp(scope, (at, asker) => new FaqArticleOpened(at, asker, articleId));

    public void VotedNotHelpful(string scope, long articleId) => FollowUp(scope, (at, asker) => new FaqArticleVotedNotHelpful(at, asker, articleId));

    /// <summary>A line completed a secret begun in earlier lines of the chat: the bot's records of that chat's
    /// questions are counted as withheld from now on, their text gone.</summary>
    public void WithholdChat(string chatId) => Enqueue(new FaqChatWithheld(time.GetUtcNow(), string.Empty, chatId));

    /// <summary>The caller went to a person: a chat handed to the queue, or a new ticket.</summary>
    public void AskedForPerson(string scope) => FollowUp(scope, (at, asker) => new FaqPersonAsked(at, asker));

    /// <summary>Waits until everything recorded before this call is in the store (the insights endpoint reads after
    /// it), or <see cref="FlushPatience"/> at most: a stopped or stuck writer makes the insights a moment stale, never
    /// a request that hangs.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(FlushPatience);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(done, patience.Token).ConfigureAwait(false);
            Volatile.Read(ref _wake).TrySetResult();
            await done.Task.WaitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Past the patience: read what is stored.
        }
    }

    /// <summary>The query as it is kept: null when the scanner finds a secret in it (it is counted, never kept) or
    /// nothing is left; otherwise NFKC, lower case, single spaces, no closing punctuation, at most
    /// <see cref="MaxQueryLength"/> characters.</summary>
    internal static string? Normalize(string query, out bool withheld)
    {
        withheld = SecretScanner.Default.Scan(query).Count > 0;
        if (withheld)
        {
            return null;
        }

        var text = UnsafeCharacters.Strip(query).Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(Math.Min(text.Length, MaxQueryLength));
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else if (builder.Length < MaxQueryLength)
            {
                builder.Append(c);
            }
        }

        var normalized = builder.ToString().TrimEnd(' ', '?', '!', '.', '。', '？', '！', ',', '，', '~', '～');
        return normalized.Length == 0 ? null : normalized;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Gather for a moment (a flush cuts it short), then write everything queued, a batch at a time.
                await Task.WhenAny(Task.Delay(BatchDelay, time, stoppingToken), Volatile.Read(ref _wake).Task).ConfigureAwait(false);
                Volatile.Write(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                while (_queue.Reader.Count > 0)
                {
                    await WriteBatchAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is queued now is written below, then the recorder ends.
        }

        while (_queue.Reader.Count > 0)
        {
            await WriteBatchAsync().ConfigureAwait(false);
        }
    }

    private void Asked(string scope, string source, string locale, string query, bool answered, int resultCount, IReadOnlyList<long> articleIds, string? chatId)
    {
        var normalized = Normalize(query, out var withheld);
        if (normalized is null && !withheld)
        {
            return;
        }

        var asker = Asker(scope);
        var at = time.GetUtcNow();
        Remember(asker, at);
        Enqueue(new FaqQueryAsked(Ids.New("fq_", time), at, asker, source, locale, normalized, answered, resultCount, articleIds, chatId));
    }

    /// <summary>Records what a caller did next only when the same caller asked something within the window in
    /// this process: most tickets and article views follow no recorded query, and cost no store write.</summary>
    private void FollowUp(string scope, Func<DateTimeOffset, string, FaqActivity> activity)
    {
        var asker = Asker(scope);
        var now = time.GetUtcNow();
        if (_recentAskers.TryGetValue(asker, out var asked) && now - asked <= FaqActivity.FollowUpWindow)
        {
            Enqueue(activity(now, asker));
        }
    }

    /// <summary>Remembers that the caller asked something. Over <see cref="MaxRecentAskers"/> callers, entries older
    /// than the window are swept at most once per <see cref="PruneInterval"/> (one request pays the sweep, not every
    /// one), and if that is not enough the map starts over: a lost link costs one follow-up, never memory or time.</summary>
    private void Remember(string asker, DateTimeOffset at)
    {
        _recentAskers[asker] = at;
        var last = Interlocked.Read(ref _prunedAt);
        if (_recentAskers.Count <= MaxRecentAskers || at.UtcTicks - last < PruneInterval.Ticks
            || Interlocked.CompareExchange(ref _prunedAt, at.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, seen) in _recentAskers)
        {
            if (at - seen > FaqActivity.FollowUpWindow)
            {
                _recentAskers.TryRemove(key, out _);
            }
        }

        if (_recentAskers.Count > MaxRecentAskers)
        {
            _recentAskers.Clear();
        }
    }

    private string Asker(string scope) => Convert.ToHexString(HMACSHA256.HashData(_askerKey, Encoding.UTF8.GetBytes(scope)), 0, 16);

    private void Enqueue(FaqActivity activity)
    {
        if (!_queue.Writer.TryWrite(activity))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteBatchAsync()
    {
        var batch = new List<FaqActivity>(MaxBatch);
        var flushes = new List<TaskCompletionSource>();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
        {
            if (item is TaskCompletionSource flush)
            {
                flushes.Add(flush);
            }
            else
            {
                batch.Add((FaqActivity)item);
            }
        }

        try
        {
            await store.RecordFaqActivityAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Insights are best effort: a store that is briefly unavailable loses this batch, never a request.
            LogFailed(logger, batch.Count, e.GetType().Name);
        }
        finally
        {
            foreach (var flush in flushes)
            {
                flush.TrySetResult();
            }
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "{Count} help-center insight records were not stored ({ExceptionType}).")]
    private static partial void LogFailed(ILogger logger, int count, string exceptionType);
}

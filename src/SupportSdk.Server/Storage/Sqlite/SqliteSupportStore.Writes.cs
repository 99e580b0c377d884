using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

/// <summary>
/// Group commit. Every write is a unit of work queued here; whoever holds the write gate runs everything queued (up to
/// <see cref="MaxBatch"/>) in one transaction on the writer connection, each unit inside its own savepoint, and
/// commits once. Most of a write's cost is the WAL frames it appends, and concurrent writes touch the same pages
/// (the right edge of each index), so one commit for many units writes those pages once instead of once per unit.
/// A unit that fails is rolled back to its savepoint and gets its own error; the others still commit. No unit is
/// answered before the commit: if the commit itself fails, every unit of the batch gets that error (nothing of the
/// batch was stored, so a retry is safe).
/// </summary>
internal sealed partial class SqliteSupportStore
{
    private const int MaxBatch = 64;
    private readonly ConcurrentQueue<WriteItem> _queued = new();
    private long _commits;

    /// <summary>How many write transactions have committed (for tests of the batching).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>Runs <paramref name="work"/> in a write transaction (<c>BEGIN IMMEDIATE</c>), possibly shared with other writes; returns after the commit.</summary>
    internal async Task<T> WriteAsync<T>(Func<SqliteConnection, WriteScope, Task<T>> work, CancellationToken cancellationToken)
    {
        var item = new WriteItem<T>(work);
        _queued.Enqueue(item);
        try
        {
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!item.TryCancel())
        {
            // Another writer already took the unit into its batch: its outcome stands.
            return await item.Task.ConfigureAwait(false);
        }

        try
        {
            while (!item.Task.IsCompleted)
            {
                if (await RunBatchAsync().ConfigureAwait(false) == 0 && !item.Task.IsCompleted)
                {
                    // Cannot happen (every taken unit is answered); never spin under the gate if it does.
                    item.Complete(new InvalidOperationException("The write was taken but never answered."));
                }
            }
        }
        finally
        {
            if (_disposed)
            {
                // Disposed while this batch ran (its DisposeAsync stopped waiting): the writer closes here.
                DropWriter();
            }

            _writeGate.Release();
        }

        return await item.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the queued units in one transaction and answers every unit it took, whatever happens; returns how many it
    /// took. Under the write gate.
    /// </summary>
    private async Task<int> RunBatchAsync()
    {
        var batch = new List<WriteItem>();
        while (batch.Count < MaxBatch && _queued.TryDequeue(out var next))
        {
            if (next.TryTake())
            {
                batch.Add(next);
            }
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        Exception? failure = _disposed ? new ObjectDisposedException(nameof(SqliteSupportStore)) : null;
        try
        {
            if (failure is null)
            {
                failure = await CommitBatchAsync(batch).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            foreach (var item in batch)
            {
                item.Complete(failure);
            }
        }

        return batch.Count;
    }

    /// <summary>One transaction for the batch; null when it committed, else why not (nothing of it was stored).</summary>
    private async Task<Exception?> CommitBatchAsync(List<WriteItem> batch)
    {
        Exception? failure = null;
        var keepWriter = true;
        var scope = WriteScope.Instance;
        SqliteConnection? connection = null;
        var open = false;
        try
        {
            connection = _writer ??= await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await ExecuteCachedAsync(connection, scope, "BEGIN IMMEDIATE;").ConfigureAwait(false);
            open = true;
            if (batch.Count == 1)
            {
                await batch[0].RunAsync(connection, scope).ConfigureAwait(false);
            }
            else
            {
                foreach (var item in batch)
                {
                    await RunInSavepointAsync(connection, scope, item).ConfigureAwait(false);
                }
            }

            await ExecuteCachedAsync(connection, scope, "COMMIT;").ConfigureAwait(false);
            open = false;
            Interlocked.Increment(ref _commits);
        }
        catch (Exception e)
        {
            failure = e;

            // A refusal decided by the work itself leaves the connection sound; anything else may not.
            keepWriter = e is StoreConflictException;
        }
        finally
        {
            if (open)
            {
                try
                {
                    await ExecuteCachedAsync(connection!, scope, "ROLLBACK;").ConfigureAwait(false);
                }
                catch (Exception)
                {
                    keepWriter = false; // the transaction may still be open: this connection must never be reused
                }
            }

            if (!keepWriter)
            {
                DropWriter();
            }
        }

        return failure;
    }

    private async Task RunInSavepointAsync(SqliteConnection connection, WriteScope transaction, WriteItem item)
    {
        await ExecuteCachedAsync(connection, transaction, "SAVEPOINT unit;").ConfigureAwait(false);
        try
        {
            await item.RunAsync(connection, transaction).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Only this unit is undone; if even that fails, the whole batch fails (the caller's catch).
            item.Fail(e);
            await ExecuteCachedAsync(connection, transaction, "ROLLBACK TO unit;").ConfigureAwait(false);
        }

        await ExecuteCachedAsync(connection, transaction, "RELEASE unit;").ConfigureAwait(false);
    }

    private async Task ExecuteCachedAsync(SqliteConnection connection, WriteScope transaction, string sql)
    {
        await using var command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>One queued unit of work: taken by one batch, or cancelled by its caller before that.</summary>
    private abstract class WriteItem
    {
        private int _state; // 0 queued, 1 taken, 2 cancelled
        private Exception? _error;

        public bool TryTake() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public bool TryCancel() => Interlocked.CompareExchange(ref _state, 2, 0) == 0;

        public void Fail(Exception error) => _error = error;

        public abstract Task RunAsync(SqliteConnection connection, WriteScope transaction);

        /// <summary>Answers the caller once the batch has committed (or failed with <paramref name="batchFailure"/>).</summary>
        public void Complete(Exception? batchFailure) => Answer(_error ?? batchFailure);

        protected abstract void Answer(Exception? error);
    }

    private sealed class WriteItem<T>(Func<SqliteConnection, WriteScope, Task<T>> work) : WriteItem
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _done.Task;

        public override async Task RunAsync(SqliteConnection connection, WriteScope transaction) =>
            _result = await work(connection, transaction).ConfigureAwait(false);

        protected override void Answer(Exception? error)
        {
            if (error is null)
            {
                _done.TrySetResult(_result);
            }
            else
            {
                _done.TrySetException(error);
            }
        }
    }
}

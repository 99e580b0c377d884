using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SupportSdk.Server.Chat;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Storage.Sqlite;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>
/// Heartbeats and long-polls of many queued chats share one read of the queue: N queued chats must not cost N reads
/// of every queued id per heartbeat (N² in all). The store here is the real SQLite store behind a proxy that counts
/// the queue reads.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatQueueSharingTests
{
    [Test]
    public async Task Periodic_positions_share_one_queue_read_and_follow_every_queue_change()
    {
        var reads = new QueueReads();
        await using var server = await SupportServerHost.StartAsync(importFaq: false,
            store: b => b.Services.Replace(ServiceDescriptor.Singleton(sp => QueueReads.Proxy(sp.GetRequiredService<SqliteSupportStore>(), reads))));
        var chats = new List<SupportSdk.ChatThread>();
        for (var i = 0; i < 20; i++)
        {
            var user = await server.UserAsync("queue-share-" + i);
            chats.Add(await ReadAsync(await user.PostAsync("/v1/chats", Json("""{"topic":"I want to talk to a human"}""")), ChatJsonContext.Default.ChatThread));
        }

        Assert.That(chats.Select(c => c.QueuePosition), Is.EqualTo(Enumerable.Range(1, 20).Select(p => (int?)p)), "queued in order");
        var queue = server.Services.GetRequiredService<ChatQueue>();
        var before = reads.Count;
        var positions = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => queue.SharedPositionAsync(chats[i % 20].Id, CancellationToken.None)));
        var shared = reads.Count - before;

        using (var accepted = await server.Agent().PostAsync($"/v1/agent/chats/{chats[0].Id}/accept", null))
        {
            Assert.That(accepted.IsSuccessStatusCode, Is.True);
        }

        var afterChange = reads.Count;
        var moved = await queue.SharedPositionAsync(chats[5].Id, CancellationToken.None);
        var gone = await queue.SharedPositionAsync(chats[0].Id, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(positions, Is.EqualTo(Enumerable.Range(0, 200).Select(i => (int?)(i % 20 + 1))), "every caller gets its chat's position");
            Assert.That(shared, Is.LessThanOrEqualTo(1), "200 periodic look-ups, at most one queue read");
            Assert.That(moved, Is.EqualTo(5), "after the first chat was accepted the sixth is fifth, without waiting for the snapshot to age");
            Assert.That(gone, Is.Null);
            Assert.That(reads.Count, Is.EqualTo(afterChange), "the change itself refreshed the shared positions");
        });
    }

    /// <summary>How many times the queue was read.</summary>
    internal sealed class QueueReads
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);

        /// <summary>The store, counting its <see cref="IChatStore.ListQueuedChatIdsAsync"/> calls into <paramref name="reads"/>.</summary>
        public static IChatStore Proxy(IChatStore inner, QueueReads reads)
        {
            var proxy = DispatchProxy.Create<IChatStore, CountingChatStore>();
            ((CountingChatStore)(object)proxy).Wrap(inner, reads);
            return proxy;
        }
    }

    /// <summary>Forwards every call to the real store.</summary>
    public class CountingChatStore : DispatchProxy
    {
        private object _inner = null!;
        private Action _queueRead = null!;

        internal void Wrap(object inner, QueueReads reads)
        {
            _inner = inner;
            _queueRead = reads.Add;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == "ListQueuedChatIdsAsync")
            {
                _queueRead();
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}

using System.Collections.Concurrent;
using ExchangeDemo.Accounts;
using ExchangeDemo.Support;
using SupportSdk;

namespace ExchangeDemo.Chat;

/// <summary>
/// One <see cref="ChatSession"/> per (user, chat) for what the browser sends: messages, typing, read receipts. Its
/// own events are read and dropped (the browser gets them from its stream), so the session never stalls on a full
/// buffer. A session that ended is replaced on the next use.
/// </summary>
public sealed class ChatSendSessions(SupportConnection support) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string User, string Chat), Lazy<Task<ChatSession>>> _sessions = new();

    /// <summary>Keeps the session that <c>Chat.StartAsync</c> returned as the sending session of its chat.</summary>
    public void Adopt(DemoUser user, ChatSession session)
    {
        Drain(session);
        var fresh = new Lazy<Task<ChatSession>>(Task.FromResult(session));
        _sessions.AddOrUpdate((user.Id, session.ChatId), fresh, (key, old) =>
        {
            _ = DisposeAsync(old).AsTask();
            return fresh;
        });
    }

    /// <summary>The user's sending session for a chat, connecting it when needed (404 when the chat is not theirs).</summary>
    public async Task<ChatSession> GetAsync(DemoUser user, string chatId, CancellationToken cancellationToken)
    {
        var key = (user.Id, chatId);
        for (var attempt = 0; ; attempt++)
        {
            var lazy = _sessions.GetOrAdd(key, _ => new Lazy<Task<ChatSession>>(() => OpenAsync(user, chatId)));
            ChatSession session;
            try
            {
                session = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _sessions.TryRemove(KeyValuePair.Create(key, lazy));
                throw;
            }

            // A closed session (dropped for good, or its chat ended) is replaced once; a closed chat then answers 409.
            if (session.State != ChatSessionState.Closed || attempt > 0)
            {
                return session;
            }

            if (_sessions.TryRemove(KeyValuePair.Create(key, lazy)))
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>Forgets the chat's session (after the chat was closed or became a ticket).</summary>
    public async Task RemoveAsync(DemoUser user, string chatId)
    {
        if (_sessions.TryRemove((user.Id, chatId), out var lazy))
        {
            await DisposeAsync(lazy);
        }
    }

    private async Task<ChatSession> OpenAsync(DemoUser user, string chatId)
    {
        var client = await support.ForUserAsync(user);
        var chat = await client.Chat.GetChatAsync(chatId);
        var session = await client.Chat.ResumeChatAsync(chatId, chat.LastSeq);
        Drain(session);
        return session;
    }

    private static void Drain(ChatSession session) => _ = Task.Run(async () =>
    {
        try
        {
            await foreach (var _ in session.ReadEventsAsync())
            {
                // The browser's own stream shows these.
            }
        }
        catch (Exception e) when (e is SupportApiException or ObjectDisposedException or OperationCanceledException)
        {
            // The session ended; the next use opens a new one.
        }
    });

    private static async ValueTask DisposeAsync(Lazy<Task<ChatSession>> lazy)
    {
        if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            await lazy.Value.Result.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _sessions.Values)
        {
            await DisposeAsync(lazy);
        }

        _sessions.Clear();
    }
}

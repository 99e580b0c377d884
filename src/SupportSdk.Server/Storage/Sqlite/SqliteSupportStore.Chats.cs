using static SupportSdk.Server.Storage.StoreRows;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    private const string ChatColumns =
        "id, owner_id, owner_name, status, topic, locale, agent_id, agent_name, tier, queued_at, last_seq, customer_read_seq, agent_read_seq, unhelpful, awaiting_feedback, ticket_id, version, created_at, updated_at";

    public async Task<ChatAppendResult> CreateChatAsync(ChatRecord chat, IReadOnlyList<ChatFrame> events, IReadOnlyList<OutboxEvent> outbox, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            if (chat.Status != ChatStatus.Closed)
            {
                await using var open = Command(connection, transaction, $"SELECT {ChatColumns} FROM chats WHERE owner_id = $owner AND status <> 'closed' LIMIT 1;", ("$owner", chat.CustomerId));
                if ((await ReadChatsAsync(open, cancellationToken).ConfigureAwait(false)) is [var existing, ..])
                {
                    return new ChatAppendResult(ChatAppendOutcome.Duplicate, existing, []);
                }
            }

            await using (var insert = Command(connection, transaction,
                $"INSERT INTO chats({ChatColumns}) VALUES ($id, $owner, $ownerName, $status, $topic, $locale, $agentId, $agentName, $tier, $queuedAt, 0, $customerRead, $agentRead, $unhelpful, $awaiting, $ticket, $version, $created, $updated);",
                ChatParameters(chat)))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var stored = await InsertChatEventsAsync(connection, transaction, chat.Id, 0, events, null, cancellationToken).ConfigureAwait(false);
            await using (var update = Command(connection, transaction, "UPDATE chats SET last_seq = $seq WHERE id = $id;", ("$seq", (long)stored.Count), ("$id", chat.Id)))
            {
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await WebhookRows.InsertEventsAsync(Sql(connection), outbox, chat.CreatedAt, cancellationToken).ConfigureAwait(false);
            return new ChatAppendResult(ChatAppendOutcome.Appended, chat with { LastSeq = stored.Count }, stored);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task RedactChatMessagesAsync(string chatId, IReadOnlyList<(long Seq, string Text)> texts, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            foreach (var (seq, text) in texts)
            {
                string? json;
                await using (var read = Command(connection, transaction, "SELECT frame_json FROM chat_events WHERE chat_id = $chat AND seq = $seq AND kind = 'message';",
                    ("$chat", chatId), ("$seq", seq)))
                {
                    json = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                }

                if (json is null)
                {
                    continue;
                }

                var frame = JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatFrame)!;
                var redacted = new ChatFrame
                {
                    Type = frame.Type, Seq = frame.Seq, Id = frame.Id, ClientMessageId = frame.ClientMessageId, From = frame.From, Text = text,
                    SentAt = frame.SentAt, Flags = frame.Flags, Article = frame.Article, QuickReplies = frame.QuickReplies, Deposit = frame.Deposit,
                };
                await using var update = Command(connection, transaction, "UPDATE chat_events SET frame_json = $json WHERE chat_id = $chat AND seq = $seq;",
                    ("$json", JsonSerializer.Serialize(redacted, ChatJsonContext.Default.ChatFrame)), ("$chat", chatId), ("$seq", seq));
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChatRecord?> FindOpenChatAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {ChatColumns} FROM chats WHERE owner_id = $owner AND status <> 'closed' ORDER BY id DESC LIMIT 1;", ("$owner", ownerId));
        return (await ReadChatsAsync(command, cancellationToken).ConfigureAwait(false)) is [var chat, ..] ? chat : null;
    }

    public async Task<ChatRecord?> GetChatAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadChatAsync(connection, null, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChatRecord>> ListChatsAsync(ChatFilter filter, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {ChatColumns} FROM chats WHERE owner_id = $owner"
            + (filter.Status is null ? string.Empty : " AND status = $status")
            + (filter.BeforeId is null ? string.Empty : " AND id < $before")
            + " ORDER BY id DESC LIMIT $limit;";
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, ("$owner", filter.OwnerId), ("$status", filter.Status?.Value), ("$before", filter.BeforeId), ("$limit", filter.Limit));
        return await ReadChatsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChatRecord>> ListChatsByStateAsync(ChatStatus status, ChatQueueKey? after, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {ChatColumns} FROM chats WHERE status = $status"
            + (after is null ? string.Empty : " AND (COALESCE(queued_at, 0) > $ms OR (COALESCE(queued_at, 0) = $ms AND id > $id))")
            + " ORDER BY COALESCE(queued_at, 0), id LIMIT $limit;";
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql, ("$status", status.Value), ("$ms", after?.QueuedAtMs), ("$id", after?.Id), ("$limit", limit));
        return await ReadChatsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> ListQueuedChatIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT id FROM chats WHERE status = 'queued' ORDER BY COALESCE(queued_at, 0), id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<ChatAppendResult> AppendChatEventsAsync(ChatAppend append, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            var current = await ReadChatAsync(connection, transaction, append.ChatId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return new ChatAppendResult(ChatAppendOutcome.NotFound, null, []);
            }

            if (append.ExpectedVersion is { } expected && expected != current.Version)
            {
                return new ChatAppendResult(ChatAppendOutcome.Stale, current, []);
            }

            if (append.SenderScope is { } sender)
            {
                foreach (var e in append.Events)
                {
                    if (e.ClientMessageId is { } clientId
                        && await FindChatMessageAsync(connection, transaction, append.ChatId, sender, clientId, cancellationToken).ConfigureAwait(false) is { } existing)
                    {
                        return new ChatAppendResult(ChatAppendOutcome.Duplicate, current, [existing]);
                    }
                }
            }

            if (append.ExpectedVersion is null && current.Status == ChatStatus.Closed)
            {
                return new ChatAppendResult(ChatAppendOutcome.Closed, current, []);
            }

            if (append.RequireAgentIds is { } agentIds && (current.Status != ChatStatus.Active || current.AgentId is null || !agentIds.Contains(current.AgentId, StringComparer.Ordinal)))
            {
                return new ChatAppendResult(ChatAppendOutcome.NotAccepted, current, []);
            }

            var stored = await InsertChatEventsAsync(connection, transaction, append.ChatId, current.LastSeq, append.Events, append.SenderScope, cancellationToken).ConfigureAwait(false);
            var next = (append.Updated ?? current) with
            {
                Id = current.Id,
                LastSeq = current.LastSeq + stored.Count,
                Version = current.Version + 1,
                UpdatedAt = append.Now,
                CustomerReadSeq = current.CustomerReadSeq,
                AgentReadSeq = current.AgentReadSeq,
            };
            await using (var update = Command(connection, transaction,
                "UPDATE chats SET status = $status, topic = $topic, locale = $locale, agent_id = $agentId, agent_name = $agentName, tier = $tier, queued_at = $queuedAt, last_seq = $lastSeq, unhelpful = $unhelpful, awaiting_feedback = $awaiting, ticket_id = $ticket, version = $version, updated_at = $updated WHERE id = $id;",
                [.. ChatParameters(next), ("$lastSeq", next.LastSeq)]))
            {
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await WebhookRows.InsertEventsAsync(Sql(connection), append.Outbox, append.Now, cancellationToken).ConfigureAwait(false);
            return new ChatAppendResult(ChatAppendOutcome.Appended, next, stored);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ChatFrame>> ListChatEventsAsync(string chatId, long afterSeq, int limit, bool messagesOnly, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT seq, frame_json FROM chat_events WHERE chat_id = $chat AND seq > $after" + (messagesOnly ? " AND kind = 'message'" : string.Empty) + " ORDER BY seq LIMIT $limit;",
            ("$chat", chatId), ("$after", afterSeq), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var frames = new List<ChatFrame>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            frames.Add(ReadFrame(reader.GetInt64(0), reader.GetString(1)));
        }

        return frames;
    }

    public async Task<ChatFrame?> FindChatMessageAsync(string chatId, string senderScope, string clientMessageId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await FindChatMessageAsync(connection, null, chatId, senderScope, clientMessageId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> MarkChatReadAsync(string chatId, AuthorRole reader, long upToSeq, CancellationToken cancellationToken)
    {
        var column = reader == AuthorRole.Customer ? "customer_read_seq" : "agent_read_seq";
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var update = Command(connection, transaction,
                $"UPDATE chats SET {column} = $seq WHERE id = $id AND {column} < $seq;", ("$seq", upToSeq), ("$id", chatId));
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<ChatFrame>> InsertChatEventsAsync(SqliteConnection connection, WriteScope transaction, string chatId, long lastSeq,
        IReadOnlyList<ChatFrame> events, string? senderScope, CancellationToken cancellationToken)
    {
        var stored = new List<ChatFrame>(events.Count);
        foreach (var e in events)
        {
            var frame = ChatEventSeq.With(e, lastSeq + stored.Count + 1);
            await using var insert = Command(connection, transaction,
                "INSERT INTO chat_events(chat_id, seq, kind, sender, client_message_id, frame_json, created_at) VALUES ($chat, $seq, $kind, $sender, $client, $json, $at);",
                ("$chat", chatId), ("$seq", frame.Seq), ("$kind", frame.Type.Value), ("$sender", frame.ClientMessageId is null ? null : senderScope),
                ("$client", senderScope is null ? null : frame.ClientMessageId), ("$json", JsonSerializer.Serialize(frame, ChatJsonContext.Default.ChatFrame)),
                ("$at", (frame.SentAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds()));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            stored.Add(frame);
        }

        return stored;
    }

    private async Task<ChatFrame?> FindChatMessageAsync(SqliteConnection connection, WriteScope? transaction, string chatId, string senderScope,
        string clientMessageId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT seq, frame_json FROM chat_events WHERE chat_id = $chat AND sender = $sender AND client_message_id = $client;",
            ("$chat", chatId), ("$sender", senderScope), ("$client", clientMessageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadFrame(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private static ChatFrame ReadFrame(long seq, string json) =>
        ChatEventSeq.With(JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatFrame)!, seq);

    private async Task<ChatRecord?> ReadChatAsync(SqliteConnection connection, WriteScope? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {ChatColumns} FROM chats WHERE id = $id;", ("$id", id));
        var chats = await ReadChatsAsync(command, cancellationToken).ConfigureAwait(false);
        return chats.Count == 0 ? null : chats[0];
    }

    private static async Task<List<ChatRecord>> ReadChatsAsync(StoreCommand command, CancellationToken cancellationToken)
    {
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chats = new List<ChatRecord>();
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chats.Add(ReadChat(r));
        }

        return chats;
    }
}

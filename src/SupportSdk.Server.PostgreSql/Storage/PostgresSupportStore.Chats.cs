using static SupportSdk.Server.Storage.StoreRows;
using System.Text.Json;
using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore
{
    private const string ChatColumns =
        "id, owner_id, owner_name, status, topic, locale, agent_id, agent_name, tier, queued_at, last_seq, customer_read_seq, agent_read_seq, unhelpful, awaiting_feedback, ticket_id, version, created_at, updated_at";

    public async Task<ChatAppendResult> CreateChatAsync(ChatRecord chat, IReadOnlyList<ChatFrame> events, IReadOnlyList<OutboxEvent> outbox, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            if (chat.Status != ChatStatus.Closed)
            {
                // One open chat per owner: creators of the same owner's chat (on any node) take turns here.
                await using (var ownerLock = Command(connection, transaction, "SELECT pg_advisory_xact_lock(hashtextextended('chat-owner:' || @owner, 0));", ("owner", chat.CustomerId)))
                {
                    await ownerLock.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var open = Command(connection, transaction, $"SELECT {ChatColumns} FROM chats WHERE owner_id = @owner AND status <> 'closed' LIMIT 1;", ("owner", chat.CustomerId));
                if ((await ReadChatsAsync(open, cancellationToken)) is [var existing, ..])
                {
                    return new ChatAppendResult(ChatAppendOutcome.Duplicate, existing, []);
                }
            }

            await using (var insert = Command(connection, transaction,
                $"INSERT INTO chats({ChatColumns}) VALUES (@id, @owner, @ownerName, @status, @topic, @locale, @agentId, @agentName, @tier, @queuedAt, @lastSeq, @customerRead, @agentRead, @unhelpful, @awaiting, @ticket, @version, @created, @updated);",
                [.. ChatParameters(chat), ("lastSeq", (long)events.Count)]))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            var stored = events.Select((e, i) => ChatEventSeq.With(e, i + 1)).ToList();
            if (stored.Count > 0)
            {
                await using var inserts = new NpgsqlBatch(connection, transaction);
                stored.ForEach(frame => inserts.BatchCommands.Add(BatchCommand(InsertChatEventSql, ChatEventParameters(chat.Id, frame, null))));
                await inserts.ExecuteNonQueryAsync(cancellationToken);
            }

            await WebhookRows.InsertEventsAsync(Sql(connection, transaction), outbox, chat.CreatedAt, cancellationToken);
            return new ChatAppendResult(ChatAppendOutcome.Appended, chat with { LastSeq = stored.Count }, stored);
        }, cancellationToken);
    }

    public async Task RedactChatMessagesAsync(string chatId, IReadOnlyList<(long Seq, string Text)> texts, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            foreach (var (seq, text) in texts)
            {
                string? json;
                await using (var read = Command(connection, transaction, "SELECT frame_json FROM chat_events WHERE chat_id = @chat AND seq = @seq AND kind = 'message' FOR UPDATE;",
                    ("chat", chatId), ("seq", seq)))
                {
                    json = await read.ExecuteScalarAsync(cancellationToken) as string;
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
                await using var update = Command(connection, transaction, "UPDATE chat_events SET frame_json = @json WHERE chat_id = @chat AND seq = @seq;",
                    ("json", JsonSerializer.Serialize(redacted, ChatJsonContext.Default.ChatFrame)), ("chat", chatId), ("seq", seq));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    public async Task<ChatRecord?> FindOpenChatAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {ChatColumns} FROM chats WHERE owner_id = @owner AND status <> 'closed' ORDER BY id DESC LIMIT 1;", ("owner", ownerId));
        return (await ReadChatsAsync(command, cancellationToken)) is [var chat, ..] ? chat : null;
    }

    public async Task<ChatRecord?> GetChatAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {ChatColumns} FROM chats WHERE id = @id;", ("id", id));
        return (await ReadChatsAsync(command, cancellationToken)) is [var chat, ..] ? chat : null;
    }

    public async Task<IReadOnlyList<ChatRecord>> ListChatsAsync(ChatFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new List<(string, object?)> { ("owner", filter.OwnerId), ("limit", filter.Limit) };
        var sql = $"SELECT {ChatColumns} FROM chats WHERE owner_id = @owner";
        if (filter.Status is { } status)
        {
            sql += " AND status = @status";
            parameters.Add(("status", status.Value));
        }

        if (filter.BeforeId is not null)
        {
            sql += " AND id < @before";
            parameters.Add(("before", filter.BeforeId));
        }

        await using var command = Command(sql + " ORDER BY id DESC LIMIT @limit;", [.. parameters]);
        return await ReadChatsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ChatRecord>> ListChatsByStateAsync(ChatStatus status, ChatQueueKey? after, int limit, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {ChatColumns} FROM chats WHERE status = @status"
            + (after is null ? string.Empty : " AND (COALESCE(queued_at, 0), id) > (@ms, @id)")
            + " ORDER BY COALESCE(queued_at, 0), id LIMIT @limit;";
        await using var command = after is null
            ? Command(sql, ("status", status.Value), ("limit", limit))
            : Command(sql, ("status", status.Value), ("ms", after.QueuedAtMs), ("id", after.Id), ("limit", limit));
        return await ReadChatsAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListQueuedChatIdsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT id FROM chats WHERE status = 'queued' ORDER BY COALESCE(queued_at, 0), id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<ChatAppendResult> AppendChatEventsAsync(ChatAppend append, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            // One round trip for everything the append checks: the chat row, locked for the transaction (appends to one
            // chat, on any node, take turns, so seqs never collide), then — run after the lock is held — an earlier send
            // of each client message id, and the webhook endpoints when there are events for them.
            await using var reads = new NpgsqlBatch(connection, transaction);
            reads.BatchCommands.Add(BatchCommand($"SELECT {ChatColumns} FROM chats WHERE id = @id FOR UPDATE;", ("id", append.ChatId)));
            var clientIds = append.SenderScope is null ? [] : append.Events.Select(e => e.ClientMessageId).OfType<string>().ToList();
            foreach (var clientId in clientIds)
            {
                reads.BatchCommands.Add(BatchCommand(FindChatMessageSql, ("chat", append.ChatId), ("sender", append.SenderScope), ("client", clientId)));
            }

            if (append.Outbox.Count > 0)
            {
                reads.BatchCommands.Add(BatchCommand(WebhookRows.EnabledTargetsSql));
            }

            ChatRecord? current = null;
            ChatFrame? existing = null;
            var targets = new List<WebhookRows.WebhookTarget>();
            await using (var reader = await reads.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    current = ReadChat(reader);
                }

                foreach (var _ in clientIds)
                {
                    await reader.NextResultAsync(cancellationToken);
                    if (existing is null && await reader.ReadAsync(cancellationToken))
                    {
                        existing = ReadFrame(reader.GetInt64(0), reader.GetString(1));
                    }
                }

                if (append.Outbox.Count > 0)
                {
                    await reader.NextResultAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        targets.Add(WebhookRows.ReadTarget(reader));
                    }
                }
            }

            if (current is null)
            {
                return new ChatAppendResult(ChatAppendOutcome.NotFound, null, []);
            }

            if (append.ExpectedVersion is { } expected && expected != current.Version)
            {
                return new ChatAppendResult(ChatAppendOutcome.Stale, current, []);
            }

            if (existing is not null)
            {
                return new ChatAppendResult(ChatAppendOutcome.Duplicate, current, [existing]);
            }

            if (append.ExpectedVersion is null && current.Status == ChatStatus.Closed)
            {
                return new ChatAppendResult(ChatAppendOutcome.Closed, current, []);
            }

            if (append.RequireAgentIds is { } agentIds && (current.Status != ChatStatus.Active || current.AgentId is null || !agentIds.Contains(current.AgentId, StringComparer.Ordinal)))
            {
                return new ChatAppendResult(ChatAppendOutcome.NotAccepted, current, []);
            }

            // The events and the chat row's new state: one more round trip, then the commit.
            var stored = append.Events.Select((e, i) => ChatEventSeq.With(e, current.LastSeq + i + 1)).ToList();
            var next = (append.Updated ?? current) with
            {
                Id = current.Id,
                LastSeq = current.LastSeq + stored.Count,
                Version = current.Version + 1,
                UpdatedAt = append.Now,
                CustomerReadSeq = current.CustomerReadSeq,
                AgentReadSeq = current.AgentReadSeq,
            };
            await using (var writes = new NpgsqlBatch(connection, transaction))
            {
                foreach (var frame in stored)
                {
                    writes.BatchCommands.Add(BatchCommand(InsertChatEventSql, ChatEventParameters(append.ChatId, frame, append.SenderScope)));
                }

                writes.BatchCommands.Add(BatchCommand(UpdateChatSql, [.. ChatParameters(next), ("lastSeq", next.LastSeq)]));
                await writes.ExecuteNonQueryAsync(cancellationToken);
            }

            await WebhookRows.InsertEventsAsync(Sql(connection, transaction), append.Outbox, targets, append.Now, cancellationToken);
            return new ChatAppendResult(ChatAppendOutcome.Appended, next, stored);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ChatFrame>> ListChatEventsAsync(string chatId, long afterSeq, int limit, bool messagesOnly, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT seq, frame_json FROM chat_events WHERE chat_id = @chat AND seq > @after" + (messagesOnly ? " AND kind = 'message'" : string.Empty) + " ORDER BY seq LIMIT @limit;",
            ("chat", chatId), ("after", afterSeq), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var frames = new List<ChatFrame>();
        while (await reader.ReadAsync(cancellationToken))
        {
            frames.Add(ReadFrame(reader.GetInt64(0), reader.GetString(1)));
        }

        return frames;
    }

    public async Task<ChatFrame?> FindChatMessageAsync(string chatId, string senderScope, string clientMessageId, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await FindChatMessageAsync(connection, null, chatId, senderScope, clientMessageId, cancellationToken);
    }

    public async Task<bool> MarkChatReadAsync(string chatId, AuthorRole reader, long upToSeq, CancellationToken cancellationToken)
    {
        var column = reader == AuthorRole.Customer ? "customer_read_seq" : "agent_read_seq";
        await using var update = Command($"UPDATE chats SET {column} = @seq WHERE id = @id AND {column} < @seq;", ("seq", upToSeq), ("id", chatId));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private const string InsertChatEventSql =
        "INSERT INTO chat_events(chat_id, seq, kind, sender, client_message_id, frame_json, created_at) VALUES (@chat, @seq, @kind, @sender, @client, @json, @at);";

    private const string UpdateChatSql =
        "UPDATE chats SET status = @status, topic = @topic, locale = @locale, agent_id = @agentId, agent_name = @agentName, tier = @tier, queued_at = @queuedAt, last_seq = @lastSeq, unhelpful = @unhelpful, awaiting_feedback = @awaiting, ticket_id = @ticket, version = @version, updated_at = @updated WHERE id = @id;";

    private const string FindChatMessageSql = "SELECT seq, frame_json FROM chat_events WHERE chat_id = @chat AND sender = @sender AND client_message_id = @client;";

    private static (string, object?)[] ChatEventParameters(string chatId, ChatFrame frame, string? senderScope) =>
    [
        ("chat", chatId), ("seq", frame.Seq), ("kind", frame.Type.Value), ("sender", frame.ClientMessageId is null ? null : senderScope),
        ("client", senderScope is null ? null : frame.ClientMessageId), ("json", JsonSerializer.Serialize(frame, ChatJsonContext.Default.ChatFrame)),
        ("at", (frame.SentAt ?? DateTimeOffset.UnixEpoch).ToUnixTimeMilliseconds()),
    ];

    private static async Task<ChatFrame?> FindChatMessageAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string chatId, string senderScope,
        string clientMessageId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, FindChatMessageSql, ("chat", chatId), ("sender", senderScope), ("client", clientMessageId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadFrame(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    private static ChatFrame ReadFrame(long seq, string json) =>
        ChatEventSeq.With(JsonSerializer.Deserialize(json, ChatJsonContext.Default.ChatFrame)!, seq);

    private static async Task<List<ChatRecord>> ReadChatsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var chats = new List<ChatRecord>();
        while (await r.ReadAsync(cancellationToken))
        {
            chats.Add(ReadChat(r));
        }

        return chats;
    }
}

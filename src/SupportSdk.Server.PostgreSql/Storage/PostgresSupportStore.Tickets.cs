using static SupportSdk.Server.Storage.StoreRows;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore
{
    private const string InsertTicketSql =
        $"INSERT INTO tickets({TicketColumns}) VALUES (@id, @owner, @ownerName, @subject, @status, @priority, @category, @locale, @tier, @assignee, @tx, @score, @comment, @count, @version, @created, @updated, @sla, @slaDue, @slaBreached, @slaWarned, @tags);";

    private const string InsertMessageSql =
        "INSERT INTO ticket_messages(id, ticket_id, seq, role, author_name, body, created_at, flags) VALUES (@id, @ticket, @seq, @role, @name, @body, @at, @flags);";

    /// <summary>Links an attachment to its message; a concurrent link of the same attachment waits on its row, then
    /// finds message_id set and links nothing.</summary>
    private const string LinkAttachmentSql = "UPDATE attachments SET ticket_id = @ticket, message_id = @message WHERE id = @id AND message_id IS NULL;";

    /// <summary>
    /// The key's claim, the ticket, its first message, its attachments' links and the webhook endpoints to tell go as
    /// one batch, then the commit: three round trips with the caller's look-up (statement by statement it was seven;
    /// on PostgreSQL each costs the server a wake-up and the node a pooled wait). When a concurrent attempt with the
    /// same key (on any node) committed or claimed it since the caller's look, the claim writes nothing but locks that
    /// record: it is read and answered, and the rest of the batch is rolled back.
    /// </summary>
    public async Task<IdempotencyStart> CreateTicketAsync(Ticket ticket, TicketMessage firstMessage, IdempotentCompletion? idempotency, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (idempotency is not null)
        {
            batch.BatchCommands.Add(BatchCommand(ClaimSql, ClaimParameters(idempotency.Request, idempotency.Response)));
        }

        batch.BatchCommands.Add(BatchCommand(InsertTicketSql, TicketParameters(ticket)));
        batch.BatchCommands.Add(BatchCommand(InsertMessageSql, MessageParameters(ticket.Id, firstMessage)));
        var links = firstMessage.Attachments.Select(a => BatchCommand(LinkAttachmentSql, LinkParameters(ticket.Id, firstMessage.Id, a.Id))).ToList();
        links.ForEach(batch.BatchCommands.Add);
        if (events.Count > 0)
        {
            batch.BatchCommands.Add(BatchCommand(WebhookRows.EnabledTargetsSql));
        }

        var claimed = idempotency is null;
        var targets = new List<WebhookRows.WebhookTarget>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // Result sets in order: the claim's RETURNING (a row when this call wrote the key), then the endpoints.
            if (idempotency is not null)
            {
                claimed = await reader.ReadAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }

            while (events.Count > 0 && await reader.ReadAsync(cancellationToken))
            {
                targets.Add(WebhookRows.ReadTarget(reader));
            }
        }

        if (!claimed)
        {
            return await HeldRecordAsync(connection, transaction, idempotency!.Request, cancellationToken); // the rest rolled back on dispose
        }

        if (links.Any(link => link.RecordsAffected != 1))
        {
            throw new StoreConflictException("An attachment is already attached to another message.");
        }

        await WebhookRows.InsertEventsAsync(Sql(connection, transaction), events, targets, ticket.CreatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return IdempotencyStart.Free;
    }

    public async Task<Ticket?> GetTicketAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {TicketColumns} FROM tickets WHERE id = @id;", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadTicket(reader) : null;
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsDueAsync(DateTimeOffset before, bool notWarned, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {TicketColumns} FROM tickets WHERE sla_breached = 0" + (notWarned ? " AND sla_warned = 0" : "") + " AND sla_due_at <= @now ORDER BY sla_due_at LIMIT @limit;",
            ("now", before.ToUnixTimeMilliseconds()), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsAsync(TicketFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {TicketColumns} FROM tickets WHERE true");
        var parameters = new List<(string, object?)>();
        void Where(string clause, string name, object? value)
        {
            sql.Append(" AND ").Append(clause);
            parameters.Add((name, value));
        }

        if (filter.OwnerId is not null) Where("owner_id = @owner", "owner", filter.OwnerId);
        if (filter.Status is { } status) Where("status = @status", "status", status.Value);
        if (filter.Priority is { } priority) Where("priority = @priority", "priority", priority.Value);
        if (filter.Tier is { } tier) Where("tier = @tier", "tier", tier);
        if (filter.Assignee is not null) Where("assignee = @assignee", "assignee", filter.Assignee);
        if (filter.Tag is not null) Where("tags LIKE @tag ESCAPE '\\'", "tag", "%," + EscapeLike(filter.Tag) + ",%");
        if (filter.Query is { } query)
        {
            // Text in the subject or any message, the customer's name, the transaction (asset, network, txId), or an exact user or ticket id.
            Where("(subject ILIKE @q ESCAPE '\\' OR owner_name ILIKE @q ESCAPE '\\' OR tx_json ILIKE @q ESCAPE '\\' OR owner_id = @exact OR id = @exact"
                + " OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.body ILIKE @q ESCAPE '\\'))", "q", "%" + EscapeLike(query) + "%");
            parameters.Add(("exact", query));
        }

        if (filter.Unassigned) sql.Append(" AND assignee IS NULL AND status NOT IN ").Append(AgentRows.FinishedStatuses);
        if (filter.ByDue)
        {
            sql.Append(" AND sla_due_at IS NOT NULL");
            if (filter.AfterDue is { } after)
            {
                Where("(sla_due_at > @afterDue OR (sla_due_at = @afterDue AND id > @afterId))", "afterDue", after.DueAt.ToUnixTimeMilliseconds());
                parameters.Add(("afterId", after.Id));
            }

            sql.Append(" ORDER BY sla_due_at, id LIMIT @limit;");
        }
        else if (filter.OldestFirst)
        {
            if (filter.AfterId is not null) Where("id > @afterId", "afterId", filter.AfterId);
            sql.Append(" ORDER BY id LIMIT @limit;");
        }
        else
        {
            if (filter.BeforeId is not null) Where("id < @before", "before", filter.BeforeId);
            sql.Append(" ORDER BY id DESC LIMIT @limit;");
        }

        parameters.Add(("limit", filter.Limit));

        await using var command = Command(sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    /// <summary>A LIKE pattern's text with its wildcards taken literally (escape character '\').</summary>
    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public async Task<int> CountTicketsAsync(TicketStatus[] statuses, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT COUNT(*)::integer FROM tickets WHERE status = ANY(@statuses);",
            ("statuses", statuses.Select(s => s.Value).ToArray()));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<CreateCheck> CheckCreateAsync(IdempotencyRequest? key, string ownerId, DateTimeOffset since, int quota, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quota, 1);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        // The quota first, then the key (each statement sees what was committed when it starts): a retry racing its
        // original's commit either sees the original's record, or a quota without the original's ticket — never the
        // ticket counted and its record missed, which would answer 429 instead of the replay.
        batch.BatchCommands.Add(BatchCommand(
            "SELECT created_at FROM tickets WHERE owner_id = @owner AND created_at > @since ORDER BY created_at DESC LIMIT 1 OFFSET @skip;",
            ("owner", ownerId), ("since", since.ToUnixTimeMilliseconds()), ("skip", quota - 1)));
        if (key is not null)
        {
            batch.BatchCommands.Add(BatchCommand(SelectIdempotencySql, ("scope", key.Scope), ("key", key.Key)));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        DateTimeOffset? reachedBy = await reader.ReadAsync(cancellationToken) ? FromMs(reader.GetInt64(0)) : null;
        var seen = IdempotencyStart.Free;
        if (key is not null)
        {
            await reader.NextResultAsync(cancellationToken);
            seen = await reader.ReadAsync(cancellationToken) ? ReadIdempotency(reader, key) : IdempotencyStart.Free;
        }

        return new CreateCheck(seen, reachedBy);
    }

    public async Task<bool> TryUpdateTicketAsync(Ticket updated, long expectedVersion, TicketMessage? newMessage, IReadOnlyList<OutboxEvent> events,
        IdempotentCompletion? idempotency, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            // Under read committed a concurrent update of the same row waits here, then re-checks the version.
            await using (var update = Command(connection, transaction,
                "UPDATE tickets SET subject = @subject, status = @status, priority = @priority, category = @category, locale = @locale, tier = @tier, assignee = @assignee, tx_json = @tx, rating_score = @score, rating_comment = @comment, message_count = @count, version = @version, updated_at = @updated, sla_json = @sla, sla_due_at = @slaDue, sla_breached = @slaBreached, sla_warned = @slaWarned, tags = @tags WHERE id = @id AND version = @expected;",
                [.. TicketParameters(updated), ("expected", expectedVersion)]))
            {
                if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                {
                    return false;
                }
            }

            if (newMessage is not null)
            {
                await InsertMessageAsync(connection, transaction, updated.Id, newMessage, cancellationToken);
            }

            await WebhookRows.InsertEventsAsync(Sql(connection, transaction), events, updated.UpdatedAt, cancellationToken);
            await IdempotencyRows.CompleteAsync(Sql(connection, transaction), idempotency, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(string ticketId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var attachments = new Dictionary<string, List<AttachmentInfo>>(StringComparer.Ordinal);
        await using (var files = Command(connection, null,
            "SELECT id, file_name, content_type, size, created_at, message_id FROM attachments WHERE ticket_id = @ticket AND message_id IS NOT NULL ORDER BY id;",
            ("ticket", ticketId)))
        await using (var reader = await files.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var messageId = reader.GetString(5);
                if (!attachments.TryGetValue(messageId, out var list))
                {
                    attachments[messageId] = list = [];
                }

                list.Add(ReadAttachmentInfo(reader));
            }
        }

        await using var command = Command(connection, null,
            "SELECT id, seq, role, author_name, body, created_at, flags FROM ticket_messages WHERE ticket_id = @ticket AND seq > @after ORDER BY seq LIMIT @limit;",
            ("ticket", ticketId), ("after", afterSeq), ("limit", limit));
        await using var messages = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<TicketMessage>();
        while (await messages.ReadAsync(cancellationToken))
        {
            var id = messages.GetString(0);
            result.Add(new TicketMessage
            {
                Id = id,
                Seq = messages.GetInt64(1),
                From = new Author { Role = new AuthorRole(messages.GetString(2)), Name = messages.GetString(3) },
                Body = messages.GetString(4),
                CreatedAt = FromMs(messages.GetInt64(5)),
                Attachments = attachments.TryGetValue(id, out var files) ? files : [],
                Flags = messages.IsDBNull(6) ? [] : messages.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries),
            });
        }

        return result;
    }

    private static async Task InsertMessageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string ticketId, TicketMessage message, CancellationToken cancellationToken)
    {
        await using (var insert = Command(connection, transaction, InsertMessageSql, MessageParameters(ticketId, message)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var attachment in message.Attachments)
        {
            await using var link = Command(connection, transaction, LinkAttachmentSql, LinkParameters(ticketId, message.Id, attachment.Id));
            if (await link.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new StoreConflictException("An attachment is already attached to another message.");
            }
        }
    }

    private static (string, object?)[] MessageParameters(string ticketId, TicketMessage message) =>
    [
        ("id", message.Id), ("ticket", ticketId), ("seq", message.Seq), ("role", message.From.Role.Value),
        ("name", message.From.Name), ("body", message.Body), ("at", message.CreatedAt.ToUnixTimeMilliseconds()),
        ("flags", message.Flags.Count == 0 ? null : string.Join(',', message.Flags)),
    ];

    private static (string, object?)[] LinkParameters(string ticketId, string messageId, string attachmentId) =>
        [("ticket", ticketId), ("message", messageId), ("id", attachmentId)];
}

using static SupportSdk.Server.Storage.StoreRows;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    public async Task<IdempotencyStart> CreateTicketAsync(Ticket ticket, TicketMessage firstMessage, IdempotentCompletion? idempotency, IReadOnlyList<OutboxEvent> events,
        CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            if (idempotency is null)
            {
                await InsertTicketAsync(connection, transaction, ticket, firstMessage, cancellationToken).ConfigureAwait(false);
                await WebhookRows.InsertEventsAsync(Sql(connection), events, ticket.CreatedAt, cancellationToken).ConfigureAwait(false);
                return IdempotencyStart.Free;
            }

            // Checked again under the write lock: a concurrent attempt with the same key may have committed (or
            // claimed) since the caller's first look; then it is answered from that record and nothing is written.
            var existing = await ReadIdempotencyAsync(connection, transaction, idempotency.Request, cancellationToken).ConfigureAwait(false);
            if (existing.Outcome != IdempotencyOutcome.Started)
            {
                return existing;
            }

            await InsertTicketAsync(connection, transaction, ticket, firstMessage, cancellationToken).ConfigureAwait(false);
            await StoreCompletedAsync(connection, transaction, idempotency, cancellationToken).ConfigureAwait(false);
            await WebhookRows.InsertEventsAsync(Sql(connection), events, ticket.CreatedAt, cancellationToken).ConfigureAwait(false);
            return existing;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task InsertTicketAsync(SqliteConnection connection, WriteScope transaction, Ticket ticket, TicketMessage firstMessage, CancellationToken cancellationToken)
    {
        await using (var insert = Command(connection, transaction,
            $"INSERT INTO tickets({TicketColumns}) VALUES ($id, $owner, $ownerName, $subject, $status, $priority, $category, $locale, $tier, $assignee, $tx, $score, $comment, $count, $version, $created, $updated, $sla, $slaDue, $slaBreached, $slaWarned, $tags);",
            TicketParameters(ticket)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertMessageAsync(connection, transaction, ticket.Id, firstMessage, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Ticket?> GetTicketAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {TicketColumns} FROM tickets WHERE id = $id;", ("$id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadTicket(reader) : null;
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsDueAsync(DateTimeOffset before, bool notWarned, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"SELECT {TicketColumns} FROM tickets WHERE sla_breached = 0" + (notWarned ? " AND sla_warned = 0" : "") + " AND sla_due_at <= $now ORDER BY sla_due_at LIMIT $limit;",
            ("$now", before.ToUnixTimeMilliseconds()), ("$limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    public async Task<IReadOnlyList<Ticket>> ListTicketsAsync(TicketFilter filter, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder($"SELECT {TicketColumns} FROM tickets WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Where(string clause, string name, object? value)
        {
            sql.Append(" AND ").Append(clause);
            parameters.Add((name, value));
        }

        if (filter.OwnerId is not null) Where("owner_id = $owner", "$owner", filter.OwnerId);
        if (filter.Status is { } status) Where("status = $status", "$status", status.Value);
        if (filter.Priority is { } priority) Where("priority = $priority", "$priority", priority.Value);
        if (filter.Tier is { } tier) Where("tier = $tier", "$tier", tier);
        if (filter.Assignee is not null) Where("assignee = $assignee", "$assignee", filter.Assignee);
        if (filter.Tag is not null) Where("tags LIKE $tag ESCAPE '\\'", "$tag", "%," + EscapeLike(filter.Tag) + ",%");
        if (filter.Query is { } query)
        {
            // Text in the subject or any message, the customer's name, the transaction (asset, network, txId), or an exact user or ticket id.
            Where("(subject LIKE $q ESCAPE '\\' OR owner_name LIKE $q ESCAPE '\\' OR tx_json LIKE $q ESCAPE '\\' OR owner_id = $exact OR id = $exact"
                + " OR EXISTS (SELECT 1 FROM ticket_messages m WHERE m.ticket_id = tickets.id AND m.body LIKE $q ESCAPE '\\'))", "$q", "%" + EscapeLike(query) + "%");
            parameters.Add(("$exact", query));
        }

        if (filter.Unassigned) sql.Append(" AND assignee IS NULL AND status NOT IN ").Append(AgentRows.FinishedStatuses);
        if (filter.ByDue)
        {
            sql.Append(" AND sla_due_at IS NOT NULL");
            if (filter.AfterDue is { } after)
            {
                Where("(sla_due_at > $afterDue OR (sla_due_at = $afterDue AND id > $afterId))", "$afterDue", after.DueAt.ToUnixTimeMilliseconds());
                parameters.Add(("$afterId", after.Id));
            }

            sql.Append(" ORDER BY sla_due_at, id LIMIT $limit;");
        }
        else if (filter.OldestFirst)
        {
            if (filter.AfterId is not null) Where("id > $afterId", "$afterId", filter.AfterId);
            sql.Append(" ORDER BY id LIMIT $limit;");
        }
        else
        {
            if (filter.BeforeId is not null) Where("id < $before", "$before", filter.BeforeId);
            sql.Append(" ORDER BY id DESC LIMIT $limit;");
        }

        parameters.Add(("$limit", filter.Limit));

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    /// <summary>A LIKE pattern's text with its wildcards taken literally (escape character '\').</summary>
    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public async Task<int> CountTicketsAsync(TicketStatus[] statuses, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var names = string.Join(", ", statuses.Select((_, i) => "$s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await using var command = Command(connection, null, $"SELECT COUNT(*) FROM tickets WHERE status IN ({names});",
            [.. statuses.Select((s, i) => ("$s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), (object?)s.Value))]);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<CreateCheck> CheckCreateAsync(IdempotencyRequest? key, string ownerId, DateTimeOffset since, int quota, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quota, 1);
        // The quota before the key, as on PostgreSQL: a retry racing its original's commit never sees the ticket
        // counted and its record missing.
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            "SELECT created_at FROM tickets WHERE owner_id = $owner AND created_at > $since ORDER BY created_at DESC LIMIT 1 OFFSET $skip;",
            ("$owner", ownerId), ("$since", since.ToUnixTimeMilliseconds()), ("$skip", quota - 1));
        DateTimeOffset? reachedBy = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long ms ? FromMs(ms) : null;
        var seen = key is null ? IdempotencyStart.Free : await ReadIdempotencyAsync(connection, null, key, cancellationToken).ConfigureAwait(false);
        return new CreateCheck(seen, reachedBy);
    }

    public async Task<bool> TryUpdateTicketAsync(Ticket updated, long expectedVersion, TicketMessage? newMessage, IReadOnlyList<OutboxEvent> events,
        IdempotentCompletion? idempotency, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using (var update = Command(connection, transaction,
                "UPDATE tickets SET subject = $subject, status = $status, priority = $priority, category = $category, locale = $locale, tier = $tier, assignee = $assignee, tx_json = $tx, rating_score = $score, rating_comment = $comment, message_count = $count, version = $version, updated_at = $updated, sla_json = $sla, sla_due_at = $slaDue, sla_breached = $slaBreached, sla_warned = $slaWarned, tags = $tags WHERE id = $id AND version = $expected;",
                [.. TicketParameters(updated), ("$expected", expectedVersion)]))
            {
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    return false;
                }
            }

            if (newMessage is not null)
            {
                await InsertMessageAsync(connection, transaction, updated.Id, newMessage, cancellationToken).ConfigureAwait(false);
            }

            await WebhookRows.InsertEventsAsync(Sql(connection), events, updated.UpdatedAt, cancellationToken).ConfigureAwait(false);
            await IdempotencyRows.CompleteAsync(Sql(connection), idempotency, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TicketMessage>> ListMessagesAsync(string ticketId, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var attachments = new Dictionary<string, List<AttachmentInfo>>(StringComparer.Ordinal);
        await using (var files = Command(connection, null,
            "SELECT id, file_name, content_type, size, created_at, message_id FROM attachments WHERE ticket_id = $ticket AND message_id IS NOT NULL ORDER BY id;",
            ("$ticket", ticketId)))
        await using (var reader = await files.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
            "SELECT id, seq, role, author_name, body, created_at, flags FROM ticket_messages WHERE ticket_id = $ticket AND seq > $after ORDER BY seq LIMIT $limit;",
            ("$ticket", ticketId), ("$after", afterSeq), ("$limit", limit));
        await using var messages = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<TicketMessage>();
        while (await messages.ReadAsync(cancellationToken).ConfigureAwait(false))
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

    private async Task InsertMessageAsync(SqliteConnection connection, WriteScope transaction, string ticketId, TicketMessage message, CancellationToken cancellationToken)
    {
        await using (var insert = Command(connection, transaction,
            "INSERT INTO ticket_messages(id, ticket_id, seq, role, author_name, body, created_at, flags) VALUES ($id, $ticket, $seq, $role, $name, $body, $at, $flags);",
            ("$id", message.Id), ("$ticket", ticketId), ("$seq", message.Seq), ("$role", message.From.Role.Value),
            ("$name", message.From.Name), ("$body", message.Body), ("$at", message.CreatedAt.ToUnixTimeMilliseconds()),
            ("$flags", message.Flags.Count == 0 ? null : string.Join(',', message.Flags))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var attachment in message.Attachments)
        {
            await using var link = Command(connection, transaction,
                "UPDATE attachments SET ticket_id = $ticket, message_id = $message WHERE id = $id AND message_id IS NULL;",
                ("$ticket", ticketId), ("$message", message.Id), ("$id", attachment.Id));
            if (await link.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new StoreConflictException("An attachment is already attached to another message.");
            }
        }
    }
}

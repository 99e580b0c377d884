using System.Data.Common;
using System.Text.Json;

namespace SupportSdk.Server.Storage;

/// <summary>
/// The rows both store engines read and write the same way: a ticket, a chat, an attachment's description, by column
/// position (each engine's SELECT lists the columns in this order) and by parameter name (without a prefix: SQLite
/// matches <c>$name</c>, PostgreSQL <c>@name</c>). Times are Unix milliseconds in both.
/// </summary>
internal static class StoreRows
{
    public static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static (string, object?)[] TicketParameters(Ticket t) =>
    [
        ("id", t.Id), ("owner", t.Customer.UserId), ("ownerName", t.Customer.DisplayName), ("subject", t.Subject),
        ("status", t.Status.Value), ("priority", t.Priority.Value), ("category", t.Category.Value), ("locale", t.Locale),
        ("tier", t.Tier), ("assignee", t.Assignee),
        ("tx", t.Transaction is null ? null : JsonSerializer.Serialize(t.Transaction, ServerJsonContext.Default.TransactionInfo)),
        ("score", t.Rating?.Score), ("comment", t.Rating?.Comment), ("count", t.MessageCount), ("version", t.Version),
        ("created", t.CreatedAt.ToUnixTimeMilliseconds()), ("updated", t.UpdatedAt.ToUnixTimeMilliseconds()),
        ("sla", t.Sla is null ? null : JsonSerializer.Serialize(t.Sla, ServerJsonContext.Default.TicketSla)),
        ("slaDue", t.Sla?.DueAt?.ToUnixTimeMilliseconds()), ("slaBreached", t.Sla?.Breached == true ? 1 : 0), ("slaWarned", t.Sla?.Warned == true ? 1 : 0),
        ("tags", t.Tags is { Count: > 0 } tags ? "," + string.Join(',', tags) + "," : null),
    ];

    /// <summary>The ticket columns both engines read and write, in <see cref="ReadTicket"/>'s order.</summary>
    public const string TicketColumns =
        "id, owner_id, owner_name, subject, status, priority, category, locale, tier, assignee, tx_json, rating_score, rating_comment, message_count, version, created_at, updated_at, sla_json, sla_due_at, sla_breached, sla_warned, tags";

    /// <summary>The tickets' SLA columns (both engines): the clock as JSON, and its due time and breach for the sweep.</summary>
    public const string TicketSlaSchema = """
        ALTER TABLE tickets ADD COLUMN sla_json TEXT;
        ALTER TABLE tickets ADD COLUMN sla_due_at BIGINT;
        ALTER TABLE tickets ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_tickets_sla_due ON tickets(sla_breached, sla_due_at);
        """;

    /// <summary>Whether the due-soon warning of the ticket's current target was sent (both engines), for the sweep.</summary>
    public const string TicketSlaWarningSchema = """
        ALTER TABLE tickets ADD COLUMN sla_warned INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_tickets_created ON tickets(created_at);
        ALTER TABLE tickets ADD COLUMN tags TEXT;
        """;

    /// <summary>A ticket from <c>id, owner_id, owner_name, subject, status, priority, category, locale, tier, assignee,
    /// tx_json, rating_score, rating_comment, message_count, version, created_at, updated_at, sla_json</c> (<see cref="TicketColumns"/>).</summary>
    public static Ticket ReadTicket(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Customer = new TicketCustomer { UserId = r.GetString(1), DisplayName = r.GetString(2) },
        Subject = r.GetString(3),
        Status = new TicketStatus(r.GetString(4)),
        Priority = new TicketPriority(r.GetString(5)),
        Category = new TicketCategory(r.GetString(6)),
        Locale = r.GetString(7),
        Tier = r.GetInt32(8),
        Assignee = NullableString(r, 9),
        Transaction = r.IsDBNull(10) ? null : JsonSerializer.Deserialize(r.GetString(10), ServerJsonContext.Default.TransactionInfo),
        Rating = r.IsDBNull(11) ? null : new TicketRating { Score = r.GetInt32(11), Comment = NullableString(r, 12) },
        MessageCount = r.GetInt32(13),
        Version = r.GetInt64(14),
        CreatedAt = FromMs(r.GetInt64(15)),
        UpdatedAt = FromMs(r.GetInt64(16)),
        Sla = r.IsDBNull(17) ? null : JsonSerializer.Deserialize(r.GetString(17), ServerJsonContext.Default.TicketSla),
        Tags = r.IsDBNull(21) ? [] : r.GetString(21).Split(',', StringSplitOptions.RemoveEmptyEntries),
    };

    /// <summary>The chat's columns; <c>awaiting</c> is a boolean (stored as 0/1 by SQLite).</summary>
    public static (string, object?)[] ChatParameters(ChatRecord c) =>
    [
        ("id", c.Id), ("owner", c.CustomerId), ("ownerName", c.CustomerName), ("status", c.Status.Value), ("topic", c.Topic),
        ("locale", c.Locale), ("agentId", c.AgentId), ("agentName", c.AgentName), ("tier", c.Tier),
        ("queuedAt", c.QueuedAt?.ToUnixTimeMilliseconds()), ("customerRead", c.CustomerReadSeq), ("agentRead", c.AgentReadSeq),
        ("unhelpful", c.UnhelpfulAnswers), ("awaiting", c.AwaitingFeedback), ("ticket", c.TicketId), ("version", c.Version),
        ("created", c.CreatedAt.ToUnixTimeMilliseconds()), ("updated", c.UpdatedAt.ToUnixTimeMilliseconds()),
    ];

    /// <summary>A chat from <c>id, owner_id, owner_name, status, topic, locale, agent_id, agent_name, tier, queued_at,
    /// last_seq, customer_read_seq, agent_read_seq, unhelpful, awaiting_feedback, ticket_id, version, created_at,
    /// updated_at</c>.</summary>
    public static ChatRecord ReadChat(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        CustomerId = r.GetString(1),
        CustomerName = r.GetString(2),
        Status = new ChatStatus(r.GetString(3)),
        Topic = NullableString(r, 4),
        Locale = r.GetString(5),
        AgentId = NullableString(r, 6),
        AgentName = NullableString(r, 7),
        Tier = r.GetInt32(8),
        QueuedAt = r.IsDBNull(9) ? null : FromMs(r.GetInt64(9)),
        LastSeq = r.GetInt64(10),
        CustomerReadSeq = r.GetInt64(11),
        AgentReadSeq = r.GetInt64(12),
        UnhelpfulAnswers = r.GetInt32(13),
        AwaitingFeedback = r.GetBoolean(14),
        TicketId = NullableString(r, 15),
        Version = r.GetInt64(16),
        CreatedAt = FromMs(r.GetInt64(17)),
        UpdatedAt = FromMs(r.GetInt64(18)),
    };

    /// <summary>An attachment's description from <c>id, file_name, content_type, size, created_at</c>.</summary>
    public static AttachmentInfo ReadAttachmentInfo(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        FileName = r.GetString(1),
        ContentType = r.GetString(2),
        Size = r.GetInt64(3),
        CreatedAt = FromMs(r.GetInt64(4)),
    };
}

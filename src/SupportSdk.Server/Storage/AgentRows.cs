using System.Data.Common;
using static SupportSdk.Server.Storage.StoreRows;
using static SupportSdk.Server.Storage.WebhookRows;

namespace SupportSdk.Server.Storage;

/// <summary>The agents table, read and written with the same SQL by both engines (<c>@name</c> parameters,
/// Unix-millisecond times, codes joined by commas: no code contains one).</summary>
internal static class AgentRows
{
    public const string Schema = """
        CREATE TABLE agents (
            name TEXT PRIMARY KEY, languages TEXT NOT NULL, skills TEXT NOT NULL, tier INTEGER NOT NULL, capacity INTEGER NOT NULL,
            status TEXT NOT NULL, seen_at BIGINT, last_assigned_at BIGINT, updated_at BIGINT NOT NULL);
        CREATE INDEX ix_tickets_assignee_status ON tickets(assignee, status);
        CREATE INDEX ix_tickets_unassigned ON tickets(id) WHERE assignee IS NULL AND status NOT IN ('resolved', 'closed');
        """;

    /// <summary>Statuses that still hold an agent's attention, for loads and the unassigned queue (SQL list).</summary>
    public const string FinishedStatuses = "('resolved', 'closed')";

    private const string Columns = "name, languages, skills, tier, capacity, status, seen_at, last_assigned_at, updated_at";

    public static async Task<AgentRecord> UpsertAsync(Sql sql, string name, AgentProfileChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var upsert = sql(
            $"""
            INSERT INTO agents({Columns}) VALUES (@name, COALESCE(@languages, ''), COALESCE(@skills, ''), COALESCE(@tier, {AgentRecord.DefaultTier}),
                COALESCE(@capacity, {AgentRecord.DefaultCapacity}), 'offline', NULL, NULL, @now)
            ON CONFLICT (name) DO UPDATE SET languages = COALESCE(@languages, agents.languages), skills = COALESCE(@skills, agents.skills),
                tier = COALESCE(@tier, agents.tier), capacity = COALESCE(@capacity, agents.capacity), updated_at = @now
            RETURNING {Columns};
            """,
            ("name", name), ("languages", Join(change.Languages)), ("skills", Join(change.Skills)), ("tier", change.Tier), ("capacity", change.Capacity),
            ("now", now.ToUnixTimeMilliseconds()));
        return await ReadOneAsync(upsert, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<AgentRecord> SetStatusAsync(Sql sql, string name, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var upsert = sql(
            $"""
            INSERT INTO agents({Columns}) VALUES (@name, '', '', {AgentRecord.DefaultTier}, {AgentRecord.DefaultCapacity}, @status, @now, NULL, @now)
            ON CONFLICT (name) DO UPDATE SET status = @status, seen_at = @now
            RETURNING {Columns};
            """,
            ("name", name), ("status", status), ("now", now.ToUnixTimeMilliseconds()));
        return await ReadOneAsync(upsert, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<AgentRecord?> GetAsync(Sql sql, string name, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT {Columns} FROM agents WHERE name = @name;", ("name", name));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public static async Task<IReadOnlyList<AgentRecord>> ListAsync(Sql sql, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT {Columns} FROM agents ORDER BY name;");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var agents = new List<AgentRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            agents.Add(Read(reader));
        }

        return agents;
    }

    public static async Task<IReadOnlyDictionary<string, int>> CountOpenByAssigneeAsync(Sql sql, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT assignee, COUNT(*) FROM tickets WHERE assignee IS NOT NULL AND status NOT IN {FinishedStatuses} GROUP BY assignee;");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var loads = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            loads[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
        }

        return loads;
    }

    public static async Task<IReadOnlyList<Ticket>> ListTicketsCreatedBetweenAsync(Sql sql, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT {TicketColumns} FROM tickets WHERE created_at >= @from AND created_at < @to ORDER BY created_at, id LIMIT @limit;",
            ("from", from.ToUnixTimeMilliseconds()), ("to", to.ToUnixTimeMilliseconds()), ("limit", limit));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tickets = new List<Ticket>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tickets.Add(ReadTicket(reader));
        }

        return tickets;
    }

    public static async Task MarkAssignedAsync(Sql sql, string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var update = sql("UPDATE agents SET last_assigned_at = @at WHERE name = @name;", ("name", name), ("at", at.ToUnixTimeMilliseconds()));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string? Join(IReadOnlyList<string>? codes) => codes is null ? null : string.Join(',', codes);

    private static string[] Split(string codes) => codes.Length == 0 ? [] : codes.Split(',');

    private static async Task<AgentRecord> ReadOneAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : throw new InvalidOperationException("The upsert returned no row.");
    }

    private static AgentRecord Read(DbDataReader r) => new(
        r.GetString(0), Split(r.GetString(1)), Split(r.GetString(2)), Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
        Convert.ToInt32(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture), r.GetString(5),
        r.IsDBNull(6) ? null : FromMs(r.GetInt64(6)), r.IsDBNull(7) ? null : FromMs(r.GetInt64(7)), FromMs(r.GetInt64(8)));
}

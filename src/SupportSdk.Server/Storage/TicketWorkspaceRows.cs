using System.Data.Common;
using static SupportSdk.Server.Storage.StoreRows;
using static SupportSdk.Server.Storage.WebhookRows;

namespace SupportSdk.Server.Storage;

/// <summary>What agents share on a ticket besides the conversation: internal notes, and who has it open (and is
/// typing). The same SQL for both engines.</summary>
internal interface ITicketWorkspaceStore
{
    /// <summary>Adds the note and completes the request's claimed Idempotency-Key with it, in one transaction.</summary>
    Task AddNoteAsync(string ticketId, TicketNote note, IdempotentCompletion? idempotency, CancellationToken cancellationToken);

    /// <summary>The ticket's notes, oldest first (at most 500).</summary>
    Task<IReadOnlyList<TicketNote>> ListNotesAsync(string ticketId, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="agent"/> has the ticket open now, and returns the others seen since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<TicketViewer>> ViewAsync(string ticketId, string agent, bool typing, DateTimeOffset now, DateTimeOffset since, CancellationToken cancellationToken);
}

internal static class TicketWorkspaceRows
{
    public const int MaxNotes = 500;

    public const string Schema = """
        CREATE TABLE ticket_notes (
            id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL);
        CREATE INDEX ix_ticket_notes_ticket ON ticket_notes(ticket_id, created_at);
        CREATE TABLE ticket_viewers (
            ticket_id TEXT NOT NULL, agent TEXT NOT NULL, typing INTEGER NOT NULL, seen_at BIGINT NOT NULL, PRIMARY KEY (ticket_id, agent));
        """;

    public static async Task AddNoteAsync(Sql sql, string ticketId, TicketNote note, IdempotentCompletion? idempotency, CancellationToken cancellationToken)
    {
        await IdempotencyRows.CompleteAsync(sql, idempotency, cancellationToken).ConfigureAwait(false);
        await using var insert = sql("INSERT INTO ticket_notes(id, ticket_id, author, body, created_at) VALUES (@id, @ticket, @author, @body, @at);",
            ("id", note.Id), ("ticket", ticketId), ("author", note.Author), ("body", note.Body), ("at", note.CreatedAt.ToUnixTimeMilliseconds()));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<TicketNote>> ListNotesAsync(Sql sql, string ticketId, CancellationToken cancellationToken)
    {
        await using var select = sql($"SELECT id, author, body, created_at FROM ticket_notes WHERE ticket_id = @ticket ORDER BY created_at, id LIMIT {MaxNotes};",
            ("ticket", ticketId));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var notes = new List<TicketNote>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            notes.Add(new TicketNote { Id = reader.GetString(0), Author = reader.GetString(1), Body = reader.GetString(2), CreatedAt = FromMs(reader.GetInt64(3)) });
        }

        return notes;
    }

    public static async Task<IReadOnlyList<TicketViewer>> ViewAsync(Sql sql, string ticketId, string agent, bool typing, DateTimeOffset now, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        await using (var upsert = sql(
            "INSERT INTO ticket_viewers(ticket_id, agent, typing, seen_at) VALUES (@ticket, @agent, @typing, @now) ON CONFLICT (ticket_id, agent) DO UPDATE SET typing = @typing, seen_at = @now;",
            ("ticket", ticketId), ("agent", agent), ("typing", typing ? 1 : 0), ("now", now.ToUnixTimeMilliseconds())))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Whoever left long ago is forgotten (their row would otherwise stay for every ticket they ever opened).
        await using (var forget = sql("DELETE FROM ticket_viewers WHERE ticket_id = @ticket AND seen_at < @old;",
            ("ticket", ticketId), ("old", (since - TimeSpan.FromHours(1)).ToUnixTimeMilliseconds())))
        {
            await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var select = sql("SELECT agent, typing, seen_at FROM ticket_viewers WHERE ticket_id = @ticket AND agent <> @agent AND seen_at >= @since ORDER BY agent;",
            ("ticket", ticketId), ("agent", agent), ("since", since.ToUnixTimeMilliseconds()));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var viewers = new List<TicketViewer>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            viewers.Add(new TicketViewer { Name = reader.GetString(0), Typing = Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) != 0, SeenAt = FromMs(reader.GetInt64(2)) });
        }

        return viewers;
    }
}

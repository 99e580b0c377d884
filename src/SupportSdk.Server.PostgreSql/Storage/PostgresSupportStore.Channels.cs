using static SupportSdk.Server.Storage.StoreRows;
namespace SupportSdk.Server.Storage.PostgreSql;

internal sealed partial class PostgresSupportStore
{
    public async Task AddChannelReportAsync(ChannelReport report, IReadOnlyList<OutboxEvent> outbox, IdempotentCompletion? idempotency, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO channel_reports(id, reporter_scope, reporter_id, input, verdict, kind, matched, reason, place, note, created_at) VALUES (@id, @scope, @reporter, @input, @verdict, @kind, @matched, @reason, @place, @note, @at);",
                ("id", report.Id), ("scope", "user:" + report.ReporterId), ("reporter", report.ReporterId), ("input", report.Input),
                ("verdict", report.Verdict), ("kind", report.Kind), ("matched", report.Matched), ("reason", report.Reason),
                ("place", report.Where), ("note", report.Note), ("at", report.CreatedAt.ToUnixTimeMilliseconds()));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            await WebhookRows.InsertEventsAsync(Sql(connection, transaction), outbox, report.CreatedAt, cancellationToken);
            await IdempotencyRows.CompleteAsync(Sql(connection, transaction), idempotency, cancellationToken);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ChannelReport>> ListChannelReportsAsync(string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT id, reporter_id, input, verdict, kind, matched, reason, place, note, created_at FROM channel_reports"
            + (beforeId is null ? string.Empty : " WHERE id < @before") + " ORDER BY id DESC LIMIT @limit;",
            beforeId is null ? [("limit", limit)] : [("before", beforeId), ("limit", limit)]);
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        var reports = new List<ChannelReport>();
        while (await r.ReadAsync(cancellationToken))
        {
            reports.Add(new ChannelReport
            {
                Id = r.GetString(0),
                ReporterId = r.GetString(1),
                Input = r.GetString(2),
                Verdict = r.GetString(3),
                Kind = r.GetString(4),
                Matched = NullableString(r, 5),
                Reason = NullableString(r, 6),
                Where = NullableString(r, 7),
                Note = NullableString(r, 8),
                CreatedAt = FromMs(r.GetInt64(9)),
            });
        }

        return reports;
    }
}

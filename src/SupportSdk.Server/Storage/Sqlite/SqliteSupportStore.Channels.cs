using static SupportSdk.Server.Storage.StoreRows;
namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    public async Task AddChannelReportAsync(ChannelReport report, IReadOnlyList<OutboxEvent> outbox, IdempotentCompletion? idempotency, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            await WebhookRows.InsertEventsAsync(Sql(connection), outbox, report.CreatedAt, cancellationToken);
            await IdempotencyRows.CompleteAsync(Sql(connection), idempotency, cancellationToken);
            await using var insert = Command(connection, transaction,
                "INSERT INTO channel_reports(id, reporter_scope, reporter_id, input, verdict, kind, matched, reason, place, note, created_at) VALUES ($id, $scope, $reporter, $input, $verdict, $kind, $matched, $reason, $place, $note, $at);",
                ("$id", report.Id), ("$scope", "user:" + report.ReporterId), ("$reporter", report.ReporterId), ("$input", report.Input),
                ("$verdict", report.Verdict), ("$kind", report.Kind), ("$matched", report.Matched), ("$reason", report.Reason),
                ("$place", report.Where), ("$note", report.Note), ("$at", report.CreatedAt.ToUnixTimeMilliseconds()));
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ChannelReport>> ListChannelReportsAsync(string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT id, reporter_id, input, verdict, kind, matched, reason, place, note, created_at FROM channel_reports WHERE ($before IS NULL OR id < $before) ORDER BY id DESC LIMIT $limit;",
            ("$before", beforeId), ("$limit", limit));
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

using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IChannelReportStore</c>: every field round-trips; lists run newest id first and page below a cursor.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class ChannelReportStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Reports_round_trip_and_page_newest_first_below_a_cursor()
    {
        var reports = Enumerable.Range(1, 4).Select(i => new ChannelReport
        {
            Id = $"rep_{i:d4}",
            ReporterId = "u" + i,
            Input = "@fake_support_" + i,
            Verdict = i == 1 ? "unknown" : "impersonator",
            Kind = "telegram",
            Matched = i == 1 ? null : "@support",
            Reason = i == 2 ? "lookalike 客服" : null,
            Where = i == 3 ? "dm" : null,
            Note = i == 4 ? "asked for my seed" : null,
            CreatedAt = T0.AddSeconds(i),
        }).ToList();
        foreach (var report in reports.OrderBy(_ => Guid.NewGuid()))
        {
            await _store.AddChannelReportAsync(report, CancellationToken.None);
        }

        var all = await _store.ListChannelReportsAsync(null, 10, CancellationToken.None);
        var page = await _store.ListChannelReportsAsync("rep_0004", 2, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(all.Select(r => r.Id), Is.EqualTo(new[] { "rep_0004", "rep_0003", "rep_0002", "rep_0001" }));
            Assert.That(page.Select(r => r.Id), Is.EqualTo(new[] { "rep_0003", "rep_0002" }));
            foreach (var (stored, written) in all.Zip(Enumerable.Reverse(reports)))
            {
                Assert.That((stored.ReporterId, stored.Input, stored.Verdict, stored.Kind, stored.Matched, stored.Reason, stored.Where, stored.Note, stored.CreatedAt),
                    Is.EqualTo((written.ReporterId, written.Input, written.Verdict, written.Kind, written.Matched, written.Reason, written.Where, written.Note, written.CreatedAt)));
            }
        });
    }
}

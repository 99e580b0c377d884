using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IFaqInsightsStore</c>: follow-ups mark only the asker's queries inside the window; poor queries group by
/// normalized text and language; deflection counts chats by day and language; old queries are deleted.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class FaqInsightsStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    private int _id;

    private FaqQueryAsked Query(string asker, string? text, bool answered, DateTimeOffset at, long[]? articles = null, string? chat = null, string locale = "en-us") =>
        new($"fq_{Interlocked.Increment(ref _id):d4}", at, asker, chat is null ? FaqQueryAsked.Search : FaqQueryAsked.Bot, locale, text, answered,
            articles?.Length ?? 0, articles ?? [], chat);

    [Test]
    public async Task Follow_ups_mark_the_askers_recent_queries_only()
    {
        var window = FaqActivity.FollowUpWindow;
        await _store.RecordFaqActivityAsync(
        [
            Query("a", "bread", answered: false, T0),
            Query("a", "card declined", answered: true, T0, [7, 8]),
            Query("b", "card declined", answered: true, T0, [7]),
            Query("c", "bread", answered: false, T0 - window - TimeSpan.FromMinutes(1)),
            Query("a", null, answered: true, T0),
            new FaqArticleOpened(T0 + TimeSpan.FromMinutes(1), "a", 8),
            new FaqArticleOpened(T0 + TimeSpan.FromMinutes(1), "b", 99),
            new FaqArticleVotedNotHelpful(T0 + TimeSpan.FromMinutes(2), "a", 7),
            new FaqPersonAsked(T0 + TimeSpan.FromMinutes(3), "a"),
            new FaqPersonAsked(T0, "c"),
        ], CancellationToken.None);

        var insights = await _store.GetFaqInsightsAsync(T0 - TimeSpan.FromDays(1), T0 + TimeSpan.FromHours(1), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(insights.PoorQueries.Select(q => (q.Query, q.Asked, q.Unanswered, q.Clicked, q.VotedNotHelpful, q.AskedForPerson)), Is.EqualTo(new[]
            {
                ("bread", 2, 2, 0, 0, 1),
                ("card declined", 2, 0, 1, 1, 1),
            }), "c's bread query is outside the window of c's request for a person; b opened an article its search did not list");
            Assert.That(insights.Withheld, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Deflection_counts_chats_per_day_and_language()
    {
        var day2 = T0 + TimeSpan.FromDays(1);
        await _store.CreateChatAsync(NewChat("cht_a", "alice") with { CreatedAt = T0, Locale = "en-us" }, [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_b", "bob") with { CreatedAt = T0, Locale = "en-us" }, [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_c", "carol") with { CreatedAt = T0, Locale = "en-us" },
            [new ChatFrame { Type = ChatEventKind.Handoff, Reason = "requested", SentAt = T0 }], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_e", "erin") with { CreatedAt = T0, Locale = "en-us", TicketId = "tkt_e" }, [], CancellationToken.None);
        await _store.CreateChatAsync(NewChat("cht_d", "dan") with { CreatedAt = day2, Locale = "zh-cn" }, [], CancellationToken.None);
        await _store.RecordFaqActivityAsync(
        [
            Query("alice", "pending", answered: true, T0, [1], chat: "cht_a"),
            Query("carol", "pending", answered: true, T0, [1], chat: "cht_c"),
            Query("erin", "pending", answered: true, T0, [1], chat: "cht_e"),
            Query("bob", "bread", answered: false, T0, chat: "cht_b"),
            Query("dan", "提现", answered: true, day2, [2], chat: "cht_d", locale: "zh-cn"),
        ], CancellationToken.None);

        var insights = await _store.GetFaqInsightsAsync(T0 - TimeSpan.FromDays(1), day2 + TimeSpan.FromHours(1), 10, CancellationToken.None);

        string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(insights.Deflection, Is.EqualTo(new[]
        {
            new FaqDeflectionRow(Day(day2), "zh-cn", 1, 1, 1),
            new FaqDeflectionRow(Day(T0), "en-us", 4, 3, 1),
        }));
    }

    [Test]
    public async Task A_withheld_chat_keeps_its_count_and_loses_its_text()
    {
        await _store.RecordFaqActivityAsync(
        [
            Query("a", "first half words", answered: false, T0, chat: "cht_w"),
            Query("b", "other chat", answered: false, T0, chat: "cht_x"),
            new FaqChatWithheld(T0 + TimeSpan.FromSeconds(5), string.Empty, "cht_w"),
        ], CancellationToken.None);

        var insights = await _store.GetFaqInsightsAsync(T0 - TimeSpan.FromDays(1), T0 + TimeSpan.FromHours(1), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(insights.PoorQueries.Select(q => q.Query), Is.EqualTo(new[] { "other chat" }));
            Assert.That(insights.Withheld, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Old_queries_are_deleted_and_the_period_bounds_the_insights()
    {
        await _store.RecordFaqActivityAsync([Query("a", "old", false, T0 - TimeSpan.FromDays(100)), Query("a", "new", false, T0)], CancellationToken.None);

        var before = await _store.GetFaqInsightsAsync(T0 - TimeSpan.FromDays(7), T0 + TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        var deleted = await _store.DeleteFaqQueriesAsync(T0 - TimeSpan.FromDays(90), CancellationToken.None);
        var all = await _store.GetFaqInsightsAsync(T0 - TimeSpan.FromDays(365), T0 + TimeSpan.FromMinutes(1), 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before.PoorQueries.Select(q => q.Query), Is.EqualTo(new[] { "new" }));
            Assert.That(deleted, Is.EqualTo(1));
            Assert.That(all.PoorQueries.Select(q => q.Query), Is.EqualTo(new[] { "new" }));
        });
    }
}

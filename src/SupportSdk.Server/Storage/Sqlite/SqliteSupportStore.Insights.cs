using static SupportSdk.Server.Storage.StoreRows;
using System.Globalization;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    private const string ArticleOpenedSql =
        "UPDATE faq_queries SET clicked = 1 WHERE id = (SELECT id FROM faq_queries WHERE asker = $asker AND source = 'search' "
        + "AND created_at BETWEEN $from AND $at AND instr(article_ids, ',' || $article || ',') > 0 ORDER BY created_at DESC, id DESC LIMIT 1);";

    private const string VotedNotHelpfulSql =
        "UPDATE faq_queries SET voted_not_helpful = 1 WHERE id = (SELECT id FROM faq_queries WHERE asker = $asker "
        + "AND created_at BETWEEN $from AND $at AND instr(article_ids, ',' || $article || ',') > 0 ORDER BY created_at DESC, id DESC LIMIT 1);";

    public async Task RecordFaqActivityAsync(IReadOnlyList<FaqActivity> activity, CancellationToken cancellationToken)
    {
        if (activity.Count == 0)
        {
            return;
        }

        await WriteAsync(async (connection, transaction) =>
        {
            foreach (var item in activity)
            {
                var at = item.At.ToUnixTimeMilliseconds();
                var from = (item.At - FaqActivity.FollowUpWindow).ToUnixTimeMilliseconds();
                await using var command = item switch
                {
                    FaqQueryAsked q => Command(connection, transaction,
                        "INSERT INTO faq_queries(id, source, locale, query, answered, result_count, article_ids, asker, chat_id, created_at) "
                        + "VALUES ($id, $source, $locale, $query, $answered, $count, $articles, $asker, $chat, $at) ON CONFLICT(id) DO NOTHING;",
                        ("$id", q.Id), ("$source", q.Source), ("$locale", q.Locale), ("$query", q.Query), ("$answered", q.Answered ? 1 : 0),
                        ("$count", q.ResultCount), ("$articles", "," + string.Join(',', q.ArticleIds.Select(a => a.ToString(CultureInfo.InvariantCulture))) + ","),
                        ("$asker", q.Asker), ("$chat", q.ChatId), ("$at", at)),
                    FaqArticleOpened o => Command(connection, transaction, ArticleOpenedSql,
                        ("$asker", o.Asker), ("$from", from), ("$at", at), ("$article", o.ArticleId)),
                    FaqArticleVotedNotHelpful v => Command(connection, transaction, VotedNotHelpfulSql,
                        ("$asker", v.Asker), ("$from", from), ("$at", at), ("$article", v.ArticleId)),
                    FaqChatWithheld w => Command(connection, transaction,
                        "UPDATE faq_queries SET query = NULL WHERE chat_id = $chat;", ("$chat", w.ChatId)),
                    FaqPersonAsked p => Command(connection, transaction,
                        "UPDATE faq_queries SET asked_person = 1 WHERE asker = $asker AND created_at BETWEEN $from AND $at;",
                        ("$asker", p.Asker), ("$from", from), ("$at", at)),
                    _ => throw new ArgumentException("Unknown activity " + item.GetType().Name, nameof(activity)),
                };
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FaqInsightsData> GetFaqInsightsAsync(DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        var range = new (string, object?)[] { ("$since", since.ToUnixTimeMilliseconds()), ("$until", until.ToUnixTimeMilliseconds()), ("$limit", limit) };
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // "Poor" is what a support lead can act on: nothing answered it, an article found for it was voted not
        // helpful, or the customer went to a person right after.
        var queries = new List<FaqQueryRow>();
        await using (var command = Command(connection, null,
            """
            SELECT query, locale, COUNT(*), SUM(answered = 0), SUM(clicked), SUM(voted_not_helpful), SUM(asked_person), MAX(created_at)
            FROM faq_queries WHERE created_at >= $since AND created_at < $until AND query IS NOT NULL
            GROUP BY query, locale
            HAVING SUM(answered = 0) + SUM(voted_not_helpful) + SUM(asked_person) > 0
            ORDER BY SUM(answered = 0) + SUM(voted_not_helpful) + SUM(asked_person) DESC, COUNT(*) DESC, MAX(created_at) DESC, query
            LIMIT $limit;
            """, range))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                queries.Add(new FaqQueryRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), FromMs(r.GetInt64(7))));
            }
        }

        int withheld;
        await using (var command = Command(connection, null,
            "SELECT COUNT(*) FROM faq_queries WHERE created_at >= $since AND created_at < $until AND query IS NULL;", range))
        {
            withheld = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        var articles = new List<(long Id, string Locale, int NotHelpful, int Helpful)>();
        await using (var command = Command(connection, null,
            """
            SELECT article_id, locale, SUM(helpful = 0), SUM(helpful = 1) FROM faq_votes
            WHERE created_at >= $since AND created_at < $until
            GROUP BY article_id, locale HAVING SUM(helpful = 0) > 0
            ORDER BY SUM(helpful = 0) DESC, SUM(helpful = 1), article_id, locale LIMIT $limit;
            """, range))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                articles.Add((r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3)));
            }
        }

        var articleRows = new List<FaqArticleRow>(articles.Count);
        foreach (var (id, locale, notHelpful, helpful) in articles)
        {
            var comments = new List<string>();
            await using (var command = Command(connection, null,
                "SELECT comment FROM faq_votes WHERE article_id = $id AND locale = $locale AND helpful = 0 AND comment IS NOT NULL "
                + "AND created_at >= $since AND created_at < $until ORDER BY created_at DESC LIMIT 3;",
                ("$id", id), ("$locale", locale), range[0], range[1]))
            await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    comments.Add(r.GetString(0));
                }
            }

            articleRows.Add(new FaqArticleRow(id, locale, notHelpful, helpful, comments));
        }

        // A chat is deflected when the bot answered from the help center, it was never handed to the queue (a handoff
        // event; queued_at is cleared on accept and close) and never turned into a ticket.
        var deflection = new List<FaqDeflectionRow>();
        await using (var command = Command(connection, null,
            """
            SELECT strftime('%Y-%m-%d', c.created_at / 1000, 'unixepoch') AS day, c.locale, COUNT(*),
                SUM(b.chat_id IS NOT NULL),
                SUM(b.chat_id IS NOT NULL AND c.ticket_id IS NULL
                    AND NOT EXISTS (SELECT 1 FROM chat_events e WHERE e.chat_id = c.id AND e.kind = 'handoff'))
            FROM chats c
            LEFT JOIN (SELECT DISTINCT chat_id FROM faq_queries WHERE chat_id IS NOT NULL AND answered = 1) b ON b.chat_id = c.id
            WHERE c.created_at >= $since AND c.created_at < $until
            GROUP BY day, c.locale ORDER BY day DESC, c.locale;
            """, range))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deflection.Add(new FaqDeflectionRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)));
            }
        }

        return new FaqInsightsData(queries, withheld, articleRows, deflection);
    }

    public async Task<int> DeleteFaqQueriesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var delete = Command(connection, transaction, "DELETE FROM faq_queries WHERE created_at < $before;", ("$before", before.ToUnixTimeMilliseconds()));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}

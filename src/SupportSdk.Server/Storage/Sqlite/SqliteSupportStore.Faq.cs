using static SupportSdk.Server.Storage.StoreRows;
using System.Text.Json;

namespace SupportSdk.Server.Storage.Sqlite;

internal sealed partial class SqliteSupportStore
{
    public async Task ImportFaqAsync(FaqImport import, CancellationToken cancellationToken)
    {
        await WriteAsync(async (connection, transaction) =>
        {
            foreach (var c in import.Categories)
            {
                await using var upsert = Command(connection, transaction,
                    "INSERT INTO faq_categories(id, locale, name, description, position) VALUES ($id, $locale, $name, $description, $position) ON CONFLICT(id, locale) DO UPDATE SET name = excluded.name, description = excluded.description, position = excluded.position;",
                    ("$id", c.Id), ("$locale", c.Locale), ("$name", c.Name), ("$description", c.Description), ("$position", c.Position));
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var s in import.Sections)
            {
                await using var upsert = Command(connection, transaction,
                    "INSERT INTO faq_sections(id, locale, category_id, name, description, position) VALUES ($id, $locale, $category, $name, $description, $position) ON CONFLICT(id, locale) DO UPDATE SET category_id = excluded.category_id, name = excluded.name, description = excluded.description, position = excluded.position;",
                    ("$id", s.Id), ("$locale", s.Locale), ("$category", s.CategoryId), ("$name", s.Name), ("$description", s.Description), ("$position", s.Position));
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var a in import.Articles)
            {
                await using var upsert = Command(connection, transaction,
                    "INSERT INTO faq_articles(id, locale, external_id, section_id, title, body_html, body_text, labels_json, url, position, updated_at) VALUES ($id, $locale, $external, $section, $title, $html, $text, $labels, $url, $position, $updated) ON CONFLICT(id, locale) DO UPDATE SET external_id = excluded.external_id, section_id = excluded.section_id, title = excluded.title, body_html = excluded.body_html, body_text = excluded.body_text, labels_json = excluded.labels_json, url = excluded.url, position = excluded.position, updated_at = excluded.updated_at;",
                    ("$id", a.Id), ("$locale", a.Locale), ("$external", a.ExternalId), ("$section", a.SectionId), ("$title", a.Title),
                    ("$html", a.BodyHtml), ("$text", a.BodyText), ("$labels", JsonSerializer.Serialize(a.Labels.ToList(), ServerJsonContext.Default.ListString)),
                    ("$url", a.Url), ("$position", a.Position), ("$updated", a.UpdatedAt.ToUnixTimeMilliseconds()));
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FaqImport> LoadFaqAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var categories = new List<StoredCategory>();
        await using (var command = Command(connection, null, "SELECT id, locale, name, description, position FROM faq_categories ORDER BY position, id;"))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                categories.Add(new StoredCategory(r.GetInt64(0), r.GetString(1), r.GetString(2), NullableString(r, 3), r.GetInt32(4)));
            }
        }

        var sections = new List<StoredSection>();
        await using (var command = Command(connection, null, "SELECT id, locale, category_id, name, description, position FROM faq_sections ORDER BY position, id;"))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sections.Add(new StoredSection(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetString(3), NullableString(r, 4), r.GetInt32(5)));
            }
        }

        var articles = new List<StoredArticle>();
        await using (var command = Command(connection, null,
            "SELECT id, locale, external_id, section_id, title, body_html, body_text, labels_json, url, position, updated_at FROM faq_articles ORDER BY position, id;"))
        await using (var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                articles.Add(new StoredArticle(r.GetInt64(0), r.GetString(1), NullableString(r, 2), r.IsDBNull(3) ? null : r.GetInt64(3),
                    r.GetString(4), r.GetString(5), r.GetString(6),
                    JsonSerializer.Deserialize(r.GetString(7), ServerJsonContext.Default.ListString) ?? [],
                    NullableString(r, 8), r.GetInt32(9), FromMs(r.GetInt64(10))));
            }
        }

        return new FaqImport(categories, sections, articles);
    }

    public async Task<(int Helpful, int NotHelpful)?> AddArticleFeedbackAsync(ArticleVote vote, CancellationToken cancellationToken)
    {
        return await WriteAsync<(int, int)?>(async (connection, transaction) =>
        {
            bool? previous = null;
            await using (var read = Command(connection, transaction, "SELECT helpful FROM faq_votes WHERE article_id = $id AND locale = $locale AND voter = $voter;",
                ("$id", vote.ArticleId), ("$locale", vote.Locale), ("$voter", vote.Voter)))
            {
                if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long helpful)
                {
                    previous = helpful != 0;
                }
            }

            // Counts move only when this voter's vote is new or changed: each voter counts once per article.
            var add = vote.Helpful ? "helpful = helpful + 1" : "not_helpful = not_helpful + 1";
            var change = previous is null ? add
                : previous == vote.Helpful ? "helpful = helpful"
                : vote.Helpful ? "helpful = helpful + 1, not_helpful = not_helpful - 1" : "helpful = helpful - 1, not_helpful = not_helpful + 1";
            (int, int)? counts = null;
            await using (var update = Command(connection, transaction,
                $"UPDATE faq_articles SET {change} WHERE id = $id AND locale = $locale RETURNING helpful, not_helpful;",
                ("$id", vote.ArticleId), ("$locale", vote.Locale)))
            await using (var r = await update.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    counts = (r.GetInt32(0), r.GetInt32(1));
                }
            }

            if (counts is null)
            {
                return null;
            }

            await using var upsert = Command(connection, transaction,
                "INSERT INTO faq_votes(article_id, locale, voter, helpful, comment, created_at) VALUES ($id, $locale, $voter, $helpful, $comment, $at) "
                + "ON CONFLICT(article_id, locale, voter) DO UPDATE SET helpful = excluded.helpful, comment = COALESCE(excluded.comment, faq_votes.comment), created_at = excluded.created_at;",
                ("$id", vote.ArticleId), ("$locale", vote.Locale), ("$voter", vote.Voter), ("$helpful", vote.Helpful ? 1 : 0),
                ("$comment", vote.Comment), ("$at", vote.At.ToUnixTimeMilliseconds()));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return counts;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<(int Helpful, int NotHelpful)> GetArticleFeedbackAsync(long articleId, string locale, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT helpful, not_helpful FROM faq_articles WHERE id = $id AND locale = $locale;",
            ("$id", articleId), ("$locale", locale));
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? (r.GetInt32(0), r.GetInt32(1)) : (0, 0);
    }
}

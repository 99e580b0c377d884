using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Tests.Storage;

/// <summary><c>IFaqStore</c>: imports upsert; each voter counts once.</summary>
[TestFixture(typeof(SqliteEngine))]
[TestFixture(typeof(PostgresEngine))]
public sealed class FaqStoreContract<TEngine> : StoreContract<TEngine>
    where TEngine : IStoreEngine, new()
{
    [Test]
    public async Task Faq_imports_upsert_and_feedback_counts()
    {
        var article = new StoredArticle(7, "en-us", "7", 1, "Title", "<p>Body</p>", "Body", ["a", "b"], "https://x/7", 0, T0);
        await _store.ImportFaqAsync(new FaqImport([new StoredCategory(1, "en-us", "Cat", null, 0)], [new StoredSection(1, "en-us", 1, "Sec", null, 0)], [article]), CancellationToken.None);
        await _store.ImportFaqAsync(new FaqImport([], [], [article with { Title = "New title" }]), CancellationToken.None);
        ArticleVote Vote(string voter, bool helpful, long article = 7) => new(article, "en-us", voter, helpful, null, T0);
        var first = await _store.AddArticleFeedbackAsync(Vote("user:a", true), CancellationToken.None);
        var again = await _store.AddArticleFeedbackAsync(Vote("user:a", true), CancellationToken.None);
        var other = await _store.AddArticleFeedbackAsync(Vote("anon:10.0.0.1", false), CancellationToken.None);
        var changed = await _store.AddArticleFeedbackAsync(Vote("user:a", false), CancellationToken.None);
        var missing = await _store.AddArticleFeedbackAsync(Vote("user:a", true, article: 8), CancellationToken.None);
        var loaded = await _store.LoadFaqAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(loaded.Articles.Single().Title, Is.EqualTo("New title"));
            Assert.That(loaded.Articles.Single().Labels, Is.EqualTo(new[] { "a", "b" }));
            Assert.That(loaded.Sections.Single().CategoryId, Is.EqualTo(1));
            Assert.That(first, Is.EqualTo((1, 0)));
            Assert.That(again, Is.EqualTo((1, 0)), "the same voter counts once");
            Assert.That(other, Is.EqualTo((1, 1)));
            Assert.That(changed, Is.EqualTo((0, 2)), "a changed vote moves, it does not add");
            Assert.That(missing, Is.Null);
        });
    }
}

using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

/// <summary>
/// Issue 19: what customers asked the help center and the bot, and what they did next, reaches support leads through
/// <c>GET /v1/agent/faq/insights</c> — poor queries, articles voted not helpful, bot deflection per day and language —
/// and a query that held a secret is counted, never kept.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FaqInsightsTests
{
    private const string Unanswerable = "How do I bake sourdough bread";
    private const string Password = "Tr0ub4dor&3xyz";

    private SupportServerHost _server = null!;
    private FaqInsights _insights = null!;
    private long _votedArticle;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync();

        // Reader 1 searches for something the help center does not cover, twice (once with other case and spacing),
        // then finds a withdrawal article and opens it.
        var reader = await _server.UserAsync("insights-reader");
        await SearchAsync(reader, Unanswerable);
        await SearchAsync(reader, "  how do I BAKE   sourdough bread?? ");
        var found = await SearchAsync(reader, "withdrawal pending");
        Assert.That(found.Items, Is.Not.Empty);
        (await reader.GetAsync($"/v1/faq/articles/{found.Items[0].Id}")).EnsureSuccessStatusCode();

        // Reader 2 finds an article, votes it not helpful with a comment, and opens a ticket.
        var unhappy = await _server.UserAsync("insights-unhappy");
        var card = await SearchAsync(unhappy, "card payment declined");
        _votedArticle = card.Items[0].Id;
        using (var vote = await unhappy.PostAsync($"/v1/faq/articles/{_votedArticle}/feedback", Json("""{"helpful":false,"comment":"It does not say what to do when the bank refuses"}""")))
        {
            Assert.That(vote.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await CreateTicketAsync(unhappy, NewTicket("Card declined"));

        // An anonymous reader searches with a password in the query: it is searched (redacted) and only counted.
        using (var secret = await _server.Anonymous().GetAsync("/v1/faq/search?q=" + Uri.EscapeDataString("login fails, my password is " + Password)))
        {
            Assert.That(secret.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Chats in English: one the bot answers and nobody else joins, one where the bot cannot help and hands off.
        var answered = await _server.UserAsync("insights-chat-answered");
        var first = await StartChatAsync(answered);
        await CustomerSendsAsync(answered, first.Id, "my withdrawal is pending for hours");

        var missed = await _server.UserAsync("insights-chat-missed");
        var second = await StartChatAsync(missed);
        await CustomerSendsAsync(missed, second.Id, Unanswerable);
        await CustomerSendsAsync(missed, second.Id, Unanswerable + " at home");
        Assert.That((await GetChatAsync(missed, "/v1/chats/" + second.Id)).Status, Is.EqualTo(ChatStatus.Queued), "two misses hand the chat to a person");

        // A chat in Chinese that the bot answers.
        var chinese = await _server.UserAsync("insights-chat-zh", "zh-cn");
        var third = await StartChatAsync(chinese);
        await CustomerSendsAsync(chinese, third.Id, "提现一直没有到账怎么办");

        _insights = await ReadAsync(await _server.Agent().GetAsync("/v1/agent/faq/insights?days=1"), SupportJsonContext.Default.FaqInsights);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static async Task<FaqSearchResults> SearchAsync(HttpClient client, string q) =>
        await ReadAsync(await client.GetAsync("/v1/faq/search?locale=en-us&q=" + Uri.EscapeDataString(q)), SupportJsonContext.Default.FaqSearchResults);

    [Test]
    public void Queries_nothing_answered_come_first_normalized_and_with_what_the_customer_did_next()
    {
        var top = _insights.PoorQueries[0];
        Assert.Multiple(() =>
        {
            Assert.That(top.Query, Is.EqualTo("how do i bake sourdough bread"), "case, spacing and closing punctuation folded into one query");
            Assert.That(top.Locale, Is.EqualTo("en-us"));
            Assert.That(top.Asked, Is.EqualTo(3), "two searches and one question to the bot");
            Assert.That(top.Unanswered, Is.EqualTo(3));
            Assert.That(top.AskedForPerson, Is.EqualTo(1), "the bot's question was followed by a handoff");
        });
        Assert.That(_insights.PoorQueries.Select(q => q.Query), Has.None.Contains("withdrawal"), "answered queries are not poor");
    }

    [Test]
    public void A_vote_and_a_ticket_after_a_search_mark_that_search()
    {
        var card = _insights.PoorQueries.Single(q => q.Query == "card payment declined");
        Assert.Multiple(() =>
        {
            Assert.That(card.Unanswered, Is.Zero, "it found an article");
            Assert.That(card.VotedNotHelpful, Is.EqualTo(1));
            Assert.That(card.AskedForPerson, Is.EqualTo(1), "a ticket followed within 30 minutes");
        });
    }

    [Test]
    public async Task A_query_with_a_secret_is_counted_and_never_stored()
    {
        Assert.That(_insights.WithheldQueries, Is.EqualTo(1));
        Assert.That(_insights.PoorQueries.Select(q => q.Query), Has.None.Contains("password"));

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={_server.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(query IS NULL), group_concat(COALESCE(query, ''), '|') FROM faq_queries;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(reader.GetInt32(0), Is.EqualTo(9), "five searches and four questions to the bot were recorded");
            Assert.That(reader.GetInt32(1), Is.EqualTo(1));
            Assert.That(reader.GetString(2), Does.Not.Contain(Password).And.Not.Contain("redacted"));
        });
        Assert.That(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_server.DatabasePath)), Does.Not.Contain(Password), "nowhere in the database file");
    }

    [Test]
    public void Articles_voted_not_helpful_carry_their_title_and_comment()
    {
        var article = _insights.NotHelpfulArticles.Single();
        Assert.Multiple(() =>
        {
            Assert.That(article.ArticleId, Is.EqualTo(_votedArticle));
            Assert.That(article.Title, Is.Not.Empty);
            Assert.That(article.NotHelpful, Is.EqualTo(1));
            Assert.That(article.Helpful, Is.Zero);
            Assert.That(article.Comments, Is.EqualTo(new[] { "It does not say what to do when the bank refuses" }));
        });
    }

    [Test]
    public void Deflection_counts_chats_the_bot_answered_without_a_person_per_day_and_language()
    {
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(_insights.Deflection.Select(d => (d.Date, d.Locale, d.Chats, d.AnsweredByBot, d.Deflected, d.Rate)), Is.EquivalentTo(new[]
        {
            (today, "en-us", 2, 1, 1, 0.5),
            (today, "zh-cn", 1, 1, 1, 1.0),
        }));
    }

    [Test]
    public async Task Only_agents_read_insights_and_bad_ranges_are_refused()
    {
        await AssertProblemAsync(await _server.Anonymous().GetAsync("/v1/agent/faq/insights"), HttpStatusCode.Unauthorized, ErrorCodes.Unauthorized);
        var user = await _server.UserAsync("insights-curious");
        Assert.That((await user.GetAsync("/v1/agent/faq/insights")).StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        Assert.That((await _server.Backend().GetAsync("/v1/agent/faq/insights")).StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
        foreach (var days in new[] { "0", "91", "-1", "seven" })
        {
            await AssertProblemAsync(await _server.Agent().GetAsync("/v1/agent/faq/insights?days=" + days), HttpStatusCode.BadRequest, ErrorCodes.InvalidQuery);
        }
    }
}

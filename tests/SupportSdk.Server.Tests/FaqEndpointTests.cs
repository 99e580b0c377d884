using System.Net;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests;

[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class FaqEndpointTests
{
    private SupportServerHost _server = null!;
    private HttpClient _client => _server.Anonymous();

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Search_returns_ranked_hits_with_highlighted_snippets_and_external_ids()
    {
        var results = await ReadAsync(await _client.GetAsync("/v1/faq/search?q=withdrawal%20fee&locale=en-us&limit=3"), SupportJsonContext.Default.FaqSearchResults);
        Assert.Multiple(() =>
        {
            Assert.That(results.Items, Has.Count.InRange(1, 3));
            Assert.That(results.Items[0].Id, Is.EqualTo(1031));
            Assert.That(results.Items[0].ExternalId, Is.EqualTo("1031"));
            Assert.That(results.Items[0].Url, Does.StartWith("https://help.example-exchange.com/"));
            Assert.That(results.Items[0].Snippet, Does.Contain("<mark>"));
            Assert.That(results.Items.Select(i => i.Score), Is.Ordered.Descending);
        });
    }

    [TestCase("en-us", "withdrawal pending for hours", 1030, "Under review:")]
    [TestCase("en-us", "how long do deposit confirmations take on TRON", 1027, "TRON and TRC-20 tokens")]
    [TestCase("zh-cn", "提币审核中要多久", 1030, "审核中：")]
    public async Task The_snippet_comes_from_the_best_passage_with_the_matched_terms_highlighted(string locale, string query, long article, string passageStart)
    {
        var results = await ReadAsync(await _client.GetAsync($"/v1/faq/search?q={Uri.EscapeDataString(query)}&locale={locale}&limit=3"), SupportJsonContext.Default.FaqSearchResults);
        var hit = results.Items.Single(i => i.Id == article);
        var body = (await ReadAsync(await _client.GetAsync($"/v1/faq/articles/{article}?locale={locale}"), SupportJsonContext.Default.FaqArticle)).BodyText;
        var plain = System.Net.WebUtility.HtmlDecode(hit.Snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal)).Trim('…');
        Assert.Multiple(() =>
        {
            Assert.That(hit.Snippet, Does.Contain("<mark>"));
            Assert.That(body.Split('\n').Where(line => line.Contains(plain, StringComparison.Ordinal)), Has.Some.StartsWith(passageStart), hit.Snippet);
        });
    }

    [Test]
    public async Task Article_links_follow_the_configured_url_template()
    {
        await using var server = await SupportServerHost.StartAsync(o => o.FaqArticleUrlTemplate = "https://www.example-exchange.com/help/{locale}/{id}");
        var client = server.Anonymous();
        var search = await ReadAsync(await client.GetAsync("/v1/faq/search?q=withdrawal%20fee&locale=en-us&limit=1"), SupportJsonContext.Default.FaqSearchResults);
        var suggest = await ReadAsync(await client.GetAsync("/v1/faq/suggest?q=提币&locale=zh-cn"), SupportJsonContext.Default.FaqSuggestions);
        var article = await ReadAsync(await client.GetAsync("/v1/faq/articles/1031?locale=en-us"), SupportJsonContext.Default.FaqArticle);
        var sections = await ReadAsync(await client.GetAsync("/v1/faq/sections?locale=en-us"), SupportJsonContext.Default.FaqSectionList);
        Assert.Multiple(() =>
        {
            Assert.That(search.Items[0].Url, Is.EqualTo("https://www.example-exchange.com/help/en-us/1031"));
            Assert.That(suggest.Items[0].Url, Is.EqualTo($"https://www.example-exchange.com/help/zh-cn/{suggest.Items[0].Id}"));
            Assert.That(article.Url, Is.EqualTo("https://www.example-exchange.com/help/en-us/1031"));
            Assert.That(sections.Items.SelectMany(s => s.Articles).All(a => a.Url == $"https://www.example-exchange.com/help/en-us/{a.Id}"), Is.True);
            Assert.That(() => new SupportServerOptions { FaqArticleUrlTemplate = "/help/articles" }, Throws.ArgumentException);
        });
    }

    [Test]
    public async Task Search_falls_back_to_another_locale_when_the_asked_one_has_no_match()
    {
        var english = await ReadAsync(await _client.GetAsync("/v1/faq/search?q=提现&locale=en-us"), SupportJsonContext.Default.FaqSearchResults);
        var unknownLocale = await ReadAsync(await _client.GetAsync("/v1/faq/search?q=withdrawal&locale=fr-fr"), SupportJsonContext.Default.FaqSearchResults);
        var chineseVariant = await ReadAsync(await _client.GetAsync("/v1/faq/search?q=提现&locale=zh-Hans"), SupportJsonContext.Default.FaqSearchResults);
        Assert.Multiple(() =>
        {
            Assert.That(english.Items, Is.Not.Empty);
            Assert.That(english.Items[0].Locale, Is.EqualTo("zh-cn"));
            Assert.That(unknownLocale.Items[0].Locale, Is.EqualTo("en-us"));
            Assert.That(chineseVariant.Items[0].Locale, Is.EqualTo("zh-cn"));
        });
    }

    [Test]
    public async Task Nonsense_finds_nothing_rather_than_noise()
    {
        var results = await ReadAsync(await _client.GetAsync("/v1/faq/search?q=qwxzvbnmkj&locale=en-us"), SupportJsonContext.Default.FaqSearchResults);
        Assert.That(results.Items, Is.Empty);
    }

    [Test]
    public async Task Suggest_completes_the_last_word()
    {
        var en = await ReadAsync(await _client.GetAsync("/v1/faq/suggest?q=withdr&locale=en-us"), SupportJsonContext.Default.FaqSuggestions);
        var zh = await ReadAsync(await _client.GetAsync("/v1/faq/suggest?q=提&locale=zh-cn"), SupportJsonContext.Default.FaqSuggestions);
        var empty = await ReadAsync(await _client.GetAsync("/v1/faq/suggest?q=&locale=en-us"), SupportJsonContext.Default.FaqSuggestions);
        Assert.Multiple(() =>
        {
            Assert.That(en.Items, Is.Not.Empty);
            Assert.That(en.Items, Has.Count.LessThanOrEqualTo(5));
            Assert.That(en.Items[0].Title, Does.Contain("ithdraw"));
            Assert.That(zh.Items, Is.Not.Empty);
            Assert.That(empty.Items, Is.Empty);
        });
    }

    [Test]
    public async Task Articles_come_in_the_asked_locale_with_their_translation_sharing_the_id()
    {
        var en = await ReadAsync(await _client.GetAsync("/v1/faq/articles/1016?locale=en-us"), SupportJsonContext.Default.FaqArticle);
        var zh = await ReadAsync(await _client.GetAsync("/v1/faq/articles/1016?locale=zh-cn"), SupportJsonContext.Default.FaqArticle);
        Assert.Multiple(() =>
        {
            Assert.That(en.Title, Does.Contain("never ask"));
            Assert.That(zh.Locale, Is.EqualTo("zh-cn"));
            Assert.That(zh.Id, Is.EqualTo(en.Id));
            Assert.That(en.BodyText, Does.Not.Contain("<p>"));
            Assert.That(en.BodyHtml, Does.Contain("<p>"));
            Assert.That(en.SectionId, Is.Not.Null);
        });
    }

    [Test]
    public async Task Sections_list_in_category_order_with_their_articles()
    {
        var sections = await ReadAsync(await _client.GetAsync("/v1/faq/sections?locale=zh-cn"), SupportJsonContext.Default.FaqSectionList);
        Assert.Multiple(() =>
        {
            Assert.That(sections.Items, Has.Count.EqualTo(11));
            Assert.That(sections.Items.All(s => s.Locale == "zh-cn"), Is.True);
            Assert.That(sections.Items.Sum(s => s.Articles.Count), Is.EqualTo(60));
            Assert.That(sections.Items.All(s => s.CategoryName is not null), Is.True);
        });
    }

    [Test]
    public async Task Feedback_counts_votes_per_translation()
    {
        // Three readers (votes count once per reader: a user, or an anonymous client address).
        (await (await _server.UserAsync("faq-voter-1")).PostAsync("/v1/faq/articles/1003/feedback?locale=en-us", Json("""{"helpful":true}"""))).EnsureSuccessStatusCode();
        (await (await _server.UserAsync("faq-voter-2")).PostAsync("/v1/faq/articles/1003/feedback?locale=en-us", Json("""{"helpful":false}"""))).EnsureSuccessStatusCode();
        using var vote = await _client.PostAsync("/v1/faq/articles/1003/feedback?locale=en-us", Json("""{"helpful":true}"""));
        var article = await ReadAsync(await _client.GetAsync("/v1/faq/articles/1003?locale=en-us"), SupportJsonContext.Default.FaqArticle);
        var translation = await ReadAsync(await _client.GetAsync("/v1/faq/articles/1003?locale=zh-cn"), SupportJsonContext.Default.FaqArticle);
        Assert.Multiple(() =>
        {
            Assert.That(vote.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(article.HelpfulCount, Is.EqualTo(2));
            Assert.That(article.NotHelpfulCount, Is.EqualTo(1));
            Assert.That(translation.HelpfulCount, Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Status_and_health_and_openapi_are_public()
    {
        var status = await ReadAsync(await _client.GetAsync("/v1/status"), SupportJsonContext.Default.SupportStatus);
        (await _server.Agent().GetAsync("/v1/agent/tickets")).EnsureSuccessStatusCode();
        var afterAgent = await ReadAsync(await _client.GetAsync("/v1/status"), SupportJsonContext.Default.SupportStatus);
        var openApi = await _client.GetStringAsync("/openapi/v1.json");
        Assert.Multiple(() =>
        {
            Assert.That(status.IsOpen, Is.True, "the default is around the clock");
            Assert.That(status.ResponseTargets.Select(t => t.Priority.Value), Is.EqualTo(new[] { "urgent", "high", "normal", "low" }));
            Assert.That(afterAgent.AgentsOnline, Is.EqualTo(1));
            Assert.That(openApi, Does.Contain("/v1/tickets/{id}/rating").And.Contain("/v1/faq/search").And.Contain("CreateTicketRequest"));
        });
    }

    [Test]
    public void Support_hours_follow_the_configured_time_zone_days_and_hours()
    {
        var options = new SupportServerOptions { SupportTimeZone = "Asia/Shanghai", SupportOpensAtHour = 9, SupportClosesAtHour = 18 };
        options.SupportDays.Remove(DayOfWeek.Sunday);
        var mondayTenShanghai = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
        var mondayEightShanghai = new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
        var sundayNoonShanghai = new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(Status.OpeningHours.IsOpen(options, mondayTenShanghai), Is.True);
            Assert.That(Status.OpeningHours.IsOpen(options, mondayEightShanghai), Is.False);
            Assert.That(Status.OpeningHours.IsOpen(options, sundayNoonShanghai), Is.False);
        });
    }
}

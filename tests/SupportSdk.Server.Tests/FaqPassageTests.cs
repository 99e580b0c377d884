using SupportSdk.Server.Chat;
using SupportSdk.Server.Faq;

namespace SupportSdk.Server.Tests;

/// <summary>Articles split into passages (headings, paragraphs, list items and what introduces them), and the bot's answer built from one.</summary>
[TestFixture]
public sealed class FaqPassageTests
{
    private const string Html = """
        <h2>Statuses</h2>
        <p>After you submit a withdrawal, it moves through these statuses:</p>
        <ul>
        <li><strong>Processing:</strong> the withdrawal is queued.</li>
        <li><p>Under review: our risk team is checking it &amp; may email you.</p></li>
        </ul>
        <p>Replying quickly speeds things up.<br>Do not submit it again.</p>
        <script>var x = "<p>not text</p>";</script>
        """;

    [Test]
    public void Html_splits_into_headings_paragraphs_and_list_items()
    {
        var blocks = HtmlText.ToBlocks(Html);
        Assert.That(blocks, Is.EqualTo(new FaqBlock[]
        {
            new("Statuses", FaqBlockKind.Heading),
            new("After you submit a withdrawal, it moves through these statuses:", FaqBlockKind.Paragraph),
            new("Processing: the withdrawal is queued.", FaqBlockKind.ListItem),
            new("Under review: our risk team is checking it & may email you.", FaqBlockKind.ListItem),
            new("Replying quickly speeds things up.", FaqBlockKind.Paragraph),
            new("Do not submit it again.", FaqBlockKind.Paragraph),
        }));
        Assert.That(HtmlText.ToPlainText(Html), Is.EqualTo(string.Join('\n', blocks.Select(b => b.Text))));
    }

    [Test]
    public void List_items_lead_to_the_line_that_introduces_their_list_and_paragraphs_to_their_heading()
    {
        var doc = Doc(Html);
        Assert.Multiple(() =>
        {
            Assert.That(doc.Passages.Select(p => p.Lead), Is.EqualTo(new[] { -1, 0, 1, 1, 0, 0 }));
            Assert.That(doc.PassageText(3), Is.EqualTo("Under review: our risk team is checking it & may email you."));
            Assert.That(Doc("<ul><li>a</li></ul><p>Then:</p><ul><li>b</li></ul>").Passages.Select(p => p.Lead), Is.EqualTo(new[] { -1, -1, 1 }));
            Assert.That(new FaqDocument(1, "en-us", "T", "one\n\ntwo", [], null).Passages.Select(p => (p.Start, p.End)), Is.EqualTo(new[] { (0, 3), (5, 8) }));
        });
    }

    [Test]
    public void A_search_hit_carries_its_best_passage_and_the_snippet_comes_from_it()
    {
        var index = new FaqSearchIndex([Doc(Html), Doc("<p>Deposits are credited after confirmations.</p>", id: 2)]);
        var hit = index.Search("risk review", "en-us", 5)[0];
        Assert.Multiple(() =>
        {
            Assert.That(hit.Id, Is.EqualTo(1));
            Assert.That(hit.Passage, Is.EqualTo(3));
            Assert.That(hit.Snippet, Is.EqualTo("Under <mark>review</mark>: our <mark>risk</mark> team is checking it &amp; may email you."));
        });
    }

    [Test]
    public void The_answer_is_the_passage_with_its_short_list_or_its_lead_never_the_article_start()
    {
        var doc = Doc(Html);
        var longItems = Doc("<p>Statuses:</p><ul><li>" + new string('a', 300) + ".</li><li>Under review: checked within 2 hours.</li></ul>");
        var longParagraph = Doc("<p>" + string.Join(" ", Enumerable.Repeat("This sentence is about forty characters.", 12)) + "</p>");
        Assert.Multiple(() =>
        {
            Assert.That(ChatBotAnswer.Compose(doc, 3), Is.EqualTo(
                "After you submit a withdrawal, it moves through these statuses:\n• Processing: the withdrawal is queued.\n• Under review: our risk team is checking it & may email you."));
            Assert.That(ChatBotAnswer.Compose(longItems, 2), Is.EqualTo("Statuses:\nUnder review: checked within 2 hours."));
            Assert.That(ChatBotAnswer.Compose(doc, 4), Is.EqualTo("Replying quickly speeds things up."));
            Assert.That(ChatBotAnswer.Compose(longParagraph, 0), Has.Length.LessThanOrEqualTo(ChatBotAnswer.MaxWidth).And.EndWith("characters."));
        });
    }

    private static FaqDocument Doc(string html, long id = 1) => FaqDocument.FromArticle(id, "en-us", "Withdrawals", html, HtmlText.ToPlainText(html), [], null);
}

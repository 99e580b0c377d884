using SupportSdk.Server.Faq;
using SupportSdk.Server.Storage;
using SupportSdk.Testing;

namespace SupportSdk.Benchmarks.Faq;

/// <summary>
/// A help center of any size, half English and half Chinese (an article and its translation share an id, as in the
/// demo export). Each generated article recombines the sentences of the 60 demo articles of its locale and carries a
/// made-up product name, so the vocabulary grows with the corpus instead of staying at the demo's. Its body is
/// paragraphs and lists (so the index holds passages as for real articles). Deterministic.
/// </summary>
internal static class FaqCorpus
{
    public static async Task<FaqImport> GenerateAsync(int articles)
    {
        var demo = await ZendeskImporter.ReadAsync([TestData.HelpCenter], CancellationToken.None);
        var byLocale = demo.Articles.GroupBy(a => a.Locale).ToDictionary(g => g.Key, g => g.OrderBy(a => a.Id).ToArray());
        var random = new Random(20250611);
        var products = Math.Max(200, articles / 20);
        var english = Enumerable.Range(0, products).Select(_ => EnglishWord(random)).ToArray();
        var chinese = Enumerable.Range(0, products).Select(_ => ChineseWord(random)).ToArray();
        var generated = new List<StoredArticle>(articles);
        var perLocale = articles / 2;
        foreach (var (locale, sources) in byLocale.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var zh = locale.StartsWith("zh", StringComparison.Ordinal);
            var sentences = sources.Select(a => Sentences(a.BodyText, zh)).ToArray();
            for (var i = 0; i < perLocale; i++)
            {
                var source = sources[i % sources.Length];
                var other = sentences[(i * 7 + 3) % sources.Length];
                var product = zh ? chinese[i % products] : english[i % products];
                var own = sentences[i % sources.Length];
                var parts = own.Skip(i / sources.Length % Math.Max(1, own.Length)).Concat(own.Take(i / sources.Length % Math.Max(1, own.Length)))
                    .Append(other[i % other.Length]);
                var html = Html((zh ? "关于" + product + "：" : "About " + product + ":"), [.. parts]);
                var title = zh ? source.Title + "（" + product + "）" : source.Title + " (" + product + ")";
                generated.Add(new StoredArticle(100_000 + i, locale, null, source.SectionId, title, html, HtmlText.ToPlainText(html),
                    [.. source.Labels, product], null, i, source.UpdatedAt));
            }
        }

        return new FaqImport(demo.Categories, demo.Sections, generated);
    }

    /// <summary>Paragraphs and lists, as help-center articles are written: every third sentence a paragraph, the two after it list items.</summary>
    private static string Html(string intro, string[] sentences)
    {
        var html = new System.Text.StringBuilder("<p>").Append(intro).Append("</p>");
        for (var k = 0; k < sentences.Length; k += 3)
        {
            html.Append("<p>").Append(sentences[k]).Append("</p>");
            if (k + 1 < sentences.Length)
            {
                html.Append("<ul>");
                foreach (var item in sentences.Skip(k + 1).Take(2))
                {
                    html.Append("<li>").Append(item).Append("</li>");
                }

                html.Append("</ul>");
            }
        }

        return html.ToString();
    }

    private static string[] Sentences(string text, bool chinese) =>
        chinese
            ? text.Split('。', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s + "。").ToArray()
            : text.Split(". ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.TrimEnd('.') + ".").ToArray();

    private static string EnglishWord(Random random)
    {
        const string Consonants = "bcdfghjklmnprstvwxz";
        const string Vowels = "aeiou";
        var length = random.Next(2, 4);
        var chars = new char[length * 2];
        for (var i = 0; i < length; i++)
        {
            chars[2 * i] = Consonants[random.Next(Consonants.Length)];
            chars[(2 * i) + 1] = Vowels[random.Next(Vowels.Length)];
        }

        return new string(chars);
    }

    // Characters from CJK Extension A (rare, still indexed as Chinese): new unigrams and bigrams that no everyday query hits.
    private static string ChineseWord(Random random) =>
        new([(char)random.Next(0x3400, 0x4DC0), (char)random.Next(0x3400, 0x4DC0)]);
}

namespace SupportSdk.Server.Faq;

/// <summary>
/// An article as the index sees it. <see cref="Body"/> is its text, one line per block; <see cref="Passages"/> are
/// those lines (offsets into the body), the units the bot answers with and snippets come from.
/// </summary>
internal sealed record FaqDocument(long Id, string Locale, string Title, string Body, IReadOnlyList<string> Labels, string? SectionName)
{
    public IReadOnlyList<FaqPassage> Passages { get; init; } = FaqPassage.Lines(Body);

    /// <summary>An article from its stored HTML (or, without HTML, its plain text: one passage a line).</summary>
    public static FaqDocument FromArticle(long id, string locale, string title, string html, string text, IReadOnlyList<string> labels, string? sectionName)
    {
        var blocks = HtmlText.ToBlocks(html);
        if (blocks.Count == 0)
        {
            return new FaqDocument(id, locale, title, text, labels, sectionName);
        }

        // The stored text is the same lines (HtmlText made it): keep that string rather than a copy of it.
        string body = string.Join('\n', blocks.Select(b => b.Text));
        return new FaqDocument(id, locale, title, string.Equals(body, text, StringComparison.Ordinal) ? text : body, labels, sectionName)
        {
            Passages = FaqPassage.FromBlocks(blocks),
        };
    }

    public string PassageText(int passage) => Passages[passage].Text(Body);
}

/// <summary>
/// One passage of an article: a heading, a paragraph or a list item, at [Start, End) of the body. A list item's
/// <see cref="Lead"/> is the paragraph or heading that introduces its list ("To cancel:"), a paragraph's the heading
/// above it; -1 when there is none.
/// </summary>
internal readonly record struct FaqPassage(int Start, int End, FaqBlockKind Kind, int Lead)
{
    public string Text(string body) => body[Start..End];

    /// <summary>The lines of plain text, each a paragraph.</summary>
    public static FaqPassage[] Lines(string body)
    {
        var passages = new List<FaqPassage>();
        int start = 0;
        while (start <= body.Length)
        {
            int end = body.IndexOf('\n', start);
            end = end < 0 ? body.Length : end;
            if (end > start)
            {
                passages.Add(new FaqPassage(start, end, FaqBlockKind.Paragraph, -1));
            }

            start = end + 1;
        }

        return [.. passages];
    }

    /// <summary>Passages of blocks joined by '\n', with their leads.</summary>
    public static FaqPassage[] FromBlocks(IReadOnlyList<FaqBlock> blocks)
    {
        var passages = new FaqPassage[blocks.Count];
        int start = 0;
        int heading = -1;
        int listLead = -1;
        for (int i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            int lead = -1;
            switch (block.Kind)
            {
                case FaqBlockKind.Heading:
                    heading = i;
                    break;
                case FaqBlockKind.ListItem:
                    if (i > 0 && blocks[i - 1].Kind != FaqBlockKind.ListItem)
                    {
                        listLead = IntroducesList(blocks[i - 1]) ? i - 1 : heading;
                    }

                    lead = i == 0 ? heading : listLead;
                    break;
                default:
                    lead = heading;
                    break;
            }

            passages[i] = new FaqPassage(start, start + block.Text.Length, block.Kind, lead);
            start += block.Text.Length + 1;
        }

        return passages;
    }

    private static bool IntroducesList(FaqBlock block) =>
        block.Kind == FaqBlockKind.Heading || block.Text.EndsWith(':') || block.Text.EndsWith('：');
}

/// <summary>A search result inside the index: the article, its score, its snippet and its best passage (-1: none).</summary>
internal readonly record struct FaqHit(FaqDocument Document, double Score, string Snippet, int Passage)
{
    public long Id => Document.Id;

    public string Locale => Document.Locale;
}

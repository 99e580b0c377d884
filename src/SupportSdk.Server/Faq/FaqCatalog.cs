using Microsoft.Extensions.Options;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Faq;

/// <summary>
/// The help center held in memory: an immutable snapshot of every article, section and category plus the search
/// index, loaded from the store on first use and swapped atomically after an import — on this node, and on every
/// other node on the same store when it hears of it (<see cref="ReloadAsync"/>). Reads never lock.
/// </summary>
internal sealed class FaqCatalog(IFaqStore store, IOptions<SupportServerOptions> options, SupportSdk.Server.Cluster.IClusterBackplane cluster) : IDisposable
{
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private volatile FaqSnapshot? _snapshot;

    public void Dispose() => _loadGate.Dispose();

    public async ValueTask<FaqSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_snapshot is { } snapshot)
        {
            return snapshot;
        }

        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _snapshot ??= new FaqSnapshot(await store.LoadFaqAsync(cancellationToken).ConfigureAwait(false), options.Value.DefaultLocale, options.Value.FaqArticleUrlTemplate);
        }
        finally
        {
            _loadGate.Release();
        }
    }

    public async Task<FaqSnapshot> ImportAsync(FaqImport import, CancellationToken cancellationToken)
    {
        await store.ImportFaqAsync(import, cancellationToken).ConfigureAwait(false);
        var snapshot = await ReloadAsync(cancellationToken).ConfigureAwait(false);
        cluster.Send(SupportSdk.Server.Cluster.ClusterSignal.FaqChanged);
        return snapshot;
    }

    /// <summary>Another node changed the help center: reloads it, unless nothing here used it yet.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) =>
        _snapshot is null ? Task.CompletedTask : ReloadAsync(cancellationToken);

    /// <summary>Reads the help center from the store again and swaps it in.</summary>
    public async Task<FaqSnapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        await _loadGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _snapshot = new FaqSnapshot(await store.LoadFaqAsync(cancellationToken).ConfigureAwait(false), options.Value.DefaultLocale, options.Value.FaqArticleUrlTemplate);
        }
        finally
        {
            _loadGate.Release();
        }
    }
}

/// <summary>One consistent version of the help center with its index.</summary>
internal sealed class FaqSnapshot
{
    private readonly Dictionary<(long, string), StoredArticle> _articles = [];
    private readonly FaqSearchIndex _index;

    /// <param name="import">The help center.</param>
    /// <param name="defaultLocale">The first fallback locale.</param>
    /// <param name="articleUrlTemplate">Where article links point (<c>{id}</c>, <c>{locale}</c>), or null for the imported URLs.</param>
    public FaqSnapshot(FaqImport import, string defaultLocale, string? articleUrlTemplate = null)
    {
        if (articleUrlTemplate is not null)
        {
            import = import with { Articles = [.. import.Articles.Select(a => a with { Url = ArticleUrl(articleUrlTemplate, a) })] };
        }

        foreach (var article in import.Articles)
        {
            _articles[(article.Id, article.Locale)] = article;
        }

        var sectionNames = import.Sections.ToDictionary(s => (s.Id, s.Locale), s => s.Name);
        _index = new FaqSearchIndex(import.Articles.Select(a => FaqDocument.FromArticle(a.Id, a.Locale, a.Title, a.BodyHtml, a.BodyText, a.Labels,
            a.SectionId is { } sid && sectionNames.TryGetValue((sid, a.Locale), out var name) ? name : null)));
        Locales = [.. import.Articles.Select(a => a.Locale).Distinct(StringComparer.Ordinal)
            .OrderBy(l => string.Equals(l, defaultLocale, StringComparison.Ordinal) ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal)];
        Import = import;
    }

    public FaqImport Import { get; }

    /// <summary>The locales with articles, the default locale first.</summary>
    public IReadOnlyList<string> Locales { get; }

    public int ArticleCount => _articles.Count;

    /// <summary>
    /// The locales to try for a caller's locale: its own, then the same language, then the default, then the rest.
    /// A query written in Chinese characters tries Chinese locales first whatever the UI locale: the asker reads it.
    /// </summary>
    public IEnumerable<string> FallbackOrder(string locale, string? query = null)
    {
        var language = locale.Split('-')[0];
        var hanQuery = query is not null && query.Any(IsHan);
        return Locales
            .OrderBy(l => hanQuery && l.StartsWith("zh", StringComparison.Ordinal) && language != "zh" ? -1 : 0)
            .ThenBy(l => string.Equals(l, locale, StringComparison.Ordinal) ? 0 : l.StartsWith(language + "-", StringComparison.Ordinal) ? 1 : 2);
    }

    private static string ArticleUrl(string template, StoredArticle article) => template
        .Replace("{id}", article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{locale}", Uri.EscapeDataString(article.Locale), StringComparison.Ordinal);

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    public FaqSearchResults Search(string query, string locale, int limit, bool suggest = false) =>
        new() { Items = [.. Hits(query, locale, limit, suggest).Select(ToResult)] };

    /// <summary>The index's hits (article, score, best passage) in the first locale of the fallback order that has any.</summary>
    public IReadOnlyList<FaqHit> Hits(string query, string locale, int limit, bool suggest = false)
    {
        foreach (var candidate in FallbackOrder(locale, query))
        {
            var hits = suggest ? _index.Suggest(query, candidate, limit) : _index.Search(query, candidate, limit);
            if (hits.Count > 0)
            {
                return hits;
            }
        }

        return [];
    }

    public StoredArticle? Find(long id, string locale)
    {
        foreach (var candidate in FallbackOrder(locale))
        {
            if (_articles.TryGetValue((id, candidate), out var article))
            {
                return article;
            }
        }

        return null;
    }

    private FaqSearchHit ToResult(FaqHit hit)
    {
        var article = _articles[(hit.Id, hit.Locale)];
        return new FaqSearchHit
        {
            Id = article.Id,
            ExternalId = article.ExternalId,
            Title = article.Title,
            Snippet = hit.Snippet,
            Score = Math.Round(hit.Score, 4),
            Locale = article.Locale,
            Url = article.Url,
        };
    }
}

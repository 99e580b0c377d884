using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeDemo.Localization;
using ExchangeDemo.Support;
using Microsoft.AspNetCore.Html;

namespace ExchangeDemo.Help;

/// <summary>
/// Links to the exchange's public help center (an article's <c>Url</c>, as the bot and agents send them) open on this
/// site instead: <c>/help/articles/{id}</c>, titled in the visitor's language. The map comes from the help center's
/// sections (every article with its URL, per language) and is refreshed every few minutes.
/// </summary>
public sealed partial class HelpCenterLinks(SupportConnection support) : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(5);
    private static readonly string[] Languages = [Locales.English, Locales.Chinese];
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Map? _map;

    private sealed record Map(DateTimeOffset Loaded, IReadOnlyDictionary<string, long> IdByUrl, IReadOnlyDictionary<(long, string), string> Titles);

    /// <summary>
    /// Support text as HTML: encoded, with each help-center article link turned into a link to this site's page
    /// (<c>class="article-link"</c>). Other links stay plain text: a support message is no place to click through.
    /// </summary>
    public async Task<HtmlString> RenderAsync(string text, UiText ui, CancellationToken cancellationToken)
    {
        var matches = Link().Matches(text);
        if (matches.Count == 0)
        {
            return new HtmlString(WebUtility.HtmlEncode(text));
        }

        var map = await GetAsync(cancellationToken);
        var html = new StringBuilder(text.Length + 64);
        var position = 0;
        foreach (Match link in matches)
        {
            html.Append(WebUtility.HtmlEncode(text[position..link.Index]));
            var url = link.Value.TrimEnd('.', ',', ')');
            position = link.Index + url.Length;
            if (map is not null && map.IdByUrl.TryGetValue(Normalize(url), out var id))
            {
                var title = map.Titles.GetValueOrDefault((id, ui.Locale)) ?? map.Titles.GetValueOrDefault((id, Locales.English)) ?? url;
                html.Append("<a class=\"article-link\" href=\"/help/articles/").Append(id.ToString(CultureInfo.InvariantCulture)).Append("\">")
                    .Append(WebUtility.HtmlEncode(ui.ReadArticle(title))).Append("</a>");
            }
            else
            {
                html.Append(WebUtility.HtmlEncode(url));
            }
        }

        html.Append(WebUtility.HtmlEncode(text[position..]));
        return new HtmlString(html.ToString());
    }

    private async Task<Map?> GetAsync(CancellationToken cancellationToken)
    {
        if (_map is { } map && TimeProvider.System.GetUtcNow() - map.Loaded < Fresh)
        {
            return map;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_map is { } again && TimeProvider.System.GetUtcNow() - again.Loaded < Fresh)
            {
                return again;
            }

            var client = await support.PublicAsync();
            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            var titles = new Dictionary<(long, string), string>();
            foreach (var locale in Languages)
            {
                foreach (var section in (await client.Faq.GetSectionsAsync(locale, cancellationToken)).Items)
                {
                    foreach (var article in section.Articles)
                    {
                        titles[(article.Id, locale)] = article.Title;
                        if (article.Url is { Length: > 0 } url)
                        {
                            ids[Normalize(url)] = article.Id;
                        }
                    }
                }
            }

            return _map = new Map(TimeProvider.System.GetUtcNow(), ids, titles);
        }
        catch (SupportSdk.SupportApiException e) when (e.IsTransient)
        {
            return _map; // an older map, or plain links until support answers again
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static string Normalize(string url) => url.TrimEnd('/').ToLowerInvariant();

    // Absolute links to the help center, and its articles' paths on this site (a server with FaqArticleUrlTemplate
    // already links them here).
    [GeneratedRegex(@"https?://[^\s<>""'，。]+|/help/articles/\d+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}

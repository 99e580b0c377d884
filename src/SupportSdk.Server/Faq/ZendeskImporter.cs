using System.Text.Json;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Faq;

/// <summary>
/// Reads Zendesk Help Center exports (files, or folders of <c>*.json</c> files) into one <see cref="FaqImport"/>.
/// Article ids are kept: an article and its translations share the Zendesk id, which is also the external id.
/// Drafts are skipped.
/// </summary>
internal static class ZendeskImporter
{
    public static async Task<FaqImport> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var categories = new List<StoredCategory>();
        var sections = new List<StoredSection>();
        var articles = new List<StoredArticle>();
        foreach (var file in ExpandFiles(paths))
        {
            ZendeskExport? export;
            try
            {
                await using var stream = File.OpenRead(file);
                export = await JsonSerializer.DeserializeAsync(stream, ServerJsonContext.Default.ZendeskExport, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file} is not a Zendesk Help Center export ({e.Path ?? "root"}).", e);
            }

            if (export is null || (export.Articles is null && export.Sections is null && export.Categories is null))
            {
                throw new InvalidDataException($"{file} has no 'articles', 'sections' or 'categories' list.");
            }

            foreach (var c in export.Categories ?? [])
            {
                categories.Add(new StoredCategory(c.Id, LocaleOf(c.Locale, file), c.Name ?? string.Empty, c.Description, c.Position));
            }

            foreach (var s in export.Sections ?? [])
            {
                sections.Add(new StoredSection(s.Id, LocaleOf(s.Locale, file), s.CategoryId, s.Name ?? string.Empty, s.Description, s.Position));
            }

            foreach (var a in export.Articles ?? [])
            {
                if (a.Draft || string.IsNullOrWhiteSpace(a.Title))
                {
                    continue;
                }

                var html = a.Body ?? string.Empty;
                articles.Add(new StoredArticle(a.Id, LocaleOf(a.Locale, file), a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    a.SectionId, a.Title.Trim(), html, HtmlText.ToPlainText(html), a.LabelNames ?? [], a.HtmlUrl, a.Position,
                    a.UpdatedAt ?? DateTimeOffset.UnixEpoch));
            }
        }

        return new FaqImport(categories, sections, articles);
    }

    private static string LocaleOf(string? locale, string file) =>
        Locales.Normalize(locale) ?? throw new InvalidDataException($"{file} has an item without a valid 'locale'.");

    private static IEnumerable<string> ExpandFiles(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(path))
            {
                yield return path;
            }
            else
            {
                throw new FileNotFoundException($"No file or folder at {path}.", path);
            }
        }
    }
}

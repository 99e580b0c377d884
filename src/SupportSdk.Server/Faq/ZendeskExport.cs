using System.Text.Json.Serialization;

namespace SupportSdk.Server.Faq;

/// <summary>
/// One Zendesk Help Center API list response (<c>GET /api/v2/help_center/{locale}/articles|sections|categories</c>):
/// any of the three arrays may be present.
/// </summary>
internal sealed class ZendeskExport
{
    [JsonPropertyName("articles")]
    public List<ZendeskArticle>? Articles { get; set; }

    [JsonPropertyName("sections")]
    public List<ZendeskSection>? Sections { get; set; }

    [JsonPropertyName("categories")]
    public List<ZendeskCategory>? Categories { get; set; }
}

internal sealed class ZendeskArticle
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("html_url")] public string? HtmlUrl { get; set; }
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("section_id")] public long? SectionId { get; set; }
    [JsonPropertyName("position")] public int Position { get; set; }
    [JsonPropertyName("draft")] public bool Draft { get; set; }
    [JsonPropertyName("label_names")] public List<string>? LabelNames { get; set; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
}

internal sealed class ZendeskSection
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("category_id")] public long? CategoryId { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("position")] public int Position { get; set; }
}

internal sealed class ZendeskCategory
{
    [JsonPropertyName("id")] public long Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("position")] public int Position { get; set; }
}

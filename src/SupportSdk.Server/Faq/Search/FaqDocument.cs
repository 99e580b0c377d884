namespace SupportSdk.Server.Faq;

internal sealed record FaqDocument(long Id, string Locale, string Title, string Body, IReadOnlyList<string> Labels, string? SectionName);

internal readonly record struct FaqHit(long Id, string Locale, double Score, string Snippet);

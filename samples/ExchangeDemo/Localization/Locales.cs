namespace ExchangeDemo.Localization;

/// <summary>The demo's two languages, as Support API locales.</summary>
public static class Locales
{
    public const string English = "en-us";
    public const string Chinese = "zh-cn";

    /// <summary>The cookie that remembers the language the visitor picked.</summary>
    public const string CookieName = "demo-lang";

    public static string? Normalize(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "en" or "en-us" => English,
        "zh" or "zh-cn" or "zh-hans" => Chinese,
        _ => null,
    };
}

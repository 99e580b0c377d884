using System.Text.RegularExpressions;

namespace SupportSdk.Server.Http;

/// <summary>Normalises locale tags to the lower-case form the help center uses (<c>en-us</c>, <c>zh-cn</c>).</summary>
internal static partial class Locales
{
    public static string? Normalize(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var tag = locale.Trim().Replace('_', '-').ToLowerInvariant();
        if (!TagPattern().IsMatch(tag))
        {
            return null;
        }

        return tag switch
        {
            "en" => "en-us",
            "zh" or "zh-hans" or "zh-hans-cn" or "zh-sg" or "zh-hans-sg" => "zh-cn",
            "zh-hant" or "zh-hant-tw" => "zh-tw",
            "zh-hant-hk" => "zh-hk",
            _ => tag,
        };
    }

    /// <summary>Normalises a caller's locale or refuses it with a 400 naming the field.</summary>
    public static string Require(string? locale, string fallback, string field)
    {
        if (locale is null)
        {
            return fallback;
        }

        return Normalize(locale) ?? throw ApiError.Validation(field, "Use a language tag such as en-us or zh-cn.");
    }

    [GeneratedRegex("^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$")]
    private static partial Regex TagPattern();
}

namespace SupportSdk.Channels;

/// <summary>Network names and the link hosts that carry a handle in their first path segment.</summary>
internal static class SocialNetworks
{
    public const string Telegram = "telegram";
    public const string X = "x";

    /// <summary>The canonical network name: lower case, <c>twitter</c> → <c>x</c>.</summary>
    public static string Canonical(string? network)
    {
        var name = (network ?? string.Empty).Trim().ToLowerInvariant();
        return name is "twitter" or "x.com" ? X : name is "tg" or "t.me" ? Telegram : name;
    }

    /// <summary>The network whose profile links live on <paramref name="asciiHost"/>, if any.</summary>
    public static string? NetworkOfHost(string asciiHost)
    {
        var host = asciiHost.StartsWith("www.", StringComparison.Ordinal) ? asciiHost[4..]
            : asciiHost.StartsWith("mobile.", StringComparison.Ordinal) ? asciiHost[7..] : asciiHost;
        return host switch
        {
            "t.me" or "telegram.me" or "telegram.dog" => Telegram,
            "x.com" or "twitter.com" => X,
            "instagram.com" => "instagram",
            "facebook.com" or "fb.com" => "facebook",
            "tiktok.com" => "tiktok",
            "youtube.com" => "youtube",
            "discord.gg" => "discord",
            _ => null,
        };
    }

    /// <summary>The handle in a profile link path (<c>/ExampleExchange</c>, <c>/s/ExampleExchange</c>, <c>/@name</c>), if any.</summary>
    public static string? HandleFromPath(string network, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return null;
        }

        var first = segments[0];
        if (string.Equals(network, Telegram, StringComparison.Ordinal) && first is "s" && segments.Length > 1)
        {
            first = segments[1];
        }

        first = first.TrimStart('@');
        return IsHandle(first) ? first : null;
    }

    /// <summary>Whether the text is a plausible handle: 2–64 letters, digits, <c>_</c> or <c>.</c> (any script, for confusables).</summary>
    public static bool IsHandle(string text) =>
        text.Length is >= 2 and <= 64 && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');
}

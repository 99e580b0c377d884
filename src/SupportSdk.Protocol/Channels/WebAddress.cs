namespace SupportSdk.Channels;

/// <summary>A URL or bare domain split into scheme, userinfo, host and path.</summary>
internal sealed record WebAddress(string Scheme, string UserInfo, HostName Host, string Path)
{
    /// <summary>Whether the scheme is HTTPS (a bare domain counts as HTTPS).</summary>
    public bool IsHttps => string.Equals(Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal);

    /// <summary>Parses a URL; a text without <c>scheme://</c> is read as <c>https://</c> + text.</summary>
    public static WebAddress? Parse(string input)
    {
        var text = input.Trim().Trim('<', '>', '"', '\'');
        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0 || !IsScheme(text.AsSpan(0, separator)))
        {
            text = "https://" + text.TrimStart('/');
        }

        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var authority = text[(schemeEnd + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#', '\\']);
        var path = end < 0 ? "/" : authority[end..];
        authority = end < 0 ? authority : authority[..end];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? string.Empty : authority[..at];
        var hostText = authority[(at + 1)..];
        var colon = hostText.LastIndexOf(':');
        hostText = colon > 0 && !hostText.EndsWith(']') ? hostText[..colon] : hostText;

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            // Uri may already have decoded punycode: keep the input's spelling to tell punycode from raw Unicode.
            var parsed = HostName.Parse(hostText.Contains("xn--", StringComparison.OrdinalIgnoreCase) ? hostText : uri.Host);
            return parsed is null ? null
                : new WebAddress(uri.Scheme.ToLowerInvariant(), Uri.UnescapeDataString(uri.UserInfo), parsed, Uri.UnescapeDataString(uri.AbsolutePath));
        }

        // Not a navigable URL (e.g. "examp|e-exchange.com"), but it may still be shown to a user as one.
        var host = hostText.Length > 0 && !hostText.Any(char.IsWhiteSpace) && hostText.Contains('.', StringComparison.Ordinal) ? HostName.Parse(hostText) : null;
        return host is null ? null : new WebAddress(text[..schemeEnd].ToLowerInvariant(), userInfo, host, path);
    }

    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}

namespace SupportSdk.Channels;

/// <summary>An e-mail address read from <c>a@b.com</c>, <c>mailto:a@b.com</c> or <c>Name &lt;a@b.com&gt;</c>.</summary>
internal sealed record EmailAddress(string? DisplayName, string LocalPart, string Domain)
{
    /// <summary>Parses an address; null when the text is not a single e-mail address.</summary>
    public static EmailAddress? Parse(string text)
    {
        var value = text.Trim();
        string? display = null;
        var open = value.LastIndexOf('<');
        if (open >= 0 && value.EndsWith('>'))
        {
            display = value[..open].Trim().Trim('"', '\'').Trim();
            value = value[(open + 1)..^1].Trim();
        }

        if (value.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            value = value[7..];
            var query = value.IndexOf('?', StringComparison.Ordinal);
            value = query >= 0 ? value[..query] : value;
            value = Uri.UnescapeDataString(value);
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var local = value[..at].Trim('"');
        var domain = value[(at + 1)..].TrimEnd('.');
        if (local.Any(char.IsWhiteSpace) || domain.Any(c => char.IsWhiteSpace(c) || c is '/' or '@' or ':' or '?' or '#') || !domain.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        return new EmailAddress(string.IsNullOrEmpty(display) ? null : display, local, domain);
    }
}

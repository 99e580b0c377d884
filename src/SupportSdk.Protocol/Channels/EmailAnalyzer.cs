namespace SupportSdk.Channels;

/// <summary>Matches an e-mail address against the official e-mail domains.</summary>
internal static class EmailAnalyzer
{
    /// <summary>
    /// Official when the domain is an official e-mail domain or a subdomain of one. Otherwise a lookalike when the
    /// domain imitates an official e-mail or web domain (same rules as for web hosts), when the mailbox name
    /// imitates the brand (exampleexchange.support@gmail.com), or when the display name claims the brand
    /// ("Example Exchange Support" &lt;someone@gmail.com&gt;). Otherwise unknown.
    /// </summary>
    public static Finding Analyze(EmailAddress address, BrandProfile brand)
    {
        var host = HostName.Parse(address.Domain);
        if (host is null)
        {
            return Finding.Unknown;
        }

        foreach (var domain in brand.EmailDomains)
        {
            if (host.IsWithin(domain))
            {
                return Finding.Official(domain);
            }
        }

        var imitated = brand.EmailDomains.Count > 0 ? brand.EmailDomains : brand.WebDomains;
        var domains = brand.EmailDomains.Concat(brand.WebDomains).Distinct(StringComparer.Ordinal).ToArray();
        var primary = (imitated.Count > 0 ? imitated[0] : null) ?? brand.PrimaryDomain ?? address.Domain;
        if (domains.Any(host.IsWithin))
        {
            // An official web domain that is not listed as a mail domain: genuinely the brand's, but not a known mailbox.
            return Finding.Unknown;
        }

        if (DomainAnalyzer.FindLookalike(host, domains, brand) is { } lookalike)
        {
            return lookalike with { Matched = imitated.Contains(lookalike.Matched) ? lookalike.Matched : primary };
        }

        var localCore = Confusables.Core(address.LocalPart);
        if ((brand.CoreWithin(localCore) ?? brand.CoreNearMiss(localCore)) is not null || brand.ContainsAllTokens(localCore))
        {
            return Finding.Lookalike(primary, ChannelReasons.BrandInMailbox);
        }

        if (address.DisplayName is { } display && DomainAnalyzer.NamedBrand(display, domains, brand) is not null)
        {
            return Finding.Lookalike(primary, ChannelReasons.BrandInDisplayName);
        }

        return Finding.Unknown;
    }
}

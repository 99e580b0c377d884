namespace SupportSdk.Channels;

/// <summary>Decides whether a non-official host imitates one of a set of official domains.</summary>
internal static class DomainAnalyzer
{
    /// <summary>
    /// The first matching rule, in order: confusable spelling of an official domain (homoglyph / punycode), the
    /// official domain or brand as a subdomain label, the brand label under another TLD, the brand inside the
    /// registrable label, a near miss of the brand (edit distance), all brand words in the registrable label, the
    /// brand spelled across labels (example.exchange). Null when the host does not look like the brand.
    /// </summary>
    public static Finding? FindLookalike(HostName host, IReadOnlyList<string> domains, BrandProfile brand)
    {
        var skeleton = Confusables.Skeleton(host.Unicode);
        var glyphReason = host.HadPunycode ? ChannelReasons.Punycode : ChannelReasons.Homoglyph;
        foreach (var domain in domains)
        {
            var official = Confusables.Skeleton(domain);
            if (string.Equals(skeleton, official, StringComparison.Ordinal) || skeleton.EndsWith("." + official, StringComparison.Ordinal))
            {
                return Finding.Lookalike(domain, glyphReason);
            }

            if (("." + skeleton + ".").Contains("." + official + ".", StringComparison.Ordinal))
            {
                return Finding.Lookalike(domain, ChannelReasons.BrandSubdomain);
            }
        }

        foreach (var label in host.SubdomainLabels)
        {
            var core = Confusables.Core(label);
            if ((brand.CoreWithin(core) ?? brand.CoreNearMiss(core)) is { } hit)
            {
                return Finding.Lookalike(brand.DomainOf(hit), ChannelReasons.BrandSubdomain);
            }

            if (brand.ContainsAllTokens(core) && brand.PrimaryDomain is { } primary)
            {
                return Finding.Lookalike(primary, ChannelReasons.BrandSubdomain);
            }
        }

        var registrable = Confusables.Skeleton(host.RegistrableLabel);
        foreach (var domain in domains)
        {
            var officialLabel = HostName.Parse(domain)?.RegistrableLabel ?? domain;
            if (string.Equals(registrable, Confusables.Skeleton(officialLabel), StringComparison.Ordinal))
            {
                return Finding.Lookalike(domain, string.Equals(host.RegistrableLabel, officialLabel, StringComparison.Ordinal) ? ChannelReasons.TldVariant : glyphReason);
            }
        }

        var registrableCore = Confusables.StripSeparators(registrable);
        if (brand.CoreWithin(registrableCore) is { } within)
        {
            return Finding.Lookalike(brand.DomainOf(within), ChannelReasons.BrandInDomain);
        }

        if (brand.CoreNearMiss(registrableCore) is { } near)
        {
            // A near miss that relies on non-ASCII letters is a confusable trick, not a typo.
            var usesConfusables = host.HadPunycode || host.Unicode.Any(c => !char.IsAscii(c));
            return Finding.Lookalike(brand.DomainOf(near), usesConfusables ? glyphReason : ChannelReasons.EditDistance);
        }

        if (brand.ContainsAllTokens(registrableCore) && brand.PrimaryDomain is { } first)
        {
            return Finding.Lookalike(first, ChannelReasons.BrandInDomain);
        }

        // The brand spelled across labels, e.g. example.exchange or example.exchange-login.com.
        var hostCore = Confusables.StripSeparators(skeleton);
        return brand.CoreWithin(hostCore) is { } across ? Finding.Lookalike(brand.DomainOf(across), ChannelReasons.BrandInDomain) : null;
    }

    /// <summary>Whether free text (userinfo, a path segment) names an official domain or the brand.</summary>
    public static string? NamedBrand(string text, IReadOnlyList<string> domains, BrandProfile brand)
    {
        var skeleton = Confusables.Skeleton(text);
        foreach (var domain in domains)
        {
            if (skeleton.Contains(Confusables.Skeleton(domain), StringComparison.Ordinal))
            {
                return domain;
            }
        }

        var core = Confusables.StripSeparators(skeleton);
        if (brand.CoreWithin(core) is { } hit)
        {
            return brand.DomainOf(hit);
        }

        return brand.ContainsAllTokens(core) ? brand.PrimaryDomain : null;
    }
}

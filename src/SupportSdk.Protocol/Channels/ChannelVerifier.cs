namespace SupportSdk.Channels;

/// <summary>
/// Verifies URLs, domains, e-mail addresses, phone numbers and social handles against an
/// <see cref="OfficialChannelManifest"/>, offline, and flags lookalikes that imitate an official channel.
/// Verify the manifest's signature with <see cref="ChannelManifestSigner.Verify"/> before trusting it.
/// </summary>
/// <remarks>
/// Inputs are read as: a phone number (<c>tel:</c> URIs and any formatting with only digits, spaces and
/// <c>+-().</c>), an e-mail address (<c>a@b.com</c>, <c>mailto:</c>, <c>Name &lt;a@b.com&gt;</c>), a handle
/// (<c>@name</c>, a bare word, <c>t.me/name</c>, <c>telegram.me/name</c>, <c>x.com/name</c>, <c>twitter.com/name</c>,
/// <c>tg://resolve?domain=name</c>), otherwise a URL or bare domain (HTTPS assumed when no scheme is given).
/// An official domain over plain HTTP is <see cref="InsecureSchemeVerdict"/> (a lookalike by default: the manifest
/// lists HTTPS only, and a plain-HTTP link is what a downgrade or a phishing page would show) with reason
/// <see cref="ChannelReasons.InsecureScheme"/>. Phone numbers are official only when equal after normalisation;
/// a number one digit off is unknown, not a lookalike, because neighbouring numbers are usually somebody else's.
/// </remarks>
public sealed class ChannelVerifier
{
    private readonly BrandProfile _brand;

    /// <summary>Creates a verifier for the channels of <paramref name="manifest"/>.</summary>
    /// <param name="manifest">The (already verified) manifest.</param>
    public ChannelVerifier(OfficialChannelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _brand = new BrandProfile(manifest);
    }

    /// <summary>
    /// The verdict for an official domain reached over plain HTTP or another non-HTTPS scheme; defaults to
    /// <see cref="ChannelVerdict.Lookalike"/>. Set to <see cref="ChannelVerdict.Official"/> to accept such links
    /// (the reason stays <see cref="ChannelReasons.InsecureScheme"/>).
    /// </summary>
    public ChannelVerdict InsecureSchemeVerdict { get; init; } = ChannelVerdict.Lookalike;

    /// <summary>Verifies one channel given as text.</summary>
    /// <param name="input">A URL (with or without scheme), bare domain, e-mail address, phone number or handle.</param>
    /// <returns>The verdict, the kind the input was read as, and the official channel matched or imitated.</returns>
    public ChannelVerification Verify(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (kind, finding) = Classify(input.Trim());
        return new ChannelVerification { Input = input, Verdict = finding.Verdict, Kind = kind, Matched = finding.Matched, Reason = finding.Reason };
    }

    /// <summary>
    /// Whether a link is an official channel: an HTTPS URL on an official domain or a subdomain of it (no
    /// userinfo tricks), or an official profile link (t.me / x.com). Use it to flag links in agent messages.
    /// </summary>
    /// <param name="url">The link; a relative URI is read as a bare domain.</param>
    /// <returns><see langword="true"/> when official.</returns>
    public bool IsOfficialUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.IsAbsoluteUri ? url.OriginalString : url.ToString();
        var (kind, finding) = Classify(text.Trim());
        return finding.Verdict == ChannelVerdict.Official && kind is ChannelKind.Web or ChannelKind.Handle && finding.Reason is null;
    }

    /// <summary>
    /// Finds links in free text: URLs with a scheme (<c>http</c>, <c>https</c>, <c>tg</c>) and bare domains
    /// (<c>example-exchange.com/login</c>, <c>t.me/name</c>), in order of appearance. Bare domains get <c>https://</c>;
    /// trailing punctuation is dropped; e-mail addresses and file names (<c>report.pdf</c>) are not links. The text is
    /// read as a browser would show it: full-width characters as ASCII (NFKC), invisible characters (zero-width space,
    /// joiners, soft hyphen) removed, an ideographic full stop between letters as a dot (<c>evil。com</c>).
    /// </summary>
    /// <param name="text">The text, e.g. an agent message.</param>
    /// <returns>The links found.</returns>
    public static IEnumerable<Uri> ExtractLinks(string text) => LinkExtractor.Extract(text);

    private (ChannelKind Kind, Finding Finding) Classify(string input)
    {
        if (input.Length == 0)
        {
            return (ChannelKind.Web, Finding.Unknown);
        }

        if (PhoneNumber.LooksLikePhone(input))
        {
            return (ChannelKind.Phone, VerifyPhone(input));
        }

        if (input.StartsWith('@') && SocialNetworks.IsHandle(input[1..]))
        {
            return (ChannelKind.Handle, HandleAnalyzer.Analyze(input, null, _brand));
        }

        if (!input.Contains("://", StringComparison.Ordinal) && EmailAddress.Parse(input) is { } email)
        {
            return (ChannelKind.Email, EmailAnalyzer.Analyze(email, _brand));
        }

        if (input.StartsWith("tg:", StringComparison.OrdinalIgnoreCase))
        {
            var at = input.IndexOf("domain=", StringComparison.OrdinalIgnoreCase);
            var name = at < 0 ? string.Empty : input[(at + 7)..].Split('&')[0];
            return (ChannelKind.Handle, SocialNetworks.IsHandle(name) ? HandleAnalyzer.Analyze(name, SocialNetworks.Telegram, _brand) : Finding.Unknown);
        }

        if (!input.Contains('.', StringComparison.Ordinal) && !input.Contains(':', StringComparison.Ordinal) && SocialNetworks.IsHandle(input))
        {
            return (ChannelKind.Handle, HandleAnalyzer.Analyze(input, null, _brand));
        }

        return VerifyUrl(input);
    }

    private Finding VerifyPhone(string input)
    {
        var number = PhoneNumber.Normalise(input);
        var official = number is null ? null : _brand.PhoneNumbers.FirstOrDefault(o => PhoneNumber.Matches(number, o));
        return official is null ? Finding.Unknown : Finding.Official(official);
    }

    private (ChannelKind Kind, Finding Finding) VerifyUrl(string input)
    {
        var url = WebAddress.Parse(input);
        if (url is null)
        {
            return (ChannelKind.Web, Finding.Unknown);
        }

        if (SocialNetworks.NetworkOfHost(url.Host.Ascii) is { } network && url.UserInfo.Length == 0)
        {
            var handle = SocialNetworks.HandleFromPath(network, url.Path);
            if (_brand.Handles.Any(h => string.Equals(h.Network, network, StringComparison.Ordinal)))
            {
                // Invite links (t.me/+abc) and other non-profile paths name no handle: unknown, never official.
                return (ChannelKind.Handle, handle is null ? Finding.Unknown : HandleAnalyzer.Analyze(handle, network, _brand));
            }
        }

        var allDomains = _brand.WebDomains;
        if (url.UserInfo.Length > 0 && DomainAnalyzer.NamedBrand(url.UserInfo, allDomains, _brand) is { } named
            && !allDomains.Any(url.Host.IsWithin))
        {
            return (ChannelKind.Web, Finding.Lookalike(named, ChannelReasons.Userinfo));
        }

        foreach (var domain in allDomains)
        {
            if (url.Host.IsWithin(domain))
            {
                return (ChannelKind.Web, url.IsHttps
                    ? Finding.Official(domain)
                    : new Finding(InsecureSchemeVerdict, domain, ChannelReasons.InsecureScheme));
            }
        }

        if (DomainAnalyzer.FindLookalike(url.Host, allDomains, _brand) is { } lookalike)
        {
            return (ChannelKind.Web, lookalike);
        }

        foreach (var segment in url.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (DomainAnalyzer.NamedBrand(segment, allDomains, _brand) is { } inPath)
            {
                return (ChannelKind.Web, Finding.Lookalike(inPath, ChannelReasons.BrandInPath));
            }
        }

        return (ChannelKind.Web, Finding.Unknown);
    }
}

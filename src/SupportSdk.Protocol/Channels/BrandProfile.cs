using System.Globalization;

namespace SupportSdk.Channels;

/// <summary>The official channels of a manifest, normalised once for matching.</summary>
internal sealed class BrandProfile
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = true };

    public BrandProfile(OfficialChannelManifest manifest)
    {
        WebDomains = NormaliseDomains(manifest.WebDomains);
        EmailDomains = NormaliseDomains(manifest.EmailDomains);
        PhoneNumbers = (manifest.PhoneNumbers ?? []).Select(PhoneNumber.Normalise).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        Handles = (manifest.SocialHandles ?? [])
            .Where(h => h is not null && !string.IsNullOrWhiteSpace(h.Handle))
            .Select(h => new OfficialHandle(SocialNetworks.Canonical(h.Network), h.Handle.Trim().TrimStart('@')))
            .ToArray();

        var cores = new Dictionary<string, string>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var domain in WebDomains.Concat(EmailDomains))
        {
            var label = HostName.Parse(domain)?.RegistrableLabel ?? domain;
            cores.TryAdd(Confusables.Core(label), domain);
            foreach (var token in label.Split('-', StringSplitOptions.RemoveEmptyEntries))
            {
                tokens.Add(Confusables.Skeleton(token));
            }
        }

        PrimaryDomain = WebDomains.Concat(EmailDomains).FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(manifest.Brand) && PrimaryDomain is not null)
        {
            cores.TryAdd(Confusables.Core(manifest.Brand), PrimaryDomain);
        }

        _coreDomains = cores.Where(c => c.Key.Length >= 3).ToDictionary(StringComparer.Ordinal);
        Cores = _coreDomains.Keys.ToArray();
        Tokens = tokens.Where(t => t.Length >= 3).ToArray();
    }

    private readonly Dictionary<string, string> _coreDomains;

    /// <summary>The first official domain, the default "imitated" channel.</summary>
    public string? PrimaryDomain { get; }

    /// <summary>Official web domains, lower-case ASCII.</summary>
    public IReadOnlyList<string> WebDomains { get; }

    /// <summary>Official e-mail domains, lower-case ASCII.</summary>
    public IReadOnlyList<string> EmailDomains { get; }

    /// <summary>Official numbers, E.164.</summary>
    public IReadOnlyList<string> PhoneNumbers { get; }

    /// <summary>Official handles.</summary>
    public IReadOnlyList<OfficialHandle> Handles { get; }

    /// <summary>Brand names as skeleton cores without separators (<c>exampleexchange</c>).</summary>
    public IReadOnlyList<string> Cores { get; }

    /// <summary>Words of the brand's domain labels (<c>example</c>, <c>exchange</c>), as skeletons.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Whether <paramref name="core"/> (a skeleton core) contains every brand token, in any order (needs 2+ tokens).</summary>
    public bool ContainsAllTokens(string core) =>
        Tokens.Count >= 2 && Tokens.All(t => core.Contains(t, StringComparison.Ordinal));

    /// <summary>The official domain a brand core comes from.</summary>
    public string DomainOf(string core) => _coreDomains.TryGetValue(core, out var domain) ? domain : PrimaryDomain ?? core;

    /// <summary>The brand core contained in <paramref name="core"/>, if any.</summary>
    public string? CoreWithin(string core) => Cores.FirstOrDefault(c => core.Contains(c, StringComparison.Ordinal));

    /// <summary>The brand core that <paramref name="core"/> nearly spells, if any.</summary>
    public string? CoreNearMiss(string core) => Cores.FirstOrDefault(c => EditDistance.IsNearMiss(core, c));

    private static string[] NormaliseDomains(IReadOnlyList<string>? domains) =>
        (domains ?? []).Where(d => !string.IsNullOrWhiteSpace(d)).Select(d =>
        {
            var trimmed = d.Trim().TrimEnd('.');
            try
            {
                return Idn.GetAscii(trimmed).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return trimmed.ToLowerInvariant();
            }
        }).Distinct(StringComparer.Ordinal).ToArray();
}

/// <summary>An official handle with its canonical network name.</summary>
internal sealed record OfficialHandle(string Network, string Handle)
{
    public string Display => "@" + Handle;
}

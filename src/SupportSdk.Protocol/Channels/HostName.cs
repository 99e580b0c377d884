using System.Collections.Frozen;
using System.Globalization;

namespace SupportSdk.Channels;

/// <summary>
/// A host name split for lookalike checks: ASCII (punycode) form, Unicode form, and the registrable domain
/// (one label under the public suffix). The public suffix is approximated offline: the last label, or the last two
/// when they form a common second-level suffix (co.uk, com.au, github.io, ...).
/// </summary>
internal sealed class HostName
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = true, UseStd3AsciiRules = false };

    private static readonly FrozenSet<string> TwoLabelSuffixes = new[]
    {
        "co.uk", "org.uk", "me.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "ne.jp", "or.jp",
        "co.kr", "co.in", "co.id", "co.za", "co.il", "com.br", "com.cn", "net.cn", "org.cn", "com.hk", "com.sg", "com.tw",
        "com.tr", "com.mx", "com.ar", "com.my", "com.ph", "com.vn", "com.ng", "com.ua", "com.pk", "com.sa", "com.eg",
        "github.io", "gitlab.io", "pages.dev", "workers.dev", "vercel.app", "netlify.app", "web.app", "firebaseapp.com",
        "herokuapp.com", "azurewebsites.net", "blogspot.com", "appspot.com", "glitch.me", "wixsite.com", "weebly.com",
    }.ToFrozenSet(StringComparer.Ordinal);

    private HostName(string ascii, string unicode, bool hadPunycode)
    {
        Ascii = ascii;
        Unicode = unicode;
        HadPunycode = hadPunycode;
        Labels = unicode.Split('.');
        var suffixLabels = Labels.Length >= 3 && TwoLabelSuffixes.Contains(string.Join('.', Labels[^2..])) ? 2 : 1;
        var registrableIndex = Math.Max(0, Labels.Length - suffixLabels - 1);
        RegistrableLabel = Labels[registrableIndex];
        Suffix = string.Join('.', Labels[(registrableIndex + 1)..]);
        SubdomainLabels = Labels[..registrableIndex];
    }

    /// <summary>Lower-case ASCII form (xn-- labels kept), no trailing dot.</summary>
    public string Ascii { get; }

    /// <summary>Lower-case Unicode form (xn-- labels decoded when possible).</summary>
    public string Unicode { get; }

    /// <summary>Whether any label was written as xn-- punycode in the input (rather than as raw Unicode).</summary>
    public bool HadPunycode { get; }

    /// <summary>Unicode labels.</summary>
    public string[] Labels { get; }

    /// <summary>The label just under the public suffix (<c>example-exchange</c> in <c>www.example-exchange.com</c>).</summary>
    public string RegistrableLabel { get; }

    /// <summary>The public suffix (<c>com</c>, <c>co.uk</c>), empty for a single-label host.</summary>
    public string Suffix { get; }

    /// <summary>The labels left of the registrable label.</summary>
    public string[] SubdomainLabels { get; }

    /// <summary>Parses a host (ASCII or Unicode, any case, optional trailing dot).</summary>
    public static HostName? Parse(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        host = host.Trim().TrimEnd('.');
        if (host.Length == 0 || host.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(host).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            ascii = host.ToLowerInvariant();
        }

        var hadPunycode = host.Contains("xn--", StringComparison.OrdinalIgnoreCase);
        var labels = ascii.Split('.');
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i].StartsWith("xn--", StringComparison.Ordinal))
            {
                try
                {
                    labels[i] = Idn.GetUnicode(labels[i]).ToLowerInvariant();
                }
                catch (ArgumentException)
                {
                    // Undecodable punycode: keep the ASCII label.
                }
            }
        }

        return new HostName(ascii, string.Join('.', labels), hadPunycode);
    }

    /// <summary>Whether this host is <paramref name="domain"/> or a subdomain of it (both lower-case ASCII).</summary>
    public bool IsWithin(string domain) =>
        string.Equals(Ascii, domain, StringComparison.Ordinal) || Ascii.EndsWith("." + domain, StringComparison.Ordinal);
}

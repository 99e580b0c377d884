namespace SupportSdk.Channels;

/// <summary>The values of <see cref="ChannelVerification.Reason"/>.</summary>
public static class ChannelReasons
{
    /// <summary>Confusable characters (Cyrillic/Greek letters, 0 for o, 1 for l, rn for m, ...) spell an official name.</summary>
    public const string Homoglyph = "homoglyph";

    /// <summary>An xn-- (punycode) label decodes to confusable characters spelling an official name.</summary>
    public const string Punycode = "punycode";

    /// <summary>A domain label within a small Damerau-Levenshtein distance of the brand label.</summary>
    public const string EditDistance = "edit_distance";

    /// <summary>The brand name embedded in another registrable domain (example-exchange-help.com, exampleexchange.support).</summary>
    public const string BrandInDomain = "brand_in_domain";

    /// <summary>The official domain or brand used as a subdomain of another domain (example-exchange.com.evil.io).</summary>
    public const string BrandSubdomain = "brand_subdomain";

    /// <summary>The brand label under another top-level domain (example-exchange.co).</summary>
    public const string TldVariant = "tld_variant";

    /// <summary>The brand name in the path of a URL on another host (sites.example/example-exchange-support).</summary>
    public const string BrandInPath = "brand_in_path";

    /// <summary>The official name placed before an <c>@</c> in the URL (https://example-exchange.com@evil.tld): the real host is elsewhere.</summary>
    public const string Userinfo = "userinfo";

    /// <summary>An official domain reached over plain HTTP (or another non-HTTPS scheme).</summary>
    public const string InsecureScheme = "insecure_scheme";

    /// <summary>A handle that imitates an official one (extra words, digits, underscores, confusables, wrong network).</summary>
    public const string HandleVariant = "handle_variant";

    /// <summary>A mailbox on another domain whose name imitates the brand (exampleexchange.support@gmail.com).</summary>
    public const string BrandInMailbox = "brand_in_mailbox";

    /// <summary>An e-mail whose display name claims the brand while the address is not official.</summary>
    public const string BrandInDisplayName = "brand_in_display_name";
}

using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Kestrel settings for a host that serves the Support API.</summary>
public static class SupportKestrelExtensions
{
    /// <summary>
    /// Raises Kestrel's request-line and header limits above the Support API's own (8 KB of URL, 32 KB of headers),
    /// and reads header values as Latin-1 instead of refusing other bytes, so that an over-long or odd request is
    /// answered by the API as problem+json with a stable code (414, 431, 400 <c>bad_request</c>) instead of Kestrel's
    /// empty error response. Requests past the raised limits (64 KB and 128 KB), and requests that are not HTTP at
    /// all, are still refused by Kestrel alone: no application code runs for them.
    /// </summary>
    /// <param name="kestrel">The host's Kestrel options.</param>
    /// <returns>The same options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="kestrel"/> is null.</exception>
    public static KestrelServerOptions UseSupportRequestLimits(this KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, 64 * 1024);
        kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(kestrel.Limits.MaxRequestHeadersTotalSize, 128 * 1024);
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
        return kestrel;
    }
}

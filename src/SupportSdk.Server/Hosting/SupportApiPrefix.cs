using Microsoft.AspNetCore.Http;

namespace SupportSdk.Server.Hosting;

/// <summary>Endpoint metadata: the path the API was mapped under (<c>/v1</c>, <c>/support/v1</c>, …), for the
/// links it answers with (<c>Location</c>).</summary>
internal sealed record SupportApiPrefix(string Prefix)
{
    /// <summary>A path of the API as the caller reaches it: the host's path base, the prefix, then <paramref name="relative"/>.</summary>
    public static string PathOf(HttpContext http, string relative)
    {
        var prefix = http.GetEndpoint()?.Metadata.GetMetadata<SupportApiPrefix>()?.Prefix ?? "/v1";
        return http.Request.PathBase + prefix.TrimEnd('/') + "/" + relative.TrimStart('/');
    }
}

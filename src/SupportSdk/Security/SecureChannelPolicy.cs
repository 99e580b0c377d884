using System.Net;
using SupportSdk.Core;

namespace SupportSdk.Security;

/// <summary>
/// The transport rules checked before any byte leaves the process: HTTPS only (plain HTTP only to loopback when
/// explicitly allowed), no user information in URLs, and only the configured endpoint's host and port.
/// </summary>
internal sealed class SecureChannelPolicy
{
    public SecureChannelPolicy(Uri endpoint, ClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute URI.", nameof(endpoint));
        }

        AllowInsecureLoopback = settings.AllowInsecureLoopback;
        Check(endpoint, endpoint);
        if (settings.AllowedHosts.Count > 0 && !settings.AllowedHosts.Any(h => string.Equals(h, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase)))
        {
            throw new SecureChannelException(SecureChannelFailure.HostNotAllowed,
                $"The endpoint host '{endpoint.IdnHost}' is not one of the allowed hosts.");
        }

        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public bool AllowInsecureLoopback { get; }

    /// <summary>Throws <see cref="SecureChannelException"/> unless <paramref name="uri"/> may be contacted.</summary>
    public void CheckRequest(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new SecureChannelException(SecureChannelFailure.HostNotAllowed, "Requests must use an absolute URI under the endpoint.");
        }

        Check(uri, Endpoint);
    }

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private void Check(Uri uri, Uri endpoint)
    {
        if (uri.UserInfo.Length > 0)
        {
            throw new SecureChannelException(SecureChannelFailure.UserInfoInUrl,
                "URLs with user information (user@host) are refused: they are a common way to disguise the real host.");
        }

        var secure = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase);
        var devLoopback = AllowInsecureLoopback && string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && IsLoopback(uri.Host);
        if (!secure && !devLoopback)
        {
            throw new SecureChannelException(SecureChannelFailure.InsecureScheme,
                $"Only HTTPS is allowed (got '{uri.Scheme}'); plain HTTP is allowed only to a loopback address with AllowInsecureLoopback.");
        }

        if (!string.Equals(uri.IdnHost, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase) || uri.Port != endpoint.Port
            || !string.Equals(uri.Scheme, endpoint.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new SecureChannelException(SecureChannelFailure.HostNotAllowed,
                $"Refusing to send a request to '{uri.IdnHost}': credentials only ever go to the configured endpoint '{endpoint.IdnHost}'.");
        }
    }
}

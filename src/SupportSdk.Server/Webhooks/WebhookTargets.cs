using System.Net;
using System.Net.Sockets;

namespace SupportSdk.Server.Webhooks;

/// <summary>
/// Where a webhook may point (SSRF): an absolute https URL — http only when private targets are allowed — whose host
/// is not, and does not resolve to, a loopback, private, link-local, shared (CGNAT), multicast or unspecified
/// address, unless the host allows private targets. Checked when the URL is registered and again at every connect
/// (DNS can change), so a name cannot be re-pointed at the exchange's own network later.
/// </summary>
internal static class WebhookTargets
{
    /// <summary>Why the URL is refused, or null when it may be registered.</summary>
    public static string? Refusal(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Use an absolute https URL (at most 2,000 characters).";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivate && uri.Scheme == Uri.UriSchemeHttp))
        {
            return "Use an https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "A webhook URL carries no user name, password or fragment.";
        }

        if (!allowPrivate && (IsLocalName(uri.IdnHost) || (IPAddress.TryParse(uri.IdnHost, out var address) && IsPrivate(address))))
        {
            return "The URL points at a private or loopback address.";
        }

        return null;
    }

    public static bool IsLocalName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase);

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && (b[1] & 0xC0) == 64) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || (b[0] == 192 && b[1] == 0 && b[2] == 0) || b[0] >= 224;
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || (address.GetAddressBytes() is [0x20, 0x01, 0x0d, 0xb8, ..]);
    }

    /// <summary>Connects to the first address of the host that may be reached; refuses when none may.</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToList();
        if (allowed.Count == 0 || (!allowPrivate && IsLocalName(target.Host)))
        {
            throw new HttpRequestException("The webhook host resolves to a private or loopback address, which this server does not call.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed.Select(a => new IPEndPoint(a, target.Port)).First(), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

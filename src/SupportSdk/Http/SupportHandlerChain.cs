using System.Net;
using System.Security.Authentication;
using SupportSdk.Security;

namespace SupportSdk.Http;

/// <summary>
/// Assembles the pipeline: <see cref="SupportHandler"/> (secure channel → request identity → resilience →
/// authentication → diagnostics) over the transport, which is the SDK's own TLS-checked <see cref="SocketsHttpHandler"/>
/// or a caller's handler.
/// </summary>
internal static class SupportHandlerChain
{
    /// <summary>The SDK's transport: TLS 1.2+, certificate and pin checks, no redirects, no cookies.</summary>
    public static SocketsHttpHandler CreateTransport(CertificatePinning pinning) =>
        new()
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions =
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                RemoteCertificateValidationCallback = pinning.Validate,
            },
        };
}

/// <summary>Lets a caller-owned <see cref="HttpClient"/> serve as the transport under the SDK's pipeline.</summary>
internal sealed class HttpClientTransport(HttpClient client) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}

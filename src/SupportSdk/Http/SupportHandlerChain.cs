using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Polly;
using SupportSdk.Security;

namespace SupportSdk.Http;

/// <summary>
/// Assembles the fixed pipeline: secure channel → request identity → resilience → authentication → diagnostics →
/// transport. The transport is the SDK's own TLS-checked <see cref="SocketsHttpHandler"/>, or a caller's handler.
/// </summary>
internal static class SupportHandlerChain
{
    public static DelegatingHandler[] CreateHandlers(SecureChannelPolicy policy, CertificatePinning? pinning, SupportCredential credential,
        ResiliencePipeline<HttpResponseMessage> pipeline, ILogger logger) =>
    [
        new SecureChannelHandler(policy, pinning),
        new RequestIdentityHandler(),
        new ResilienceHandler(pipeline),
        new AuthenticationHandler(credential),
        new DiagnosticsHandler(logger),
    ];

    public static HttpMessageHandler Link(IReadOnlyList<DelegatingHandler> handlers, HttpMessageHandler transport)
    {
        HttpMessageHandler inner = transport;
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }

        return inner;
    }

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

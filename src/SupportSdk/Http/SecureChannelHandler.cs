using System.Security.Authentication;
using SupportSdk.Security;

namespace SupportSdk.Http;

/// <summary>
/// Pipeline stage 1 (outermost): refuses any request that breaks the secure-channel policy before a connection is
/// made, refuses redirects to another host, and turns TLS failures into <see cref="SecureChannelException"/>.
/// </summary>
internal sealed class SecureChannelHandler(SecureChannelPolicy policy, CertificatePinning? pinning = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        policy.CheckRequest(request.RequestUri);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (FindTlsFailure(request, e) is { } failure)
        {
            throw new SecureChannelException(failure, Describe(failure), e);
        }

        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var target = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
            if (!string.Equals(target.IdnHost, policy.Endpoint.IdnHost, StringComparison.OrdinalIgnoreCase) || target.Port != policy.Endpoint.Port)
            {
                response.Dispose();
                throw new SecureChannelException(SecureChannelFailure.RedirectToAnotherHost,
                    $"The server redirected to another host ('{target.IdnHost}'); the SDK never follows it.");
            }
        }

        return response;
    }

    private SecureChannelFailure? FindTlsFailure(HttpRequestMessage request, Exception e)
    {
        if (pinning is not null && pinning.TryTakeFailure(request.RequestUri!.IdnHost, out var failure))
        {
            return failure;
        }

        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return SecureChannelFailure.TlsHandshakeFailed;
            }
        }

        return null;
    }

    private static string Describe(SecureChannelFailure failure) => failure switch
    {
        SecureChannelFailure.CertificateInvalid => "The server certificate is not valid for this host or is not trusted.",
        SecureChannelFailure.PinMismatch => "No certificate in the server's chain matches a configured public-key pin.",
        _ => "The TLS handshake with the Support API failed (TLS 1.2 or newer is required).",
    };
}

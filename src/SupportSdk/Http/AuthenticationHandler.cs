using System.Net;
using System.Net.Http.Headers;

namespace SupportSdk.Http;

/// <summary>
/// Pipeline stage 4, inside the retry layer: adds the bearer credential to each attempt; on a 401 asks the credential
/// to refresh once and repeats that attempt once.
/// </summary>
internal sealed class AuthenticationHandler(SupportCredential credential) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        if (token.Length == 0)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var fresh = await credential.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        if (fresh is null || string.Equals(fresh, token, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        var repeat = RequestCopy.Clone(request);
        repeat.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
        return await base.SendAsync(repeat, cancellationToken).ConfigureAwait(false);
    }
}

namespace SupportSdk.Http;

/// <summary>
/// Copies a request for another send. An <see cref="HttpClient"/> transport sends a message only once, so every
/// repeat (a retry, or the attempt after a token refresh) sends a copy sharing the buffered content, headers and
/// options: the bytes on the wire stay identical.
/// </summary>
internal static class RequestCopy
{
    public static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
            Content = request.Content,
        };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        return copy;
    }
}

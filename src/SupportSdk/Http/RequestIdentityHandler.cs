namespace SupportSdk.Http;

/// <summary>
/// Pipeline stage 2, outside the retry layer so that every attempt of one logical call carries the same values: an
/// <c>X-Request-Id</c> and, on every POST, an <c>Idempotency-Key</c> (unless the caller set its own).
/// </summary>
internal sealed class RequestIdentityHandler : DelegatingHandler
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string RequestIdHeader = "X-Request-Id";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.Contains(RequestIdHeader))
        {
            request.Headers.TryAddWithoutValidation(RequestIdHeader, string.Create(36, Guid.NewGuid(), static (span, id) =>
            {
                "req_".CopyTo(span);
                id.TryFormat(span[4..], out _, "N");
            }));
        }

        if (request.Method == HttpMethod.Post && !request.Headers.Contains(IdempotencyKeyHeader))
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, Guid.NewGuid().ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}

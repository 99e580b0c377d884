using System.Net;

namespace SupportSdk.Benchmarks.InMemory;

/// <summary>
/// A transport with no socket: answers <c>GET /v1/tickets/{id}</c>, <c>POST /v1/tickets</c> and
/// <c>GET /v1/faq/search</c> with fixed bodies and the headers the real server sends. It reads the request body to the
/// end, as a real transport would, so serialization of the request is part of every measurement. With
/// <paramref name="asynchronous"/> every answer completes asynchronously (after a <see cref="Task.Yield"/>), as over a
/// socket: then every async frame above the transport suspends and allocates, which a synchronous answer hides.
/// </summary>
public sealed class CannedSupportHandler(CannedPayloads payloads, bool asynchronous = false) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Content is null && !asynchronous ? Task.FromResult(Answer(request)) : DrainThenAnswerAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> DrainThenAnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (asynchronous)
        {
            await Task.Yield();
        }

        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        return Answer(request);
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var (status, body) = path switch
        {
            "/v1/tickets" when request.Method == HttpMethod.Post => (HttpStatusCode.Created, payloads.Ticket),
            "/v1/faq/search" => (HttpStatusCode.OK, payloads.FaqResults),
            _ when path.StartsWith("/v1/tickets/", StringComparison.Ordinal) => (HttpStatusCode.OK, payloads.Ticket),
            _ => (HttpStatusCode.NotFound, payloads.NotFound),
        };
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.TryAddWithoutValidation("Content-Type",
            status == HttpStatusCode.NotFound ? "application/problem+json" : "application/json; charset=utf-8");
        response.Headers.TryAddWithoutValidation("X-Request-Id", "req_0f8e2c1d9b7a4e6f8a0b1c2d3e4f5a6b");
        if (status == HttpStatusCode.Created)
        {
            response.Headers.TryAddWithoutValidation("Location", "/v1/tickets/" + CannedPayloads.TicketId);
        }

        return response;
    }
}

using Polly;

namespace SupportSdk.Http;

/// <summary>Pipeline stage 3: runs each attempt through the (shared) Polly resilience pipeline.</summary>
internal sealed class ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    internal static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("SupportSdk.Request");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        var attempt = 0;
        try
        {
            return await pipeline.ExecuteAsync(
                async (ctx, state) =>
                {
                    // A request message may be sent only once by an HttpClient transport: later attempts send a copy
                    // that shares the (buffered) content, headers and options, so the bytes stay identical.
                    var message = attempt++ == 0 ? state.Request : RequestCopy.Clone(state.Request);
                    return await state.Handler.SendAttemptAsync(message, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt, body included: the response is read to the end inside the attempt, so a connection cut in the
    /// middle of a body is a failed attempt (retried like any transport error), never an error after the call returned.
    /// </summary>
    private async Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

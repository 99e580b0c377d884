using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SupportSdk.AspNetCore;

/// <summary>
/// One webhook request, start to answer: read the body (bounded), verify it, claim its event id, run the handler, and
/// answer 2xx only once the handler has succeeded. Any answer but 2xx makes the sender retry with the same id.
/// </summary>
internal sealed partial class WebhookReceiver(IOptionsMonitor<SupportWebhookOptions> options, IWebhookDeduplicationStore store, TimeProvider time,
    ILogger<WebhookReceiver> logger)
{
    private static readonly string[] SignedHeaders = [WebhookSignature.IdHeader, WebhookSignature.TimestampHeader, WebhookSignature.SignatureHeader];

    public async Task ReceiveAsync(HttpContext context, Func<HttpContext, WebhookEvent, CancellationToken, Task> handle)
    {
        var settings = options.CurrentValue;
        var aborted = context.RequestAborted;
        using var body = await ReadBodyAsync(context.Request, settings.MaxBodyBytes, aborted);
        if (body is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        WebhookEvent webhookEvent;
        try
        {
            webhookEvent = SupportWebhooks.ParseEvent(body.GetBuffer().AsSpan(0, (int)body.Length), SignedHeaderValues(context.Request.Headers), settings.Secrets,
                settings.Tolerance, time);
        }
        catch (WebhookVerificationException e)
        {
            // Nothing in the answer says why: that would help a forger. The log says it, to the operator.
            LogRefused(logger, e.Failure);
            context.Response.StatusCode = e.Failure == WebhookVerificationFailure.MalformedPayload
                ? StatusCodes.Status400BadRequest // only a correctly signed body gets this far
                : StatusCodes.Status401Unauthorized;
            return;
        }

        WebhookEventClaim claim;
        try
        {
            claim = await store.TryClaimAsync(webhookEvent.Id, aborted);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            LogStoreFailed(logger, webhookEvent.Id, e.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (claim != WebhookEventClaim.Claimed)
        {
            LogNotHandled(logger, webhookEvent.Id, claim);
            context.Response.StatusCode = claim == WebhookEventClaim.AlreadyHandled ? StatusCodes.Status204NoContent : StatusCodes.Status409Conflict;
            return;
        }

        try
        {
            await handle(context, webhookEvent, aborted);
        }
        catch (Exception e)
        {
            if (e is not OperationCanceledException || !aborted.IsCancellationRequested)
            {
                LogHandlerFailed(logger, e, webhookEvent.Id, webhookEvent.Type);
            }

            await ReleaseAsync(webhookEvent.Id);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        try
        {
            // Not cancellable: the handler's effect has happened, even if the sender gave up waiting for the answer.
            await store.MarkHandledAsync(webhookEvent.Id, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Handled but not remembered: answered 2xx all the same, since a retry now would surely handle it twice.
            LogStoreFailed(logger, webhookEvent.Id, e.GetType().Name);
            await ReleaseAsync(webhookEvent.Id);
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private async Task ReleaseAsync(string eventId)
    {
        try
        {
            await store.ReleaseAsync(eventId, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogStoreFailed(logger, eventId, e.GetType().Name);
        }
    }

    /// <summary>The three signed headers, each value on its own so a header sent twice is refused rather than joined.</summary>
    private static List<KeyValuePair<string, string>> SignedHeaderValues(IHeaderDictionary headers)
    {
        var values = new List<KeyValuePair<string, string>>(3);
        foreach (var name in SignedHeaders)
        {
            foreach (var value in headers[name])
            {
                values.Add(new(name, value ?? string.Empty));
            }
        }

        return values;
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (then not read further).</summary>
    private static async Task<MemoryStream?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var body = new MemoryStream((int)Math.Min(request.ContentLength ?? 4096, limit));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    await body.DisposeAsync();
                    return null;
                }

                body.Write(chunk, 0, read);
            }

            return body;
        }
        catch
        {
            await body.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "A Support webhook request was refused: {Failure}.")]
    private static partial void LogRefused(ILogger logger, WebhookVerificationFailure failure);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Support webhook event {EventId} not handled again: {Claim}.")]
    private static partial void LogNotHandled(ILogger logger, string eventId, WebhookEventClaim claim);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The handler of Support webhook event {EventId} ({EventType}) failed; answered 500 so that it is sent again.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventId, string eventType);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "The webhook dedupe store failed for event {EventId} ({ExceptionType}).")]
    private static partial void LogStoreFailed(ILogger logger, string eventId, string exceptionType);
}

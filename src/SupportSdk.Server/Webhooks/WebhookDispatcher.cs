using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Webhooks;

/// <summary>
/// Sends due deliveries: claims them in the store (so several nodes never send one at once, and a node that dies
/// lets its claims go once an attempt would have timed out), POSTs each event signed the Standard Webhooks way, and records the
/// outcome: 2xx delivered; 410 disables the endpoint; anything else is retried on the configured schedule (429 and
/// 503 wait at least their Retry-After) until it runs out. An endpoint with no success for
/// <see cref="WebhookOptions.DisableAfterFailingFor"/> is disabled, saying so in its record. Redirects are not
/// followed. Runs on every node, with up to <see cref="MaxInFlight"/> attempts at once (at most
/// <see cref="MaxInFlightPerEndpoint"/> to one endpoint) and a freed slot claimed again at once; wakes when this node
/// commits events, and polls every second for the others'.
/// </summary>
internal sealed partial class WebhookDispatcher(IWebhookStore store, WebhookEvents events, IHttpClientFactory clients, IOptions<SupportServerOptions> options,
    TimeProvider time, ILogger<WebhookDispatcher> logger, SupportSdk.Server.Email.SupportMailer mailer) : BackgroundService
{
    /// <summary>The HTTP client name (SocketsHttpHandler without redirects, with the SSRF connect check).</summary>
    public const string ClientName = "SupportSdk.Webhooks";


    /// <summary>Attempts in flight on one node at most; a freed slot is claimed again at once.</summary>
    internal const int MaxInFlight = 64;

    /// <summary>Attempts in flight to one endpoint at most: a slow or stalled receiver holds half of the slots, never
    /// all, so the others' events keep flowing.</summary>
    internal const int MaxInFlightPerEndpoint = MaxInFlight / 2;

    /// <summary>The fewest deliveries a claim asks for while slots are free (one claim is one write transaction).</summary>
    private const int MinClaim = 8;

    private const int MaxResponseChars = 1024;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new List<(string Webhook, Task Attempt)>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                running.RemoveAll(r => r.Attempt.IsCompleted);
                var free = MaxInFlight - running.Count;
                var claimed = 0;
                var limit = 0;
                if (free > 0)
                {
                    try
                    {
                        // A claim may all go to one endpoint, so it takes no more than the fullest endpoint's room; an
                        // endpoint within MinClaim of its share is skipped, so a claim is never smaller than that.
                        var counts = running.CountBy(r => r.Webhook, StringComparer.Ordinal).ToList();
                        var busy = counts.Where(c => c.Value > MaxInFlightPerEndpoint - MinClaim).Select(c => c.Key).ToList();
                        var room = MaxInFlightPerEndpoint - counts.Select(c => c.Value).Where(n => n <= MaxInFlightPerEndpoint - MinClaim).DefaultIfEmpty(0).Max();
                        limit = Math.Min(free, room);
                        foreach (var delivery in await ClaimAsync(limit, busy, stoppingToken).ConfigureAwait(false))
                        {
                            running.Add((delivery.Webhook.Id, AttemptAsync(delivery, stoppingToken)));
                            claimed++;
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
                    {
                        LogRoundFailed(logger, e.GetType().Name);
                    }
                }

                // More may be due at once when the claim came back full and slots are left; otherwise wait for a
                // slot to free, this node's next commit, or the poll for other nodes' events.
                if (claimed < limit || limit == 0 || running.Count >= MaxInFlight)
                {
                    await WaitAsync(running.Select(r => r.Attempt), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Attempts cut short by the stop record nothing: their claims lapse and another run sends them again.
            await Task.WhenAll(running.Select(r => r.Attempt)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int limit, IReadOnlyCollection<string> busy, CancellationToken cancellationToken)
    {
        // Held a little longer than an attempt may take: a node that dies mid-attempt lets its claims go soon after.
        var now = time.GetUtcNow();
        var hold = options.Value.Webhooks.AttemptTimeout + TimeSpan.FromSeconds(5);
        return store.ClaimDeliveriesAsync(now, now + hold, limit, busy, cancellationToken);
    }

    private async Task WaitAsync(IEnumerable<Task> attempts, CancellationToken stoppingToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        wait.CancelAfter(Poll);
        var woken = events.Wakes.ReadAsync(wait.Token).AsTask();
        var slotFreed = Task.WhenAny(attempts.DefaultIfEmpty(Task.Delay(Timeout.Infinite, wait.Token)));
        await Task.WhenAny(woken, slotFreed).ConfigureAwait(false);
        await wait.CancelAsync().ConfigureAwait(false);
        await ((Task)woken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AttemptAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(claimed, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && e is not OutOfMemoryException)
        {
            // The outcome could not be recorded (the store is down): the claim lapses and the delivery is sent again.
            LogRoundFailed(logger, e.GetType().Name);
        }
    }

    private async Task SendAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        var o = options.Value.Webhooks;
        var (delivery, e, webhook) = claimed;
        var body = Body(e);
        var sentAt = time.GetUtcNow();
        var timestamp = sentAt.ToUnixTimeSeconds();
        var signatures = WebhookSignature.Sign(webhook.Secret, e.Id, timestamp, body);
        if (webhook.PreviousSecret is { } previous && webhook.PreviousSecretUntil > sentAt)
        {
            signatures += " " + WebhookSignature.Sign(previous, e.Id, timestamp, body);
        }

        int? status = null;
        string? response;
        TimeSpan? retryAfter = null;
        var watch = Stopwatch.StartNew();
        if (webhook.Url.StartsWith(SupportSdk.Server.Email.SupportMailer.Scheme, StringComparison.Ordinal))
        {
            // Support's own mail, from the same outbox: a mail server that fails is retried on the same schedule.
            using var mailAttempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            mailAttempt.CancelAfter(o.AttemptTimeout);
            bool sent;
            try
            {
                (sent, status, response) = await mailer.DeliverAsync(e, mailAttempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (sent, response) = (false, $"No answer within {o.AttemptTimeout.TotalSeconds:0} s.");
            }

            status = sent ? 200 : status is >= 500 ? status : 503;
        }
        else
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, e.Id);
                request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, signatures);
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(o.AttemptTimeout);
                using var answer = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token).ConfigureAwait(false);
                status = (int)answer.StatusCode;
                retryAfter = answer.Headers.RetryAfter is { } ra ? ra.Delta ?? (ra.Date is { } d ? d - sentAt : null) : null;
                response = await ReadStartAsync(answer, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                response = $"No answer within {o.AttemptTimeout.TotalSeconds:0} s.";
            }
            catch (HttpRequestException x)
            {
                response = x.HttpRequestError is HttpRequestError.Unknown ? x.Message : x.HttpRequestError.ToString();
            }
        }

        var at = time.GetUtcNow();
        var delivered = status is >= 200 and < 300;
        DateTimeOffset? next = null;
        string? disable = null;
        if (!delivered)
        {
            var schedule = o.Schedule;
            if (status == 410)
            {
                disable = "The endpoint answered 410 Gone.";
            }
            else if (delivery.Attempts < schedule.Count)
            {
                var wait = schedule[delivery.Attempts];
                wait += TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * wait.TotalMilliseconds * 0.1); // jitter: retries of many deliveries spread out
                if (status is 429 or 503 && retryAfter is { } asked && asked > wait)
                {
                    wait = asked;
                }

                next = at + wait;
            }

            if (disable is null && webhook.FailingSince is { } since && at - since >= o.DisableAfterFailingFor
                && !webhook.Url.StartsWith(SupportSdk.Server.Email.SupportMailer.Scheme, StringComparison.Ordinal)) // support's own mail keeps trying
            {
                disable = $"No successful delivery since {since:yyyy-MM-dd HH:mm} UTC ({o.DisableAfterFailingFor.TotalDays:0.#} days): disabled.";
                next = null;
            }
        }

        await store.RecordAttemptAsync(new AttemptOutcome(delivery.Id, webhook.Id, at, delivered, status, response, (int)watch.ElapsedMilliseconds, next, disable),
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The request body: the event envelope, with the stored data snapshot inlined as JSON.</summary>
    internal static byte[] Body(StoredEvent e)
    {
        var envelope = new StringBuilder(e.DataJson.Length + 256);
        envelope.Append("{\"id\":").Append(Json(e.Id)).Append(",\"type\":").Append(Json(e.Type))
            .Append(",\"occurredAt\":").Append(Json(e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)))
            .Append(",\"ticketId\":").Append(e.TicketId is null ? "null" : Json(e.TicketId))
            .Append(",\"chatId\":").Append(e.ChatId is null ? "null" : Json(e.ChatId))
            .Append(",\"sequence\":").Append(e.Sequence.ToString(CultureInfo.InvariantCulture))
            .Append(",\"data\":").Append(e.DataJson).Append('}');
        return Encoding.UTF8.GetBytes(envelope.ToString());
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value, ServerJsonContext.Default.String);

    private static async Task<string> ReadStartAsync(HttpResponseMessage answer, CancellationToken cancellationToken)
    {
        await using var stream = await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[MaxResponseChars];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "A webhook delivery round failed ({ExceptionType}); the next round retries.")]
    private static partial void LogRoundFailed(ILogger logger, string exceptionType);
}

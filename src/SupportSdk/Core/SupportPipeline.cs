using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Polly.CircuitBreaker;
using SupportSdk.Http;
using SupportSdk.Telemetry;

namespace SupportSdk.Core;

/// <summary>
/// Sends one logical call through the handler chain and turns the outcome into a model or a typed exception. JSON
/// goes only through <see cref="SupportJsonContext"/>.
/// </summary>
internal sealed class SupportPipeline(Func<HttpMessageInvoker> invoker, Uri endpoint, ClientSettings settings)
{
    private const int MaxErrorBody = 64 * 1024;
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };
    private readonly Uri _base = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");

    public ClientSettings Settings { get; } = settings;

    /// <summary>The endpoint with a trailing slash: relative paths resolve under it.</summary>
    public Uri BaseAddress => _base;

    public static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonType;
        return content;
    }

    /// <summary>Sends the request and reads the successful response's JSON body as <typeparamref name="T"/>, or throws.</summary>
    public Task<T> SendAsync<T>(string operation, HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> responseType,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken) =>
        SendCoreAsync(operation, method, path, content, configure, responseType, static (response, type) =>
        {
            using (response)
            {
                return Read(response, type);
            }
        }, cancellationToken);

    /// <summary>Sends the request; returns the successful response (the caller disposes it) or throws.</summary>
    public Task<HttpResponseMessage> SendRawAsync(string operation, HttpMethod method, string path, HttpContent? content,
        Action<HttpRequestMessage>? configure, CancellationToken cancellationToken) =>
        SendCoreAsync(operation, method, path, content, configure, (object?)null, static (response, _) => response, cancellationToken);

    /// <summary>
    /// The body is already in memory (the handler read it inside the attempt), so it is parsed synchronously from the
    /// pooled buffer: no stream, no async reader.
    /// </summary>
    private static T Read<T>(HttpResponseMessage response, JsonTypeInfo<T> type)
    {
        try
        {
            var value = JsonSerializer.Deserialize(Body(response), type);
            return value ?? throw new SupportApiException("The Support API returned an empty body.", (int)response.StatusCode, SupportApiException.InvalidResponseErrorCode, RequestId(response));
        }
        catch (JsonException e)
        {
            throw new SupportApiException("The Support API returned a body this SDK cannot read.", (int)response.StatusCode, SupportApiException.InvalidResponseErrorCode, RequestId(response), e);
        }
    }

    /// <summary>
    /// One async method for the whole call (each awaiting frame that suspends on a socket allocates): sends, turns a
    /// failure into a typed exception, and hands the successful response to <paramref name="read"/>.
    /// </summary>
    private async Task<TResult> SendCoreAsync<TResult, TState>(string operation, HttpMethod method, string path, HttpContent? content,
        Action<HttpRequestMessage>? configure, TState state, Func<HttpResponseMessage, TState, TResult> read, CancellationToken cancellationToken)
    {
        // Without a listener no span is made, so its name is not even built (72 bytes a call).
        using var activity = SupportTelemetry.ActivitySource.HasListeners()
            ? SupportTelemetry.ActivitySource.StartActivity("SupportSdk " + operation, ActivityKind.Client)
            : null;
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        request.Headers.TryAddWithoutValidation("Accept", "application/json"); // no parsed header objects: 200 bytes a call
        configure?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            // The handler has read the body into a pooled buffer already: an HttpClient (dependency injection) must not copy it again.
            var sender = invoker();
            response = await (sender is HttpClient client
                ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                : sender.SendAsync(request, cancellationToken)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (TransientFailures.ErrorCodeOf(e) is { } code)
        {
            throw Transport(code, request, e);
        }
        finally
        {
            SupportTelemetry.CallDuration.Record(Stopwatch.GetElapsedTime(start).TotalMilliseconds, new KeyValuePair<string, object?>("operation", operation));
        }

        activity?.SetTag("http.response.status_code", (int)response.StatusCode);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw ToException(response);
            }
        }

        return read(response, state);
    }

    private static string SdkUserAgent { get; } = "SupportSdk/" + (typeof(SupportPipeline).Assembly.GetName().Version?.ToString(3) ?? "0") + " dotnet/" + Environment.Version.ToString(2);

    private readonly string _userAgent = settings.ApplicationId is { } app ? SdkUserAgent + " " + app : SdkUserAgent;

    /// <summary>A call that got no answer: why, in the words of its error code.</summary>
    private static SupportApiException Transport(string code, HttpRequestMessage request, Exception inner)
    {
        var message = code switch
        {
            SupportApiException.CircuitOpenErrorCode => "The Support API circuit breaker is open after repeated failures; the call was not attempted.",
            SupportApiException.TimeoutErrorCode => "The Support API did not answer within the timeout.",
            SupportApiException.InvalidResponseErrorCode => $"The Support API's response is larger than the SDK reads ({BufferedBody.MaxLength / (1024 * 1024)} MB).",
            _ => "The Support API could not be reached.",
        };
        return new(message, 0, code, request.Headers.TryGetValues(SupportHandler.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null, inner)
        {
            RetryAfter = (inner as BrokenCircuitException)?.RetryAfter,
        };
    }

    private SupportApiException ToException(HttpResponseMessage response)
    {
        var bytes = Body(response);
        var body = Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxErrorBody)]);
        SupportProblem? problem = null;
        if (body.Length > 0)
        {
            try
            {
                problem = JsonSerializer.Deserialize(body, SupportJsonContext.Default.SupportProblem);
            }
            catch (JsonException)
            {
                // Not a problem document (a proxy's HTML page, say): keep the raw body.
            }
        }

        var status = (int)response.StatusCode;
        var code = problem?.Code is { Length: > 0 } c ? c : SupportApiException.HttpStatusErrorCodePrefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var title = problem?.Title is { Length: > 0 } t ? t : response.ReasonPhrase ?? "The request failed.";
        var requestId = problem?.RequestId is { Length: > 0 } r ? r : RequestId(response);
        if (status == 422 && code == ErrorCodes.SensitiveDataBlocked)
        {
            return new SensitiveDataException($"{title} (HTTP 422, {code}, request {requestId ?? "unknown"})", problem?.Findings ?? [], blockedOnDevice: false, requestId)
            {
                Problem = problem,
                RawBody = body,
            };
        }

        return new SupportApiException($"{title} (HTTP {status}, {code}, request {requestId ?? "unknown"})", status, code, requestId)
        {
            Problem = problem,
            RawBody = body,
            RetryAfter = SupportResilience.RetryAfter(response, TimeSpan.MaxValue, Settings.Time),
        };
    }

    /// <summary>The body <see cref="SupportHandler"/> read inside the attempt; every response it returns carries one.</summary>
    private static ReadOnlySpan<byte> Body(HttpResponseMessage response) => ((BufferedBody)response.Content).Span;

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out var values) ? values.FirstOrDefault() : null;
}

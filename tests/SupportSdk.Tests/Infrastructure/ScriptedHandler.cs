using System.Net;
using System.Text;

namespace SupportSdk.Tests.Infrastructure;

/// <summary>One request as the transport saw it.</summary>
public sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A transport stub that answers from a script, records every request (method, path, headers, body bytes) and fails
/// the test on any call beyond the script.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? _otherwise;

    public ScriptedHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? otherwise = null) => _otherwise = otherwise;

    public List<RecordedRequest> Requests { get; } = [];

    public ScriptedHandler Then(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null) =>
        Then((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json ?? Problem(status), Encoding.UTF8, json is null && (int)status >= 400 ? "application/problem+json" : "application/json") };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public ScriptedHandler Then(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> step)
    {
        _script.Enqueue(step);
        return this;
    }

    public ScriptedHandler ThenThrow(Exception exception) => Then((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>An attempt that never answers until it is cancelled (an attempt timeout or the caller's token).</summary>
    public ScriptedHandler ThenHang() => Then(async (_, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    public static string Problem(HttpStatusCode status, string? code = null) =>
        $$"""{"type":"about:blank","title":"Scripted {{(int)status}}","status":{{(int)status}},"code":"{{code ?? "scripted_" + (int)status}}","requestId":"req_scripted"}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        lock (Requests)
        {
            Requests.Add(new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, headers, body));
        }

        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>? step;
        lock (_script)
        {
            _script.TryDequeue(out step);
        }

        step ??= _otherwise ?? ((r, _) => throw new AssertionException($"Unexpected extra call #{Requests.Count}: {r.Method} {r.RequestUri}"));
        return await step(request, cancellationToken);
    }
}

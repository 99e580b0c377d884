using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportSdk.Server.Tests.Webhooks;

/// <summary>A real HTTP receiver on loopback (Kestrel): records every POST (headers and body) and answers what the
/// test scripts per request (200 by default).</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Decides the answer to the n-th request (0-based): status and optional Retry-After seconds.</summary>
    public Func<int, (int Status, int? RetryAfter)> Answer { get; set; } = _ => (200, null);

    public string Url { get; private set; } = string.Empty;

    /// <summary>Gets or sets a task every answer waits for once its request is recorded (a stalled receiver).</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>Gets how many requests were answered.</summary>
    public int Answered => Volatile.Read(ref _answered);

    private int _answered;

    /// <summary>Gets or sets the Location sent with a 3xx answer.</summary>
    public string? RedirectTo { get; set; }

    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        var count = 0;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var n = Interlocked.Increment(ref count) - 1;
            var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var (status, retryAfter) = receiver.Answer(n);
            receiver.Requests.Enqueue(new Received(headers, body.ToArray(), status));
            receiver._arrived.Release();
            await receiver.Gate;
            Interlocked.Increment(ref receiver._answered);
            if (retryAfter is { } seconds)
            {
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (status is >= 300 and < 400 && receiver.RedirectTo is { } location)
            {
                http.Response.Headers.Location = location;
            }

            http.Response.StatusCode = status;
            await http.Response.WriteAsync("answer " + n);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests in all have arrived.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Requests.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.That(left, Is.GreaterThan(TimeSpan.Zero), $"{Requests.Count} of {count} webhook requests arrived in time");
            await _arrived.WaitAsync(left);
        }

        return [.. Requests];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    internal sealed record Received(IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus)
    {
        public WebhookEvent Event => System.Text.Json.JsonSerializer.Deserialize(Body, SupportJsonContext.Default.WebhookEvent)!;

        public string Text => System.Text.Encoding.UTF8.GetString(Body);

        public bool SignedBy(params string[] secrets) =>
            WebhookSignature.Matches(secrets, Headers[WebhookSignature.IdHeader], Headers[WebhookSignature.TimestampHeader], Headers[WebhookSignature.SignatureHeader], Body);
    }
}

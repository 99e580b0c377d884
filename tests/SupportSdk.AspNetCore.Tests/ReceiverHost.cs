using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk.AspNetCore;

namespace SupportSdk.AspNetCore.Tests;

/// <summary>
/// A real ASP.NET Core host on a loopback port (Kestrel, real sockets) with <c>MapSupportWebhooks</c> at
/// <c>/hooks/support</c>, a fake clock for the receiver, and every log line kept; requests are signed the way the
/// Support API signs them (<see cref="WebhookSignature.Sign"/>).
/// </summary>
public sealed class ReceiverHost : IAsyncDisposable
{
    public const string Path = "/hooks/support";
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly WebApplication _app;

    private ReceiverHost(WebApplication app, FakeTimeProvider time, Uri address, ConcurrentQueue<string> logs)
    {
        _app = app;
        Time = time;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address };
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public ConcurrentQueue<string> Logs { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<ReceiverHost> StartAsync(Func<WebhookEvent, CancellationToken, Task> handler, Action<SupportWebhookOptions>? configure = null,
        Action<IServiceCollection>? services = null, FakeTimeProvider? time = null) =>
        StartAsync(app => app.MapSupportWebhooks(Path, handler), configure, services, time);

    public static async Task<ReceiverHost> StartAsync(Action<WebApplication> map, Action<SupportWebhookOptions>? configure = null,
        Action<IServiceCollection>? services = null, FakeTimeProvider? time = null, bool addWebhooks = true)
    {
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        var logs = new ConcurrentQueue<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logs));
        builder.Services.AddSingleton<TimeProvider>(time);
        if (addWebhooks)
        {
            builder.Services.AddSupportWebhooks(o =>
            {
                o.Secrets.Add(Secret);
                configure?.Invoke(o);
            });
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        try
        {
            map(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ReceiverHost(app, time, new Uri(address), logs);
    }

    /// <summary>A request signed now (by the host's clock) with <paramref name="secrets"/> (default: the receiver's secret).</summary>
    public HttpRequestMessage SignedRequest(string body, string id, long? timestamp = null, params string[] secrets)
    {
        var sentAt = timestamp ?? Time.GetUtcNow().ToUnixTimeSeconds();
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = string.Join(' ', (secrets.Length == 0 ? [Secret] : secrets).Select(s => WebhookSignature.Sign(s, id, sentAt, bytes)));
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, id);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, sentAt.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, signature);
        return request;
    }

    public async Task<HttpResponseMessage> PostAsync(string body, string id, long? timestamp = null, params string[] secrets)
    {
        using var request = SignedRequest(body, id, timestamp, secrets);
        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(ConcurrentQueue<string> lines, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// The receiving end of the webhook benchmark, in this process on 127.0.0.1: a bare Kestrel endpoint that notes when
/// each event arrived (by its <c>ticketId</c>) and answers 204 at once. No signature check or dedupe: the figures are
/// the server's. While <see cref="Hold"/> is on, requests wait (so the server's sender waits with them) until
/// <see cref="Release"/>.
/// </summary>
public sealed class BenchWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private TaskCompletionSource? _gate;
    private TaskCompletionSource<long>? _all;
    private int _expected;
    private int _arrived;
    private int _held;

    private BenchWebhookReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First().TrimEnd('/') + "/hooks");

    /// <summary>Whether arrivals are kept by ticket for <see cref="WaitForTicketAsync"/> (the paced phase only: an event
    /// may arrive before the API's answer reaches the caller, so its arrival is kept until asked for).</summary>
    public bool TrackTickets { get; set; }

    /// <summary>Requests waiting behind <see cref="Hold"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    public static async Task<BenchWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new BenchWebhookReceiver(app);
        app.MapPost("/hooks", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Completes with the arrival time (<see cref="Stopwatch"/> ticks) of the event about this ticket, and forgets it.</summary>
    public async Task<long> WaitForTicketAsync(string ticketId, TimeSpan timeout)
    {
        var arrived = await Slot(ticketId).Task.WaitAsync(timeout);
        _waiting.TryRemove(ticketId, out _);
        return arrived;
    }

    /// <summary>The one completion both sides use, whichever comes first: the caller with the API's answer or the event.</summary>
    private TaskCompletionSource<long> Slot(string ticketId) =>
        _waiting.GetOrAdd(ticketId, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Starts counting arrivals afresh; completes with the time of the <paramref name="count"/>-th.</summary>
    public Task<long> CountAsync(int count)
    {
        lock (_lock)
        {
            _arrived = 0;
            _expected = count;
            _all = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _all.Task;
        }
    }

    public int Arrived
    {
        get
        {
            lock (_lock)
            {
                return _arrived;
            }
        }
    }

    public void Hold() => Volatile.Write(ref _gate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Release()
    {
        var gate = Interlocked.Exchange(ref _gate, null);
        gate?.TrySetResult();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (Volatile.Read(ref _gate) is { } gate)
        {
            Interlocked.Increment(ref _held);
            await gate.Task;
            Interlocked.Decrement(ref _held);
        }

        string? ticketId;
        using (var body = await JsonDocument.ParseAsync(context.Request.Body))
        {
            ticketId = body.RootElement.TryGetProperty("ticketId", out var id) ? id.GetString() : null;
        }

        var now = Stopwatch.GetTimestamp();
        if (ticketId is not null && TrackTickets)
        {
            Slot(ticketId).TrySetResult(now);
        }

        lock (_lock)
        {
            if (++_arrived == _expected)
            {
                _all?.TrySetResult(now);
            }
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

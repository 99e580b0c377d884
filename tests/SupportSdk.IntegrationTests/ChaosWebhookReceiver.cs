using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// The exchange's side of the webhook chaos test: a Kestrel host on loopback receiving with the shipped
/// <c>MapSupportWebhooks</c> (signature check, in-memory dedupe by event id), whose handler throws for a seeded random
/// share of the events it is given (so the receiver answers 500 and the server sends the event again). Every request
/// is answered with <c>Connection: close</c>, so each attempt opens a connection of its own and the fault proxy in
/// front decides its fate afresh. Counts every request and its answer, and keeps each event the handler took.
/// </summary>
public sealed class ChaosWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Random _random;
    private readonly double _failShare;
    private readonly ConcurrentDictionary<int, int> _answers = new();
    private readonly ConcurrentDictionary<string, int> _handledTimes = new(StringComparer.Ordinal);
    private readonly Channel<bool> _activity = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _requests;
    private int _handlerFailures;

    private ChaosWebhookReceiver(WebApplication app, double failShare, int seed)
    {
        _app = app;
        _failShare = failShare;
        _random = new Random(seed);
    }

    /// <summary>The events the handler took (and returned from), by id; the first time each.</summary>
    public ConcurrentDictionary<string, WebhookEvent> Handled { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests that reached the receiver, whatever it answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Events the handler was given and failed on purpose (answered 500).</summary>
    public int HandlerFailures => Volatile.Read(ref _handlerFailures);

    /// <summary>How many requests got each status code (0: the sender went away first).</summary>
    public IReadOnlyDictionary<int, int> Answers => _answers;

    /// <summary>Ids the handler returned from more than once: must stay empty.</summary>
    public IEnumerable<string> HandledTwice => _handledTimes.Where(h => h.Value > 1).Select(h => h.Key);

    /// <summary>Requests answered 2xx without the handler (a retry or replay of an event already handled).</summary>
    public int DuplicatesDropped => _answers.GetValueOrDefault(StatusCodes.Status204NoContent) - _handledTimes.Values.Sum();

    /// <summary>Completes once a request was answered since the last read (a wake-up, not a count).</summary>
    public ChannelReader<bool> Activity => _activity.Reader;

    public static async Task<ChaosWebhookReceiver> StartAsync(int port, string secret, double failShare, int seed, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddSupportWebhooks(o => o.Secrets.Add(secret));
        var app = builder.Build();
        var receiver = new ChaosWebhookReceiver(app, failShare, seed);
        app.Use(async (context, next) =>
        {
            context.Response.Headers.Connection = "close";
            Interlocked.Increment(ref receiver._requests);
            try
            {
                await next(context);
            }
            finally
            {
                // 0: the sender went away before the answer (its attempt timed out, or the server was killed).
                var status = context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode;
                receiver._answers.AddOrUpdate(status, 1, (_, n) => n + 1);
                receiver._activity.Writer.TryWrite(true);
            }
        });
        app.MapSupportWebhooks("/hooks", receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    private Task HandleAsync(WebhookEvent e, CancellationToken cancellationToken)
    {
        bool fail;
        lock (_random)
        {
            fail = _random.NextDouble() < _failShare;
        }

        if (fail)
        {
            Interlocked.Increment(ref _handlerFailures);
            throw new InvalidOperationException($"The chaos receiver fails event {e.Id} on purpose.");
        }

        _handledTimes.AddOrUpdate(e.Id, 1, (_, n) => n + 1);
        Handled.TryAdd(e.Id, e);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

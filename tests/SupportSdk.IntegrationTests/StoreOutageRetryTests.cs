using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportSdk.Server.Tests.Storage;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// The database goes away while the SDK creates a ticket: the node answers 503 <c>store_unavailable</c> with
/// Retry-After, the SDK's retry policy waits and sends the same Idempotency-Key again, the database comes back, and
/// exactly one ticket exists.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StoreOutageRetryTests
{
    /// <summary>Counts the node's "answered 503" log events (SupportEndpointFilter, event 2).</summary>
    private sealed class UnavailableLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<int> Refused { get; } = new();

        public SemaphoreSlim First { get; } = new(0);

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 2 && formatter(state, exception).Contains("answered 503", StringComparison.Ordinal))
            {
                Refused.Enqueue(eventId.Id);
                First.Release();
            }
        }

        public void Dispose() => First.Dispose();
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task The_sdk_rides_out_a_database_restart_and_makes_one_ticket(CancellationToken cancellationToken)
    {
        await using var cluster = await PostgresCluster.StartAsync(durable: true);
        var log = new UnavailableLog();
        await using var server = await SupportServerHost.StartAsync(importFaq: false,
            configureLogging: b => b.AddProvider(log), store: s => s.UsePostgreSql(cluster.ConnectionString() + ";Timeout=3"));
        var direct = new SupportClientOptions { AllowInsecureLoopback = true };
        using var backend = new SupportClient(server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), direct);
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "outage-sdk", DisplayName = "Outage", Locale = "en-us" }, cancellationToken);
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        options.Retry.MaxRetries = 6;
        options.CircuitBreaker.Enabled = false;
        options.TotalTimeout = TimeSpan.FromSeconds(60);
        using var customer = new SupportClient(server.BaseAddress, new UserTokenCredential(token.Token), options);

        await cluster.StopAsync();
        var creating = customer.Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            Subject = "Deposit not credited",
            Body = "Sent 0.5 ETH two hours ago",
            Category = TicketCategory.Deposit,
        }, cancellationToken: cancellationToken);

        // The first attempt met the outage (503); the database comes back while the SDK waits for Retry-After.
        Assert.That(await log.First.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken), Is.True, "the node answered 503 store_unavailable");
        await cluster.RestartAsync();
        var ticket = await creating;

        var mine = new List<Ticket>();
        await foreach (var t in customer.Tickets.GetTicketsAsync(cancellationToken: cancellationToken))
        {
            mine.Add(t);
        }

        Assert.Multiple(() =>
        {
            Assert.That(log.Refused, Is.Not.Empty);
            Assert.That(mine.Select(t => t.Id), Is.EqualTo(new[] { ticket.Id }), "one ticket: the retries sent one Idempotency-Key");
        });
    }
}

using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>S11: with logging at Trace, no key, token or request content reaches the log.</summary>
[TestFixture]
public sealed class LoggingRedactionTests
{
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                owner.Lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {structured} {exception}");
            }
        }
    }

    [Test]
    public async Task Trace_logging_through_retries_and_refreshes_holds_no_secret()
    {
        const string oldToken = "sut1.eyJzdWIiOiJhbGljZSJ9.old-secret-signature";
        const string newToken = "sut1.eyJzdWIiOiJhbGljZSJ9.new-secret-signature";
        const string typedSecret = "my seed is abandon ability able about above absent";
        var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        var time = new RecordingTimeProvider();
        using var credential = new UserTokenCredential(oldToken, _ => ValueTask.FromResult(newToken));
        var handler = new ScriptedHandler()
            .Then(HttpStatusCode.ServiceUnavailable)
            .ThenThrow(new HttpRequestException("reset"))
            .Then(HttpStatusCode.Unauthorized)
            .Then(HttpStatusCode.OK, """{"items":[]}""")
            .Then(HttpStatusCode.BadRequest);
        using var client = Create(handler, time, o => o.LoggerFactory = factory, credential);

        await time.RunAsync(() => client.Faq.SearchArticlesAsync(typedSecret));
        Assert.ThrowsAsync<SupportApiException>(() => client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = typedSecret, Body = typedSecret, Category = TicketCategory.Other }));

        var log = string.Join("\n", capture.Lines);
        Assert.Multiple(() =>
        {
            Assert.That(capture.Lines.Count(l => l.Contains("/v1/", StringComparison.Ordinal)), Is.EqualTo(5), "every answer and failure was logged: 503, reset, 401, 200, 400");
            Assert.That(log, Does.Contain("/v1/faq/search"));
            Assert.That(log, Does.Not.Contain("old-secret-signature").And.Not.Contain("new-secret-signature"));
            Assert.That(log, Does.Not.Contain("abandon ability"), "query strings and bodies are never logged");
            Assert.That(log, Does.Not.Contain("Authorization").And.Not.Contain("Bearer"));
        });
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Logging;
using SupportSdk.Server.Tests.Chat;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Security;

/// <summary>
/// The anti-phishing code from the user token: on every support message (agent, bot, system) the customer receives —
/// ticket messages, chat over REST, long-poll and WebSocket — and on none of theirs; never in agents' views,
/// transcripts, webhooks' source (the store), the database files or the log at Trace; cut out of what the customer writes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AntiPhishingCodeTests
{
    private const string Code = "Kite-7Q42x";
    private readonly ConcurrentQueue<string> _log = new();
    private SupportServerHost _server = null!;

    private sealed class ListLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + exception);

        public void Dispose()
        {
        }
    }

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false, configureLogging: l =>
    {
        l.SetMinimumLevel(LogLevel.Trace);
        l.AddProvider(new ListLogger(_log));
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Support_ticket_messages_carry_the_code_the_customers_do_not_and_it_is_never_kept_or_exported()
    {
        using var user = await _server.UserAsync("apc-ticket", antiPhishingCode: Code);
        var ticket = await CreateTicketAsync(user, NewTicket("my code is " + Code.ToLowerInvariant() + ", is this you?"));
        using (var reply = await _server.Agent().PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Yes, this is support. Which network did you use?"}""")))
        {
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var answer = await user.PostAsync($"/v1/tickets/{ticket.Id}/messages", Json($$"""{"body":"TRC20. My anti-phishing code is {{Code}}."}""")))
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var mine = (await user.GetFromJsonAsync($"/v1/tickets/{ticket.Id}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items;
        var agentJson = await _server.Agent().GetStringAsync($"/v1/agent/tickets/{ticket.Id}/messages");
        var transcript = await user.GetStringAsync($"/v1/tickets/{ticket.Id}/transcript");
        var page = await user.GetStringAsync($"/v1/tickets/{ticket.Id}/transcript?format=html");
        var subject = (await user.GetFromJsonAsync($"/v1/tickets/{ticket.Id}", SupportJsonContext.Default.Ticket))!.Subject;
        Assert.Multiple(() =>
        {
            Assert.That(mine.Select(m => (m.From.Role.Value, m.AntiPhishingCode)),
                Is.EqualTo(new (string, string?)[] { ("customer", null), ("agent", Code), ("customer", null) }));
            Assert.That(mine[2].Body, Is.EqualTo("TRC20. My anti-phishing code is " + SupportSdk.Server.Security.AntiPhishing.Removed + "."));
            Assert.That(subject, Does.Not.Contain(Code.ToLowerInvariant()).And.Contain(SupportSdk.Server.Security.AntiPhishing.Removed));
            Assert.That(Contains(agentJson), Is.False, "agents never see it");
            Assert.That(Contains(transcript) || Contains(page), Is.False, "transcripts for third parties never hold it");
        });
    }

    [Test]
    public async Task Chat_messages_from_support_carry_it_over_REST_long_poll_and_the_socket()
    {
        var token = await _server.MintTokenAsync("apc-chat", antiPhishingCode: Code);
        using var user = _server.Client(token);
        var chat = await StartChatAsync(user, "talk to a person");
        await AcceptAsync(_server.Agent(), chat.Id);
        await using var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream?after=0");
        await AgentSendsAsync(_server.Agent(), chat.Id, "Hello, I am here to help.");
        var pushed = await socket.NextAsync(f => f.Type == ChatEventKind.Message && f.From?.Role == AuthorRole.Agent && f.Text == "Hello, I am here to help.");
        await CustomerSendsAsync(user, chat.Id, "thanks, my code is " + Code);
        var listed = await MessagesAsync(user, $"/v1/chats/{chat.Id}/messages");
        var polled = (await EventsAsync(user, "/v1/chats", chat.Id)).Events.Where(e => e.Type == ChatEventKind.Message).ToList();
        var agentSide = (await EventsAsync(_server.Agent(), "/v1/agent/chats", chat.Id)).Events;
        var text = await user.GetStringAsync($"/v1/chats/{chat.Id}/transcript?format=text");
        Assert.Multiple(() =>
        {
            Assert.That(pushed.AntiPhishingCode, Is.EqualTo(Code), "over the socket");
            foreach (var frames in new[] { listed, polled })
            {
                Assert.That(frames.Where(f => f.From?.Role != AuthorRole.Customer).Select(f => f.AntiPhishingCode), Is.Not.Empty.And.All.EqualTo(Code));
                Assert.That(frames.Where(f => f.From?.Role == AuthorRole.Customer).Select(f => f.AntiPhishingCode), Is.Not.Empty.And.All.Null);
            }

            Assert.That(listed[^1].Text, Is.EqualTo("thanks, my code is " + SupportSdk.Server.Security.AntiPhishing.Removed));
            Assert.That(agentSide.Select(f => f.AntiPhishingCode), Is.All.Null, "agents never see it");
            Assert.That(Contains(text), Is.False);
        });
    }

    [Test]
    public async Task The_code_is_nowhere_in_the_database_files_or_the_log()
    {
        await Support_ticket_messages_carry_the_code_the_customers_do_not_and_it_is_never_kept_or_exported();
        var stored = string.Join("\n", Directory.GetFiles(Path.GetDirectoryName(_server.DatabasePath)!, "support.db*")
            .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));
        Assert.Multiple(() =>
        {
            Assert.That(_log, Is.Not.Empty, "the server logged: the test would prove nothing otherwise");
            Assert.That(_log.Where(Contains), Is.Empty, "the log");
            Assert.That(Contains(stored), Is.False, "the database files");
        });
    }

    [Test]
    public async Task The_code_is_cut_out_of_a_report_a_rating_and_full_width_text_too()
    {
        using var user = await _server.UserAsync("apc-elsewhere", antiPhishingCode: Code);
        var fullWidth = string.Concat(Code.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '！') : c));
        using (var report = await user.PostAsync("/v1/channels/reports", Json($$"""{"input":"https://examp1e-exchange.com","where":"SMS","note":"they asked for my code {{Code}}"}""")))
        {
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var ticket = await CreateTicketAsync(user, NewTicket("code " + fullWidth));
        var reports = await _server.Agent().GetStringAsync("/v1/agent/channel-reports");
        var stored = await _server.Agent().GetStringAsync($"/v1/agent/tickets/{ticket.Id}");
        Assert.Multiple(() =>
        {
            Assert.That(Contains(reports), Is.False, "the report's note");
            Assert.That(reports, Does.Contain(SupportSdk.Server.Security.AntiPhishing.Removed));
            Assert.That(stored, Does.Not.Contain(fullWidth).And.Contain(SupportSdk.Server.Security.AntiPhishing.Removed), "full-width characters are the same code");
        });
    }

    [TestCase("abc")]
    [TestCase("a code with spaces")]
    [TestCase("toolongcode_0123456789")]
    [TestCase("emoji🙂1")]
    public async Task A_code_that_is_not_4_to_20_letters_digits_dash_or_underscore_is_refused(string code)
    {
        using var response = await _server.Backend().PostAsJsonAsync("/v1/user-tokens", new { userId = "apc-bad", displayName = "X", antiPhishingCode = code });
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.That(problem.Errors!.Keys, Does.Contain("antiPhishingCode"));
    }

    private static bool Contains(string text) => text.Contains(Code, StringComparison.OrdinalIgnoreCase);
}

using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using SupportSdk.Security;
using SupportSdk.Tests.Infrastructure;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests;

/// <summary>The client half of the secret guard, against a scripted transport: what leaves the device, and the flags
/// the SDK adds itself when a (compromised) server sends none.</summary>
[TestFixture]
public sealed class MessageScreeningTests
{
    private const string Seed = "legal winner thank year wave sausage worth useful legal winner thank yellow";

    private sealed class Capture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception) + " " + exception);

        public void Dispose()
        {
        }
    }

    [Test]
    public void A_seed_phrase_is_blocked_before_any_request_and_nothing_logs_it()
    {
        var capture = new Capture();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, TicketJson);
        using var client = Create(handler, new RecordingTimeProvider(), o => o.LoggerFactory = factory);

        var blocked = Assert.ThrowsAsync<SensitiveDataException>(() => client.Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            Subject = "wallet",
            Body = "my words: " + Seed,
            Category = TicketCategory.Account,
        }));

        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Is.Empty, "nothing left the device");
            Assert.That(blocked!.BlockedOnDevice, Is.True);
            Assert.That(blocked.IsTransient, Is.False);
            Assert.That(blocked.Findings.Single().Kind, Is.EqualTo("mnemonic"));
            Assert.That(blocked.Findings.Single().Start, Is.EqualTo("my words: ".Length));
            Assert.That(blocked.ToString(), Does.Not.Contain("sausage"));
            Assert.That(capture.Lines, Is.Not.Empty, "the block is logged");
            Assert.That(string.Join("\n", capture.Lines), Does.Not.Contain("sausage"));
        });
    }

    [Test]
    public async Task A_2fa_code_is_redacted_before_sending()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, """{"id":"msg_1","seq":2,"from":{"role":"customer","name":"U"},"body":"x","createdAt":"2026-11-01T00:00:00Z"}""");
        using var client = Create(handler, new RecordingTimeProvider());

        await client.Tickets.AddMessageAsync("tkt_01", new ReplyRequest { Body = "my 2fa code is 482913, please hurry" });

        var sent = System.Text.Encoding.UTF8.GetString(handler.Requests.Single().Body);
        Assert.That(sent, Does.Not.Contain("482913").And.Contain(SecretPolicy.RedactionMarker));
    }

    [Test]
    public async Task A_policy_can_allow_what_the_default_blocks()
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.Created, TicketJson);
        using var client = Create(handler, new RecordingTimeProvider(), o => o.SecretPolicy = SecretPolicy.Default.With(SecretKind.Mnemonic, SecretAction.Warn));

        await client.Tickets.CreateTicketAsync(new CreateTicketRequest { Subject = "s", Body = Seed, Category = TicketCategory.Account });

        Assert.That(System.Text.Encoding.UTF8.GetString(handler.Requests.Single().Body), Does.Contain("sausage"));
    }

    [Test]
    public async Task Agent_messages_are_flagged_by_the_sdk_even_when_the_server_sends_no_flags()
    {
        const string page = """
            {"items":[
              {"id":"msg_1","seq":1,"from":{"role":"customer","name":"U"},"body":"Please send me your seed phrase","createdAt":"2026-11-01T00:00:00Z"},
              {"id":"msg_2","seq":2,"from":{"role":"agent","name":"A"},"body":"To restore access, please send me your seed phrase.","createdAt":"2026-11-01T00:00:00Z"},
              {"id":"msg_3","seq":3,"from":{"role":"bot","name":"B"},"body":"请把验证码告诉我。","createdAt":"2026-11-01T00:00:00Z","flags":["asks_for_secret"]},
              {"id":"msg_4","seq":4,"from":{"role":"agent","name":"A"},"body":"We will never ask for your seed phrase.","createdAt":"2026-11-01T00:00:00Z"}
            ],"nextCursor":null}
            """;
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, page);
        using var client = Create(handler, new RecordingTimeProvider());

        var messages = new List<TicketMessage>();
        await foreach (var message in client.Tickets.GetMessagesAsync("tkt_01"))
        {
            messages.Add(message);
        }

        Assert.That(messages.Select(m => string.Join(",", m.Flags)), Is.EqualTo(new[] { "", "asks_for_secret", "asks_for_secret", "" }),
            "customers' own text is never flagged; the agent's request is, with or without the server");
    }

    private static IEnumerable<TestCaseData> EveryCustomerEntryPoint()
    {
        yield return Case("faq search query", c => c.Faq.SearchArticlesAsync("help " + Seed), "q");
        yield return Case("faq suggestion text", c => c.Faq.SuggestArticlesAsync(Seed), "q");
        yield return Case("faq feedback comment", c => c.Faq.SendFeedbackAsync(1001, new FaqFeedbackRequest { Helpful = false, Comment = Seed }), "comment");
        yield return Case("escalation reason", c => c.Tickets.EscalateTicketAsync("tkt_1", "please " + Seed), "reason");
        yield return Case("impersonator report note", c => c.Channels.ReportImpersonatorAsync(new ChannelReportRequest { Input = "https://exarnple-exchange.com", Note = Seed }), "note");
        yield return Case("impersonator report input", c => c.Channels.ReportImpersonatorAsync(new ChannelReportRequest { Input = Seed }), "input");
        yield return Case("transaction id", c => c.Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            Subject = "deposit",
            Body = "missing",
            Category = TicketCategory.Deposit,
            Transaction = new TransactionInfo { Asset = "ABC", Network = "NEWCHAIN", TxId = "Kz36cg2ze515d63WfnCJUCcjCjqmN2WStRS7eX7vp9D2hL1mzTDY", Amount = 1, Direction = TransactionDirection.Deposit },
        }), "transaction.txId");
        yield return Case("attachment file name", c => c.Tickets.UploadAttachmentAsync(new MemoryStream([0x89, 0x50, 0x4E, 0x47]), Seed + ".png"), "fileName");
        yield return Case("text attachment content", c => c.Tickets.UploadAttachmentAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes("backup\n" + Seed)), "backup.txt"), "content");

        static TestCaseData Case(string name, Func<SupportClient, Task> call, string field) => new TestCaseData(call, field).SetName("Screened on the device: " + name);
    }

    [TestCaseSource(nameof(EveryCustomerEntryPoint))]
    public void Every_text_a_customer_writes_is_screened_before_it_leaves_the_device(Func<SupportClient, Task> call, string field)
    {
        var handler = new ScriptedHandler().Then(HttpStatusCode.OK, "{}");
        using var client = Create(handler, new RecordingTimeProvider());
        var blocked = Assert.ThrowsAsync<SensitiveDataException>(() => call(client));
        Assert.Multiple(() =>
        {
            Assert.That(handler.Requests, Is.Empty, "nothing left the device");
            Assert.That(blocked!.Findings.Select(f => f.Field), Has.Member(field));
            Assert.That(blocked.Message, Does.Not.Contain("sausage"));
        });
    }
}

using System.Text;
using static SupportSdk.Tests.Infrastructure.TestClients;

namespace SupportSdk.Tests.Webhooks;

/// <summary><see cref="SupportWebhooks.ParseEvent(ReadOnlySpan{byte}, IEnumerable{KeyValuePair{string, string}}, IEnumerable{string}, TimeSpan?, TimeProvider?)"/>
/// and the typed reads of its data.</summary>
[TestFixture]
public sealed class WebhookEventTests
{
    private const long Now = 1_790_000_000;
    private const string Secret = WebhookVerificationTests.VectorSecret;

    private const string MessageJson = """{"id":"msg_9","seq":4,"body":"We credited your deposit.","from":{"role":"agent","name":"Ana"},"createdAt":"2026-09-21T10:00:00Z","flags":[]}""";

    internal static string Event(string type, string data, string id = "evt_01") =>
        $$$"""{"id":"{{{id}}}","type":"{{{type}}}","occurredAt":"2026-09-21T10:00:00Z","ticketId":"tkt_01","chatId":null,"sequence":7,"data":{{{data}}},"someFutureField":{"x":1}}""";

    private static WebhookEvent Parse(string body, string? headerId = null)
    {
        var id = headerId ?? "evt_01";
        var signature = WebhookSignature.Sign(Secret, id, Now, Encoding.UTF8.GetBytes(body));
        return SupportWebhooks.ParseEvent(Encoding.UTF8.GetBytes(body), WebhookVerificationTests.Headers(id, Now, signature), [Secret], timeProvider: WebhookVerificationTests.ClockAt(Now));
    }

    private static WebhookVerificationFailure ParseFailure(string body, string? headerId = null) =>
        Assert.Throws<WebhookVerificationException>(() => Parse(body, headerId))!.Failure;

    [Test]
    public void A_message_event_reads_as_its_ticket_and_message()
    {
        var e = Parse(Event(WebhookEventTypes.TicketMessageAdded, $$"""{"ticket":{{TicketJson}},"message":{{MessageJson}}}"""));

        Assert.Multiple(() =>
        {
            Assert.That(e.Id, Is.EqualTo("evt_01"));
            Assert.That(e.Type, Is.EqualTo(WebhookEventTypes.TicketMessageAdded));
            Assert.That(e.OccurredAt, Is.EqualTo(new DateTimeOffset(2026, 9, 21, 10, 0, 0, TimeSpan.Zero)));
            Assert.That(e.TicketId, Is.EqualTo("tkt_01"));
            Assert.That(e.Sequence, Is.EqualTo(7));
            Assert.That(e.TryGetTicket(out var ticket), Is.True);
            Assert.That(ticket!.Status, Is.EqualTo(TicketStatus.Open));
            Assert.That(e.TryGetMessage(out var message), Is.True);
            Assert.That(message!.From.Role, Is.EqualTo(AuthorRole.Agent));
            Assert.That(message.Body, Is.EqualTo("We credited your deposit."));
            Assert.That(e.TryGetSecretBlocked(out _), Is.False);
        });
    }

    [TestCase(WebhookEventTypes.TicketCreated)]
    [TestCase(WebhookEventTypes.TicketStatusChanged)]
    [TestCase(WebhookEventTypes.TicketEscalated)]
    [TestCase(WebhookEventTypes.TicketRated)]
    [TestCase(WebhookEventTypes.TicketAssigned)]
    public void A_ticket_event_reads_as_its_ticket_and_nothing_else(string type)
    {
        var e = Parse(Event(type, TicketJson));

        Assert.Multiple(() =>
        {
            Assert.That(e.TryGetTicket(out var ticket), Is.True);
            Assert.That(ticket!.Id, Is.EqualTo("tkt_01"));
            Assert.That(ticket.Category, Is.EqualTo(TicketCategory.Deposit));
            Assert.That(e.TryGetMessage(out _), Is.False);
            Assert.That(e.TryGetSecretBlocked(out _), Is.False);
        });
    }

    [Test]
    public void A_secret_blocked_event_reads_as_kinds_and_place()
    {
        var e = Parse(Event(WebhookEventTypes.SecretBlocked, """{"kinds":["mnemonic","private_key"],"where":"ticket_message","userId":"u_42"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(e.TryGetSecretBlocked(out var blocked), Is.True);
            Assert.That(blocked!.Kinds, Is.EqualTo(new[] { "mnemonic", "private_key" }));
            Assert.That(blocked.Where, Is.EqualTo("ticket_message"));
            Assert.That(blocked.UserId, Is.EqualTo("u_42"));
            Assert.That(e.TryGetTicket(out _), Is.False);
        });
    }

    [TestCase(WebhookEventTypes.Ping, """{"webhookId":"wh_1"}""")]
    [TestCase("chat.transferred", """{"chat":{"id":"c_1"},"anything":[1,2,3]}""")]
    [TestCase("ticket.sla_breached", "42")]
    public void A_ping_or_a_type_this_sdk_does_not_know_parses_and_reads_as_nothing(string type, string data)
    {
        var e = Parse(Event(type, data));

        Assert.Multiple(() =>
        {
            Assert.That(e.Type, Is.EqualTo(type));
            Assert.That(e.TryGetTicket(out _), Is.False);
            Assert.That(e.TryGetMessage(out _), Is.False);
            Assert.That(e.TryGetSecretBlocked(out _), Is.False);
        });
    }

    [TestCase("not json", TestName = "A signed body that is not JSON is malformed")]
    [TestCase("", TestName = "A signed empty body is malformed")]
    [TestCase("null", TestName = "A signed null is malformed")]
    [TestCase("[]", TestName = "A signed array is malformed")]
    [TestCase("""{"test": 2432232314}""", TestName = "A signed object without id and type is malformed")]
    [TestCase("""{"id":"evt_01","type":""}""", TestName = "A signed event with an empty type is malformed")]
    [TestCase("""{"id":"evt_01","type":"ticket.created","data":"tkt_01"}""", TestName = "A known type with data of another shape is malformed")]
    [TestCase("""{"id":"evt_01","type":"ticket.created"}""", TestName = "A known type without data is malformed")]
    [TestCase("""{"id":"evt_01","type":"secret.blocked","data":{"kinds":"mnemonic"}}""", TestName = "A known type with a field of the wrong type is malformed")]
    [TestCase("""{"id":"evt_01","type":"ticket.created","data":{}} trailing""", TestName = "A signed event followed by more text is malformed")]
    public void A_signed_body_that_is_not_an_event_is_malformed(string body)
    {
        Assert.That(ParseFailure(body), Is.EqualTo(WebhookVerificationFailure.MalformedPayload));
    }

    [Test]
    public void The_body_id_must_be_the_signed_webhook_id()
    {
        Assert.That(ParseFailure(Event(WebhookEventTypes.TicketCreated, TicketJson, id: "evt_01"), headerId: "evt_02"), Is.EqualTo(WebhookVerificationFailure.MalformedPayload));
    }

    [Test]
    public void An_unsigned_event_is_never_parsed()
    {
        var body = Encoding.UTF8.GetBytes(Event(WebhookEventTypes.TicketCreated, TicketJson));
        var forged = WebhookSignature.Sign(WebhookSignature.NewSecret(), "evt_01", Now, body);

        var error = Assert.Throws<WebhookVerificationException>(() => SupportWebhooks.ParseEvent(body, WebhookVerificationTests.Headers("evt_01", Now, forged), [Secret],
            timeProvider: WebhookVerificationTests.ClockAt(Now)));

        Assert.That(error!.Failure, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }
}

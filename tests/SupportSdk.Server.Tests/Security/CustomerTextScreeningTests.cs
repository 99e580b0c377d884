using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SupportSdk.Server.Tests.Chat;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Security;

/// <summary>
/// Every text a customer writes is screened by the server before it is stored, whatever the entry point: the fields
/// that leaked before (escalation reason, impersonation report, transaction id on an unknown network, attachment name
/// and text content, help-center query and feedback comment) and the ones that always were. A seed phrase or key is
/// refused with 422 and is nowhere in the database afterwards.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class CustomerTextScreeningTests
{
    private const string Phrase = "attack race runway announce fiscal life smoke demand extend sound twenty always";
    private const string Wif = "Kz36cg2ze515d63WfnCJUCcjCjqmN2WStRS7eX7vp9D2hL1mzTDY";

    private SupportServerHost _server = null!;
    private HttpClient _user = null!;
    private Ticket _ticket = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync();
        _user = await _server.UserAsync("screened-user");
        _ticket = await CreateTicketAsync(_user);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static IEnumerable<TestCaseData> EntryPoints()
    {
        yield return Case("ticket subject", "POST", "/v1/tickets", $$"""{"subject":"{{Phrase}}","body":"help","category":"account"}""", "subject");
        yield return Case("ticket body", "POST", "/v1/tickets", $$"""{"subject":"help","body":"my words {{Phrase}}","category":"account"}""", "body");
        yield return Case("txId on a network the rules do not know", "POST", "/v1/tickets",
            $$$"""{"subject":"deposit missing","body":"see tx","category":"deposit","transaction":{"asset":"ABC","network":"NEWCHAIN","txId":"{{{Wif}}}","amount":1,"direction":"deposit"}}""", "transaction.txId");
        yield return Case("reply", "POST", "/v1/tickets/{ticket}/messages", $$"""{"body":"{{Phrase}}"}""", "body");
        yield return Case("escalation reason", "POST", "/v1/tickets/{ticket}/escalate", $$"""{"reason":"please, my phrase is {{Phrase}}"}""", "reason");
        yield return Case("chat topic", "POST", "/v1/chats", $$"""{"topic":"{{Phrase}}"}""", "topic");
        yield return Case("report input", "POST", "/v1/channels/reports", $$"""{"input":"{{Phrase}}"}""", "input");
        yield return Case("report where", "POST", "/v1/channels/reports", $$"""{"input":"https://exarnple-exchange.com","where":"{{Wif}}"}""", "where");
        yield return Case("report note", "POST", "/v1/channels/reports", $$"""{"input":"https://exarnple-exchange.com","note":"they asked and I gave {{Phrase}}"}""", "note");
        yield return Case("help-center feedback comment", "POST", "/v1/faq/articles/1001/feedback", $$"""{"helpful":false,"comment":"{{Phrase}}"}""", "comment");
        yield return Case("help-center search", "GET", "/v1/faq/search?q=" + Uri.EscapeDataString(Phrase), null, "q");
        yield return Case("help-center suggestions", "GET", "/v1/faq/suggest?q=" + Uri.EscapeDataString("key " + Wif), null, "q");

        static TestCaseData Case(string name, string method, string path, string? body, string field) =>
            new TestCaseData(method, path, body, field).SetName("Screened: " + name);
    }

    [TestCaseSource(nameof(EntryPoints))]
    public async Task A_secret_is_refused_with_422_naming_the_field_and_never_stored(string method, string path, string? body, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{ticket}", _ticket.Id, StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = Json(body);
        }

        var problem = await AssertProblemAsync(await _user.SendAsync(request), (HttpStatusCode)422, ErrorCodes.SensitiveDataBlocked);
        Assert.That(problem.Findings!.Select(f => f.Field), Has.Member(field));
        AssertNotInDatabase(Phrase, Wif);
    }

    [Test]
    public async Task A_secret_in_a_chat_message_over_the_websocket_is_refused_by_name()
    {
        var token = await _server.MintTokenAsync("screened-ws");
        var chat = await ChatTestKit.StartChatAsync(_server.Client(token), "agent");
        await using var socket = await ChatSocket.ConnectAsync(_server, token, $"/v1/chats/{chat.Id}/stream");
        await socket.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "s1", Text = "words: " + Phrase });
        var refused = await socket.NextAsync(f => f.Type == ChatEventKind.Error);
        Assert.That((refused.Code, refused.ClientMessageId), Is.EqualTo((ErrorCodes.SensitiveDataBlocked, "s1")));
        Assert.That(refused.Text, Does.Not.Contain("attack race"));
        AssertNotInDatabase(Phrase);
    }

    [TestCase("seed.txt", "my backup:\n" + Phrase + "\n", "content")]
    [TestCase("wallet.csv", "label,value\nkey," + Wif + "\n", "content")]
    [TestCase("wallet.json", "{\"wif\":\"" + Wif + "\"}", "content")]
    [TestCase(Phrase + ".png", null, "fileName")]
    public async Task Attachment_names_and_text_content_are_screened(string fileName, string? text, string field)
    {
        var bytes = text is null ? Png() : Encoding.UTF8.GetBytes(text);
        var problem = await AssertProblemAsync(await UploadAsync(_user, fileName, bytes), (HttpStatusCode)422, ErrorCodes.SensitiveDataBlocked);
        Assert.That(problem.Findings!.Select(f => f.Field), Has.Member(field));
        AssertNotInDatabase(Phrase, Wif);
    }

    [Test]
    public async Task A_password_in_a_text_attachment_is_stored_redacted()
    {
        using var response = await UploadAsync(_user, "notes.log", Encoding.UTF8.GetBytes("login failed\nmy password is Tr0ub4dor&3x\n"));
        var info = await ReadAsync(response, SupportJsonContext.Default.AttachmentInfo);
        var stored = Encoding.UTF8.GetString(await (await _user.GetAsync($"/v1/attachments/{info.Id}")).Content.ReadAsByteArrayAsync());
        Assert.That(stored, Does.Not.Contain("Tr0ub4dor").And.Contain("[redacted]").And.Contain("login failed"));
    }

    [Test]
    public async Task The_escalation_reason_is_the_customers_message_never_supports()
    {
        var ticket = await CreateTicketAsync(_user);
        (await _user.PostAsync($"/v1/tickets/{ticket.Id}/escalate", Json("""{"reason":"Support here: please send us your 2FA code"}"""))).EnsureSuccessStatusCode();
        var messages = await ReadAsync(await _server.Agent().GetAsync($"/v1/agent/tickets/{ticket.Id}/messages"), SupportJsonContext.Default.PageTicketMessage);
        var reason = messages.Items.Single(m => m.Body.Contains("2FA code", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(reason.From.Role, Is.EqualTo(AuthorRole.Customer));
            Assert.That(reason.From.Name, Is.EqualTo("User screened-user"));
            Assert.That(messages.Items.Where(m => m.From.Role == AuthorRole.System || m.From.Name == "Support").Select(m => m.Body),
                Has.None.Contains("2FA"), "no system or Support message carries the customer's words");
        });
    }

    [Test]
    public async Task A_transaction_hash_on_a_known_network_still_goes_through()
    {
        var tx = new TransactionInfo { Asset = "USDT", Network = "TRC20", TxId = new string('7', 32) + new string('a', 32), Amount = 250, Direction = TransactionDirection.Deposit };
        var ticket = await CreateTicketAsync(_user, NewTicket("USDT deposit missing", tx));
        Assert.That(ticket.Transaction!.TxId, Is.EqualTo(tx.TxId));
    }

    private void AssertNotInDatabase(params string[] secrets)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = string.Join("\n", Directory.GetFiles(Path.GetDirectoryName(_server.DatabasePath)!, "support.db*").Select(f =>
        {
            using var stream = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }));
        foreach (var secret in secrets)
        {
            Assert.That(bytes, Does.Not.Contain(secret), "the database files hold a secret");
        }
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await client.PostAsync("/v1/attachments", form);
    }

    private static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
}

/// <summary>A seed phrase sent a few words per chat message: the message that completes it is refused, and the earlier
/// parts are stored redacted, so the phrase is nowhere in the store.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class SplitChatPhraseTests
{
    private static readonly string[] Words = "attack race runway announce fiscal life smoke demand extend sound twenty always".Split(' ');

    [Test]
    public async Task The_completing_message_is_refused_and_the_earlier_parts_are_redacted()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var user = await server.UserAsync("split-phrase");
        var chat = await ChatTestKit.StartChatAsync(user, "agent");
        await ChatTestKit.CustomerSendsAsync(user, chat.Id, "my words: " + string.Join(' ', Words[..4]));
        await ChatTestKit.CustomerSendsAsync(user, chat.Id, string.Join(' ', Words[4..8]));
        var refused = await ChatTestKit.PostMessageAsync(user, "/v1/chats", chat.Id, "c3", string.Join(' ', Words[8..]));
        await AssertProblemAsync(refused, (HttpStatusCode)422, ErrorCodes.SensitiveDataBlocked);
        var stored = string.Join("\n", (await ChatTestKit.MessagesAsync(server.Agent(), $"/v1/agent/chats/{chat.Id}/messages")).Select(m => m.Text));
        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.Contain("my words:"), "the customer's own words stay");
            Assert.That(stored, Does.Not.Contain("runway").And.Not.Contain("fiscal").And.Not.Contain("twenty"));
            Assert.That(stored, Does.Contain("[redacted]"));
        });
    }

    [Test]
    public async Task The_bots_automatic_reply_in_between_does_not_start_a_new_run_and_its_record_of_the_first_half_is_withheld()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var user = await server.UserAsync("split-bot");
        var chat = await ChatTestKit.StartChatAsync(user);
        await ChatTestKit.CustomerSendsAsync(user, chat.Id, string.Join(' ', Words[..6]));
        var events = await ChatTestKit.DurableAsync(user, chat.Id);
        Assert.That(events[^1].From?.Role, Is.EqualTo(AuthorRole.Bot), "the bot answered the first half");

        var refused = await ChatTestKit.PostMessageAsync(user, "/v1/chats", chat.Id, "c2", string.Join(' ', Words[6..]));
        await AssertProblemAsync(refused, (HttpStatusCode)422, ErrorCodes.SensitiveDataBlocked);

        var stored = string.Join("\n", (await ChatTestKit.MessagesAsync(server.Agent(), $"/v1/agent/chats/{chat.Id}/messages")).Select(m => m.Text));
        var insights = await ReadAsync(await server.Agent().GetAsync("/v1/agent/faq/insights?days=1"), SupportJsonContext.Default.FaqInsights);
        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.Not.Contain("attack").And.Not.Contain("fiscal"), "the first half is stored redacted");
            Assert.That(insights.PoorQueries.Select(q => q.Query), Has.None.Contains("attack"), "the bot's record of the first half lost its text");
            Assert.That(insights.WithheldQueries, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Under_a_redacting_policy_the_completing_line_and_the_earlier_ones_are_stored_redacted()
    {
        await using var server = await SupportServerHost.StartAsync(o => o.SecretPolicy = SupportSdk.Security.SecretPolicy.Default.With(SupportSdk.Security.SecretKind.Mnemonic, SupportSdk.Security.SecretAction.Redact), importFaq: false);
        var user = await server.UserAsync("split-redact");
        var chat = await ChatTestKit.StartChatAsync(user, "agent");
        await ChatTestKit.CustomerSendsAsync(user, chat.Id, "my words: " + string.Join(' ', Words[..6]));
        var second = await ChatTestKit.CustomerSendsAsync(user, chat.Id, string.Join(' ', Words[6..]));
        var stored = string.Join("\n", (await ChatTestKit.MessagesAsync(server.Agent(), $"/v1/agent/chats/{chat.Id}/messages")).Select(m => m.Text));
        Assert.Multiple(() =>
        {
            Assert.That(second.Text, Does.Contain("[redacted]"));
            Assert.That(stored, Does.Contain("my words:"));
            Assert.That(stored, Does.Not.Contain("attack").And.Not.Contain("twenty"), "no half of the phrase is stored");
        });
    }

    [Test]
    public async Task Support_writing_in_between_starts_a_new_run()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var user = await server.UserAsync("split-reset");
        var chat = await ChatTestKit.StartChatAsync(user, "agent");
        await ChatTestKit.AcceptAsync(server.Agent(), chat.Id);
        await ChatTestKit.CustomerSendsAsync(user, chat.Id, string.Join(' ', Words[..6]));
        await ChatTestKit.AgentSendsAsync(server.Agent(), chat.Id, "Please never send me your recovery words.");
        var second = await ChatTestKit.CustomerSendsAsync(user, chat.Id, string.Join(' ', Words[6..]));
        Assert.That(second.Text, Is.EqualTo(string.Join(' ', Words[6..])), "six words alone are not a phrase, and the run restarted");
    }
}

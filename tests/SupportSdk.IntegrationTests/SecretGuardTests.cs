using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SupportSdk.Security;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// The secret guard end to end: the SDK refuses or redacts before sending, the server does it again before storing
/// (defence in depth), nothing stored, answered or logged holds the secret, and agent messages arrive flagged (S8).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SecretGuardTests
{
    private static readonly SupportClientOptions Dev = new() { AllowInsecureLoopback = true };
    private SupportServerHost _server = null!;
    private SupportClient _backend = null!;
    private SupportClient _agent = null!;

    public sealed record SecretCase(string Id, string Text, string[] Expect, string Note)
    {
        public override string ToString() => Id + " " + Note;
    }

    public static IEnumerable<SecretCase> PublicCases() =>
        File.ReadLines(TestData.Path("secrets", "secrets.public.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<SecretCase>(line, JsonSerializerOptions.Web)!);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync(importFaq: false);
        _backend = new SupportClient(_server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), Dev);
        _agent = new SupportClient(_server.BaseAddress, new AgentKeyCredential(SupportServerHost.AgentKey), Dev);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _backend.Dispose();
        _agent.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<SupportClient> UserAsync(string userId, SupportClientOptions? options = null)
    {
        var token = await _backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "User " + userId, Locale = "en-us" });
        return new SupportClient(_server.BaseAddress, new UserTokenCredential(token.Token), options ?? Dev);
    }

    private static CreateTicketRequest Ticket(string body) =>
        new() { Subject = "Help with my wallet", Body = body, Category = TicketCategory.Account };

    private static async Task<int> CountTicketsAsync(SupportClient user)
    {
        var count = 0;
        await foreach (var _ in user.Tickets.GetTicketsAsync())
        {
            count++;
        }

        return count;
    }

    [TestCaseSource(nameof(PublicCases))]
    public async Task The_sdk_applies_the_default_policy_to_every_public_case(SecretCase @case)
    {
        using var user = await UserAsync("guard-" + @case.Id);
        var findings = SecretScanner.Default.Scan(@case.Text);
        var action = SecretPolicy.Default.Decide(findings);
        Assert.That(findings.Select(f => f.Kind.ToWireName()).Distinct(), Is.EquivalentTo(@case.Expect), "scanner agrees with the case");

        if (action == SecretAction.Block)
        {
            var blocked = Assert.ThrowsAsync<SensitiveDataException>(() => user.Tickets.CreateTicketAsync(Ticket(@case.Text)));
            Assert.Multiple(async () =>
            {
                Assert.That(blocked!.BlockedOnDevice, Is.True);
                Assert.That(blocked.Findings.Select(f => f.Kind), Is.SupersetOf(@case.Expect.Where(k => SecretPolicy.Default[Parse(k)] == SecretAction.Block)));
                Assert.That(blocked.Findings.All(f => f.Field == "body"), Is.True);
                foreach (var f in findings)
                {
                    Assert.That(blocked.Message, Does.Not.Contain(@case.Text.Substring(f.Start, f.Length)), "the exception never holds the secret");
                }

                Assert.That(await CountTicketsAsync(user), Is.Zero, "nothing was stored");
            });
            return;
        }

        var ticket = await user.Tickets.CreateTicketAsync(Ticket(@case.Text));
        var stored = await FirstMessageAsync(user, ticket.Id);
        if (action == SecretAction.Redact)
        {
            Assert.That(stored.Body, Does.Contain(SecretPolicy.RedactionMarker));
            foreach (var f in findings)
            {
                Assert.That(stored.Body, Does.Not.Contain(@case.Text.Substring(f.Start, f.Length)));
            }
        }
        else
        {
            Assert.That(stored.Body, Is.EqualTo(@case.Text.Trim()), "legitimate text is stored untouched");
        }
    }

    private static SecretKind Parse(string wire) => wire switch
    {
        "mnemonic" => SecretKind.Mnemonic,
        "private_key" => SecretKind.PrivateKey,
        "password" => SecretKind.Password,
        "otp" => SecretKind.Otp,
        _ => SecretKind.ApiSecret,
    };

    private static async Task<TicketMessage> FirstMessageAsync(SupportClient user, string ticketId)
    {
        await foreach (var message in user.Tickets.GetMessagesAsync(ticketId))
        {
            return message;
        }

        throw new AssertionException("the ticket has no message");
    }

    [Test]
    public async Task The_server_blocks_a_seed_phrase_an_app_sent_around_the_sdk()
    {
        var seed = PublicCases().First(c => c.Id == "s002").Text;
        using var http = await _server.UserAsync("raw-seed");
        using var response = await http.PostAsJsonAsync("v1/tickets", new { subject = "help", body = seed, category = "account" });
        var text = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(text);
        var finding = problem.RootElement.GetProperty("findings")[0];
        var span = seed.Substring(finding.GetProperty("start").GetInt32(), finding.GetProperty("length").GetInt32());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(problem.RootElement.GetProperty("code").GetString(), Is.EqualTo(ErrorCodes.SensitiveDataBlocked));
            Assert.That(finding.GetProperty("kind").GetString(), Is.EqualTo("mnemonic"));
            Assert.That(finding.GetProperty("field").GetString(), Is.EqualTo("body"));
            Assert.That(span.Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(24), "the span covers the phrase");
            Assert.That(text, Does.Not.Contain(span.Split(' ')[0] + " " + span.Split(' ')[1]), "the answer never holds the secret");
        });
    }

    [Test]
    public async Task An_sdk_whose_policy_allows_seed_phrases_still_meets_the_server_check()
    {
        var seed = PublicCases().First(c => c.Id == "s001").Text;
        var permissive = new SupportClientOptions { AllowInsecureLoopback = true, SecretPolicy = SecretPolicy.Default.With(SecretKind.Mnemonic, SecretAction.Allow) };
        using var user = await UserAsync("permissive", permissive);
        var blocked = Assert.ThrowsAsync<SensitiveDataException>(() => user.Tickets.CreateTicketAsync(Ticket("please fix: " + seed)));
        Assert.Multiple(() =>
        {
            Assert.That(blocked!.BlockedOnDevice, Is.False);
            Assert.That(blocked.Status, Is.EqualTo(422));
            Assert.That(blocked.RequestId, Is.Not.Null);
            Assert.That(blocked.Findings.Single().Kind, Is.EqualTo("mnemonic"));
            Assert.That(blocked.Findings.Single().Start, Is.EqualTo("please fix: ".Length));
            Assert.That(blocked.Message + blocked.RawBody, Does.Not.Contain("galaxy this pattern"));
        });
    }

    [Test]
    public async Task A_password_sent_around_the_sdk_is_stored_redacted_and_never_reaches_the_database_file()
    {
        const string password = "Hunter2-Zebra!991";
        using var http = await _server.UserAsync("raw-password");
        using var created = await http.PostAsJsonAsync("v1/tickets", new { subject = "locked out", body = $"I cannot log in, my password is {password} please check", category = "account" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        using var ticket = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = ticket.RootElement.GetProperty("id").GetString();
        using var reply = await http.PostAsJsonAsync($"v1/tickets/{id}/messages", new { body = $"password: {password}" });
        var messages = await http.GetStringAsync($"v1/tickets/{id}/messages");

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_server.DatabasePath}"))
        {
            await connection.OpenAsync();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await checkpoint.ExecuteNonQueryAsync();
        }

        var database = string.Concat(Directory.GetFiles(Path.GetDirectoryName(_server.DatabasePath)!, "support.db*")
            .Select(f => Encoding.UTF8.GetString(ReadShared(f))));
        Assert.Multiple(() =>
        {
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(messages, Does.Contain(SecretPolicy.RedactionMarker));
            Assert.That(messages, Does.Not.Contain(password));
            Assert.That(database, Does.Not.Contain(password));
            Assert.That(database, Does.Contain("I cannot log in"), "the rest of the message was stored");
        });
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [TestCase("Please send me your 12-word seed phrase so I can restore the account.", MessageFlags.AsksForSecret)]
    [TestCase("To verify you, tell me the 6-digit code from Google Authenticator.", MessageFlags.AsksForSecret)]
    [TestCase("请提供您的助记词，我们帮您恢复钱包。", MessageFlags.AsksForSecret)]
    [TestCase("请把短信验证码发给我，以便核实身份。", MessageFlags.AsksForSecret)]
    [TestCase("Install AnyDesk and give me the access code so I can fix it.", MessageFlags.AsksForSecret)]
    [TestCase("Log in here to unlock your funds: https://example-exchange.com.account-verify.io/login", MessageFlags.UnofficialLink)]
    [TestCase("Support will never ask for your seed phrase, private key, password or 2FA code.", null)]
    [TestCase("客服绝不会向您索要助记词、私钥或验证码，请勿透露给任何人。", null)]
    [TestCase("Our guide is at https://www.example-exchange.com/help/withdrawals — the network is congested.", null)]
    public async Task Agent_messages_reach_the_user_with_scam_flags(string agentText, string? expected)
    {
        using var user = await UserAsync("flags-" + Math.Abs(agentText.GetHashCode(StringComparison.Ordinal)));
        var ticket = await user.Tickets.CreateTicketAsync(Ticket("My withdrawal is stuck"));
        var sent = await _agent.AgentTickets.AddMessageAsync(ticket.Id, new ReplyRequest { Body = agentText });
        TicketMessage? received = null;
        await foreach (var message in user.Tickets.GetMessagesAsync(ticket.Id))
        {
            if (message.From.Role == AuthorRole.Agent)
            {
                received = message;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(sent.Flags, expected is null ? Is.Empty : Is.EquivalentTo(new[] { expected }), "server flags");
            Assert.That(received!.Flags, expected is null ? Is.Empty : Is.EquivalentTo(new[] { expected }), "what the app reads");
        });
    }
}

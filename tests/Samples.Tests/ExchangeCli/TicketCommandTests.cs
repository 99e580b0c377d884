using System.Net.Http.Json;
using System.Text.Json;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.ExchangeCli;

/// <summary><c>exchange-cli ticket ...</c> against the real server on loopback, with both ways of signing in.</summary>
[TestFixture]
[NonParallelizable]
public sealed class TicketCommandTests
{
    private const string SeedPhrase = "carry evolve chaos rubber screen welcome birth crack rib spring equip view render busy visual real dial tiger veteran lab danger flock portion better";

    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    /// <summary>The environment of a user whose token the CLI mints with the API key.</summary>
    private Dictionary<string, string?> ApiKeyUser(string userId) => new()
    {
        ["SUPPORT_ENDPOINT"] = _server.BaseAddress.ToString(),
        ["SUPPORT_API_KEY"] = SupportServerHost.ApiKey,
        ["SUPPORT_USER_ID"] = userId,
    };

    private async Task<Dictionary<string, string?>> TokenUserAsync(string userId) => new()
    {
        ["SUPPORT_ENDPOINT"] = _server.BaseAddress.ToString(),
        ["SUPPORT_USER_TOKEN"] = await _server.MintTokenAsync(userId),
    };

    private static async Task<JsonElement> JsonAsync(Dictionary<string, string?> env, params string[] args)
    {
        var run = await CliProcess.RunAsync([.. args, "--json"], null, env);
        Assert.That(run.Exit, Is.EqualTo(0), $"{string.Join(' ', args)}: {run}");
        return run.Json();
    }

    [Test]
    public async Task Create_list_show_reply_close_rate()
    {
        var env = ApiKeyUser("cli-lifecycle");
        var created = await JsonAsync(env, "ticket", "create", "--subject", "USDT withdrawal pending", "--body", "Sent 3 hours ago on TRC20.",
            "--category", "withdrawal", "--priority", "high");
        var id = created.GetProperty("id").GetString()!;
        var listed = await JsonAsync(env, "ticket", "list");
        var reply = await JsonAsync(env, "ticket", "reply", id, "--text", "Any news? 提现还没到账");
        var shown = await JsonAsync(env, "ticket", "show", id);
        var closed = await JsonAsync(env, "ticket", "close", id);
        var rated = await JsonAsync(env, "ticket", "rate", id, "--score", "4", "--comment", "Quick answer");
        var again = await CliProcess.RunAsync(["ticket", "rate", id, "--score", "5"], null, env);

        Assert.Multiple(() =>
        {
            Assert.That(id, Does.StartWith("tkt_"));
            Assert.That(created.GetProperty("status").GetString(), Is.EqualTo("open"));
            Assert.That(created.GetProperty("category").GetString(), Is.EqualTo("withdrawal"));
            Assert.That(created.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(listed.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));
            Assert.That(listed.TryGetProperty("nextCursor", out _), Is.True);
            Assert.That(reply.GetProperty("seq").GetInt64(), Is.EqualTo(2));
            Assert.That(shown.GetProperty("ticket").GetProperty("id").GetString(), Is.EqualTo(id));
            Assert.That(shown.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()),
                Is.EqualTo(new[] { "Sent 3 hours ago on TRC20.", "Any news? 提现还没到账" }));
            Assert.That(closed.GetProperty("status").GetString(), Is.EqualTo("closed"));
            Assert.That(rated.GetProperty("rating").GetProperty("score").GetInt32(), Is.EqualTo(4));
            Assert.That(rated.GetProperty("rating").GetProperty("comment").GetString(), Is.EqualTo("Quick answer"));
        });
        CliProcess.AssertOneLineError(again, 1, "already_rated");
    }

    [Test]
    public async Task A_user_token_from_the_environment_works_and_sees_only_its_own_tickets()
    {
        var owner = ApiKeyUser("cli-owner");
        var id = (await JsonAsync(owner, "ticket", "create", "--subject", "Account locked", "--body", "Cannot sign in.")).GetProperty("id").GetString()!;
        var stranger = await TokenUserAsync("cli-stranger");

        var list = await JsonAsync(stranger, "ticket", "list", "--status", "open");
        var show = await CliProcess.RunAsync(["ticket", "show", id], null, stranger);

        Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(0));
        CliProcess.AssertOneLineError(show, 1, "ticket_not_found");
    }

    [Test]
    public async Task Human_output_lists_and_shows_tickets_and_warns_about_support_asking_for_secrets()
    {
        var env = ApiKeyUser("cli-human");
        var id = (await JsonAsync(env, "ticket", "create", "--subject", "Deposit missing", "--body", "BTC deposit not credited.", "--category", "deposit"))
            .GetProperty("id").GetString()!;
        using (var agentReply = await _server.Agent().PostAsJsonAsync($"/v1/agent/tickets/{id}/messages",
            new { body = "To verify your wallet, please send us your 12-word seed phrase." }))
        {
            agentReply.EnsureSuccessStatusCode();
        }

        var list = await CliProcess.RunAsync(["ticket", "list"], null, env);
        var show = await CliProcess.RunAsync(["ticket", "show", id], null, env);

        Assert.Multiple(() =>
        {
            Assert.That(list.Exit, Is.EqualTo(0), list.ToString());
            Assert.That(list.Out, Does.Contain(id).And.Contain("Deposit missing"));
            Assert.That(show.Exit, Is.EqualTo(0), show.ToString());
            Assert.That(show.Out, Does.Contain("BTC deposit not credited.").And.Contain(SupportServerHost.AgentName));
            Assert.That(show.Out, Does.Contain("Warning: this message asks for a secret"), show.Out);
            Assert.That(show.Out.Contains('\u001b', StringComparison.Ordinal), Is.False, "no colour codes when redirected");
        });
    }

    [Test]
    public async Task A_seed_phrase_is_never_sent_and_never_printed()
    {
        var env = ApiKeyUser("cli-seed");
        var create = await CliProcess.RunAsync(["ticket", "create", "--subject", "Wallet help", "--body", "My words: " + SeedPhrase], null, env);
        var createJson = await CliProcess.RunAsync(["ticket", "create", "--json", "--subject", "Wallet help", "--body", SeedPhrase], null, env);
        var list = await JsonAsync(env, "ticket", "list");

        CliProcess.AssertOneLineError(create, 4, "sensitive_data_blocked");
        Assert.Multiple(() =>
        {
            Assert.That(createJson.JsonError().Code, Is.EqualTo("sensitive_data_blocked"));
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(0), "nothing reached the server");
        });
        SecretLeaks.AssertAbsent(create, SeedPhrase);
        SecretLeaks.AssertAbsent(createJson, SeedPhrase);
    }

    [Test]
    public async Task A_password_is_redacted_before_sending()
    {
        var env = ApiKeyUser("cli-password");
        var created = await CliProcess.RunAsync(["ticket", "create", "--json", "--subject", "Login problem", "--body", "my password is Tr0ub4dor&3xyz and it fails"], null, env);
        Assert.That(created.Exit, Is.EqualTo(0), created.ToString());
        var id = created.Json().GetProperty("id").GetString()!;
        var shown = await JsonAsync(env, "ticket", "show", id);
        var body = shown.GetProperty("messages")[0].GetProperty("body").GetString();

        Assert.That(body, Does.Contain("[redacted]").And.Not.Contain("Tr0ub4dor"));
        SecretLeaks.AssertAbsent(created, "Tr0ub4dor&3xyz");
    }

    [Test]
    public async Task Ticket_commands_without_credentials_are_bad_usage()
    {
        var none = await CliProcess.RunAsync(["ticket", "list"], null, new Dictionary<string, string?> { ["SUPPORT_ENDPOINT"] = _server.BaseAddress.ToString() });
        var apiKeyAsToken = await CliProcess.RunAsync(["ticket", "list"], null, new Dictionary<string, string?>
        {
            ["SUPPORT_ENDPOINT"] = _server.BaseAddress.ToString(),
            ["SUPPORT_USER_TOKEN"] = SupportServerHost.ApiKey,
        });

        CliProcess.AssertOneLineError(none, 2, "usage");
        CliProcess.AssertOneLineError(apiKeyAsToken, 2, "usage");
        Assert.That(none.Err, Does.Contain("SUPPORT_USER_TOKEN").And.Contain("SUPPORT_API_KEY"));
        Assert.That(apiKeyAsToken.Err, Does.Not.Contain(SupportServerHost.ApiKey), "never echo a key");
    }

    [Test]
    public async Task A_rejected_token_is_a_one_line_error()
    {
        var run = await CliProcess.RunAsync(["ticket", "list", "--json"], null, new Dictionary<string, string?>
        {
            ["SUPPORT_ENDPOINT"] = _server.BaseAddress.ToString(),
            ["SUPPORT_USER_TOKEN"] = "sut1.not-a-real-token",
        });
        CliProcess.AssertOneLineError(run, 1, "unauthorized");
        Assert.That(run.JsonError().Code, Is.EqualTo("unauthorized"));
    }
}

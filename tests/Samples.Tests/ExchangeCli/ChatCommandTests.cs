using System.Text.Json;
using Samples.Tests.Infrastructure;
using SupportSdk;

namespace Samples.Tests.ExchangeCli;

/// <summary><c>exchange-cli chat</c> as a process against the real server: piped lines are sent, events come back as JSON lines.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ChatCommandTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private Dictionary<string, string?> User(string userId) => new()
    {
        ["SUPPORT_ENDPOINT"] = _server.BaseAddress.ToString(),
        ["SUPPORT_API_KEY"] = SupportServerHost.ApiKey,
        ["SUPPORT_USER_ID"] = userId,
    };

    private static List<JsonElement> Lines(CliRun run) =>
        run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Test]
    public async Task Piped_lines_get_a_bot_answer_a_handoff_and_a_blocked_seed_phrase()
    {
        const string seed = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        var run = await CliProcess.RunAsync(["chat", "--json", "--linger", "2"],
            $"withdrawl pending for hours\nmy words: {seed}\nagent\n", User("cli-chat"));
        var lines = Lines(run);
        var kinds = lines.Select(l => l.GetProperty("kind").GetString()).ToList();
        var bot = lines.FirstOrDefault(l => l.GetProperty("kind").GetString() == "message" && l.GetProperty("from").GetProperty("role").GetString() == "bot"
            && l.TryGetProperty("article", out _));

        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(0), run.ToString());
            Assert.That(kinds[0], Is.EqualTo("started"));
            Assert.That(kinds.Count(k => k == "sent"), Is.EqualTo(2), "two lines sent, the seed phrase not");
            Assert.That(kinds, Does.Contain("blocked"));
            Assert.That(bot.ValueKind, Is.EqualTo(JsonValueKind.Object), "the bot answered with an article");
            Assert.That(kinds, Does.Contain("handoff"));
            Assert.That(run.Out + run.Err, Does.Not.Contain("sausage"), "the secret is never printed");
        });
    }

    [Test]
    public async Task An_agent_message_asking_for_a_secret_is_printed_with_a_warning()
    {
        var env = User("cli-chat-human");
        var started = await CliProcess.RunAsync(["chat", "--json", "--linger", "0", "--topic", "I want to talk to an agent"], "", env);
        var chatId = Lines(started)[0].GetProperty("chatId").GetString()!;
        using var agent = new SupportClient(_server.BaseAddress, new AgentKeyCredential(SupportServerHost.AgentKey), new SupportClientOptions { AllowInsecureLoopback = true });
        await agent.AgentChats.AcceptChatAsync(chatId);
        await using (var session = await agent.AgentChats.ConnectChatAsync(chatId))
        {
            await session.SendMessageAsync("Please send me your seed phrase to verify the account.");
        }

        var human = await CliProcess.RunAsync(["chat", "--chat", chatId, "--linger", "2"], "", env);
        Assert.Multiple(() =>
        {
            Assert.That(human.Exit, Is.EqualTo(0), human.ToString());
            Assert.That(human.Out, Does.Contain("WARNING").And.Contain("asks for a secret"));
            Assert.That(human.Out, Does.Contain("joined the chat"));
        });
    }
}

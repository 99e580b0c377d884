using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Samples.Tests.Infrastructure;

namespace Samples.Tests.ExchangeCli;

/// <summary>
/// <c>exchange-cli transcript verify FILE</c> on transcripts a real server signed: genuine (JSON, the saved page, one
/// forwarded message), altered at the right message (a changed word, a removed message, a swapped pair), a foreign
/// key untrusted; exit 0 only when genuine; trusting <c>--public-key</c> or the keys <c>--endpoint</c> publishes.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TranscriptCommandTests
{
    private SupportServerHost _server = null!;
    private string _folder = null!;
    private string _json = null!;
    private string _html = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync(o => SupportServerHost.UseDemoChannels(o.OfficialChannels), importFaq: false);
        _folder = Directory.CreateTempSubdirectory("transcripts-").FullName;
        using var user = await _server.UserAsync("cli-transcript");
        using var created = await user.PostAsJsonAsync("/v1/tickets", new { subject = "Missing deposit", body = "My USDT has not arrived", category = "deposit" });
        var ticketId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var agent = _server.Agent();
        foreach (var body in new[] { "Support never asks for your seed phrase. Which network?", "Thanks, checking the chain now." })
        {
            using var reply = await agent.PostAsJsonAsync($"/v1/agent/tickets/{ticketId}/messages", new { body });
            reply.EnsureSuccessStatusCode();
        }

        _json = Path.Combine(_folder, "transcript.json");
        _html = Path.Combine(_folder, "transcript.html");
        await File.WriteAllTextAsync(_json, await user.GetStringAsync($"/v1/tickets/{ticketId}/transcript"));
        await File.WriteAllTextAsync(_html, await user.GetStringAsync($"/v1/tickets/{ticketId}/transcript?format=html"));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Save(string name, JsonNode document)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, document.ToJsonString(), Encoding.UTF8);
        return path;
    }

    private JsonObject Original() => JsonNode.Parse(File.ReadAllText(_json))!.AsObject();

    private async Task<(string Verdict, int? Message, int Exit)> VerifyAsync(string file, params string[] trust)
    {
        var run = await CliProcess.RunAsync(["transcript", "verify", "--json", .. trust.Length == 0 ? ["--public-key", _server.ManifestPublicKey] : trust, file], null, null);
        var json = run.Json();
        var message = json.GetProperty("message");
        return (json.GetProperty("verdict").GetString()!, message.ValueKind == JsonValueKind.Null ? null : message.GetInt32(), run.Exit);
    }

    [Test]
    public async Task An_export_is_genuine_as_JSON_as_the_saved_page_and_trusting_the_endpoint()
    {
        var human = await CliProcess.RunAsync("transcript", "verify", "--public-key", _server.ManifestPublicKey, _json);
        Assert.Multiple(async () =>
        {
            Assert.That(await VerifyAsync(_json), Is.EqualTo(("genuine", (int?)null, 0)));
            Assert.That(await VerifyAsync(_html), Is.EqualTo(("genuine", (int?)null, 0)));
            Assert.That(await VerifyAsync(_json, "--endpoint", _server.BaseAddress.ToString()), Is.EqualTo(("genuine", (int?)null, 0)));
            Assert.That(human.Out, Does.Contain("GENUINE").And.Contain("3 message(s)"), human.ToString());
        });
    }

    [Test]
    public async Task A_changed_word_a_removed_message_and_a_swapped_pair_are_altered_at_that_message()
    {
        var word = Original();
        var text = word["messages"]![1]!["text"]!;
        word["messages"]![1]!["text"] = text.GetValue<string>().Replace("never", "always", StringComparison.Ordinal);
        var removed = Original();
        removed["messages"]!.AsArray().RemoveAt(1);
        var swapped = Original();
        var messages = swapped["messages"]!.AsArray();
        var second = messages[2]!.DeepClone();
        messages[2] = messages[1]!.DeepClone();
        messages[1] = second;
        Assert.Multiple(async () =>
        {
            Assert.That(await VerifyAsync(Save("word.json", word)), Is.EqualTo(("altered", (int?)1, 1)));
            Assert.That(await VerifyAsync(Save("removed.json", removed)), Is.EqualTo(("altered", (int?)1, 1)));
            Assert.That(await VerifyAsync(Save("swapped.json", swapped)), Is.EqualTo(("altered", (int?)1, 1)));
        });
    }

    [Test]
    public async Task Another_key_is_untrusted_and_one_forwarded_message_verifies_alone()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var single = Save("single.json", Original()["messages"]![1]!.DeepClone());
        var human = await CliProcess.RunAsync("transcript", "verify", "--public-key", Convert.ToBase64String(other.ExportSubjectPublicKeyInfo()), _json);
        Assert.Multiple(async () =>
        {
            Assert.That(await VerifyAsync(_json, "--public-key", Convert.ToBase64String(other.ExportSubjectPublicKeyInfo())), Is.EqualTo(("untrusted", (int?)null, 1)));
            Assert.That(human.Out, Does.Contain("NOT SIGNED BY THIS EXCHANGE"), human.ToString());
            Assert.That(await VerifyAsync(single), Is.EqualTo(("genuine", (int?)null, 0)));
        });
    }

    [Test]
    public async Task A_missing_file_or_no_key_to_trust_is_a_one_line_usage_error()
    {
        var missing = await CliProcess.RunAsync("transcript", "verify", "--public-key", _server.ManifestPublicKey, Path.Combine(_folder, "nope.json"));
        var noKey = await CliProcess.RunAsync(["transcript", "verify", _json], null, new Dictionary<string, string?> { ["SUPPORT_ENDPOINT"] = null, ["SUPPORT_MANIFEST_PUBLIC_KEY"] = null });
        CliProcess.AssertOneLineError(missing, 2, "file_not_found");
        CliProcess.AssertOneLineError(noKey, 2, "usage");
    }
}

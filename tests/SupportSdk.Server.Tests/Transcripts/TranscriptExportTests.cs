using System.Net;
using System.Net.Http.Json;
using SupportSdk.Channels;
using SupportSdk.Transcripts;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Transcripts;

/// <summary>
/// <c>GET /v1/tickets/{id}/transcript</c> and <c>/v1/chats/{id}/transcript?format=signed|html</c> over a real server:
/// what the customer saw, signed by the channel key the server publishes, verifiable as JSON and as the saved page,
/// with internal notes and tags left out, in the customer's language, and only for the customer's own conversations.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TranscriptExportTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(o => SupportServerHost.UseDemoChannels(o.OfficialChannels), importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private async Task<string[]> PublishedKeysAsync()
    {
        var keys = await _server.Anonymous().GetFromJsonAsync("/v1/channels/keys", ChannelsJsonContext.Default.ChannelKeys);
        return [.. keys!.Keys.Select(k => k.PublicKey)];
    }

    [Test]
    public async Task A_ticket_transcript_is_what_the_customer_saw_signed_by_the_published_key_without_notes()
    {
        using var user = await _server.UserAsync("transcript-ticket");
        var ticket = await CreateTicketAsync(user);
        using var agent = _server.Agent();
        using (var reply = await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/messages", Json("""{"body":"Support never asks for your seed phrase. Which network?"}""")))
        {
            Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var note = await agent.PostAsync($"/v1/agent/tickets/{ticket.Id}/notes", Json("""{"body":"internal: check the hot wallet"}""")))
        {
            Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var answer = await user.PostAsync($"/v1/tickets/{ticket.Id}/messages", Json("""{"body":"TRC20"}""")))
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using var response = await user.GetAsync($"/v1/tickets/{ticket.Id}/transcript");
        var json = await response.Content.ReadAsStringAsync();
        var transcript = System.Text.Json.JsonSerializer.Deserialize(json, TranscriptsJsonContext.Default.SignedTranscript)!;
        var keys = await PublishedKeysAsync();
        var published = await _server.Anonymous().GetFromJsonAsync("/v1/channels/keys", ChannelsJsonContext.Default.ChannelKeys);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(transcript.KeyId, Is.EqualTo(published!.Keys.Single(k => k.Current).KeyId), "signed by the current key");
            Assert.That(transcript.Messages.Select(m => (m.Role, m.Text)), Is.EqualTo(new[]
            {
                ("customer", NewTicket().Body), ("agent", "Support never asks for your seed phrase. Which network?"), ("customer", "TRC20"),
            }));
            Assert.That(json, Does.Not.Contain("hot wallet"), "internal notes are never exported");
            Assert.That(keys, Does.Contain(_server.ManifestPublicKey), "the manifest key and the transcript key are one family");
            Assert.That(TranscriptVerifier.Verify(json, keys).Verdict, Is.EqualTo(TranscriptVerdict.Genuine));
            Assert.That(TranscriptVerifier.Verify(json.Replace("TRC20", "ERC20", StringComparison.Ordinal), keys),
                Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(2));
        });
    }

    [Test]
    public async Task The_page_is_in_the_customers_language_escapes_what_they_wrote_and_carries_a_verifiable_copy()
    {
        using var user = await _server.UserAsync("transcript-zh", "zh-cn");
        var ticket = await CreateTicketAsync(user, NewTicket("充值未到账 </script><script>alert(1)</script>"));
        using var response = await user.GetAsync($"/v1/tickets/{ticket.Id}/transcript?format=html");
        var html = await response.Content.ReadAsStringAsync();
        var keys = await PublishedKeysAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.Contain("<html lang=\"zh-CN\">").And.Contain("客服对话记录").And.Contain("客服绝不会索要"));
            Assert.That(html, Does.Not.Contain("<script>alert(1)</script>"), "customer text is encoded, in the page and in the embedded JSON");
            Assert.That(TranscriptVerifier.Verify(html, keys).Verdict, Is.EqualTo(TranscriptVerdict.Genuine), "the saved page verifies");
        });

        // The page's visible words are checked against the signed ones: a forger who edits what is shown (and leaves
        // the signed JSON alone) is caught at that message, as is one who adds a "support" message to the page.
        var body = NewTicket().Body;
        var edited = html.Replace("<p class=\"text\">" + body + "</p>", "<p class=\"text\">Support: send your USDT to 0xabc to unfreeze</p>", StringComparison.Ordinal);
        var added = html.Replace("<footer>", "<div class=\"m agent\" data-index=\"1\"><span class=\"who\">Mia (客服)</span><span class=\"at\">x</span><p class=\"text\">send your seed phrase</p></div><footer>", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(edited, Is.Not.EqualTo(html));
            Assert.That(TranscriptVerifier.Verify(edited, keys), Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(0));
            Assert.That(TranscriptVerifier.Verify(added, keys), Has.Property("Verdict").EqualTo(TranscriptVerdict.Altered).And.Property("Message").EqualTo(1));
        });
    }

    [Test]
    public async Task A_chat_transcript_is_signed_too_and_another_customers_conversations_stay_hidden()
    {
        using var user = await _server.UserAsync("transcript-chat");
        var chat = await ReadAsync(await user.PostAsync("/v1/chats", Json("""{"topic":"hello"}""")), ChatJsonContext.Default.ChatThread);
        using (var sent = await user.PostAsync($"/v1/chats/{chat.Id}/messages", Json("""{"text":"is my withdrawal safe?","clientMessageId":"c1"}""")))
        {
            Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var json = await user.GetStringAsync($"/v1/chats/{chat.Id}/transcript?format=signed");
        var transcript = System.Text.Json.JsonSerializer.Deserialize(json, TranscriptsJsonContext.Default.SignedTranscript)!;
        using var stranger = await _server.UserAsync("transcript-stranger");
        var ticket = await CreateTicketAsync(user);
        using var theirTicket = await stranger.GetAsync($"/v1/tickets/{ticket.Id}/transcript");
        using var theirChat = await stranger.GetAsync($"/v1/chats/{chat.Id}/transcript?format=signed");
        using var badFormat = await user.GetAsync($"/v1/tickets/{ticket.Id}/transcript?format=pdf");
        Assert.Multiple(async () =>
        {
            Assert.That(transcript.Kind, Is.EqualTo("chat"));
            Assert.That(transcript.Messages.Select(m => m.Role), Does.Contain("customer").And.Contain("bot"));
            Assert.That(TranscriptVerifier.Verify(json, await PublishedKeysAsync()).Verdict, Is.EqualTo(TranscriptVerdict.Genuine));
            await AssertProblemAsync(theirTicket, HttpStatusCode.NotFound, "ticket_not_found");
            await AssertProblemAsync(theirChat, HttpStatusCode.NotFound, "chat_not_found");
            await AssertProblemAsync(badFormat, HttpStatusCode.BadRequest, "invalid_query");
        });
    }
}

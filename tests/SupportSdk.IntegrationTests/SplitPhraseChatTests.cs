namespace SupportSdk.IntegrationTests;

/// <summary>The SDK refuses, on the device, the chat line that completes a seed phrase begun in earlier lines.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SplitPhraseChatTests
{
    private static readonly string[] Words = "attack race runway announce fiscal life smoke demand extend sound twenty always".Split(' ');

    [Test]
    public async Task The_line_that_completes_a_phrase_is_refused_before_it_is_sent()
    {
        await using var server = await SupportServerHost.StartAsync(importFaq: false);
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        using var backend = new SupportClient(server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), options);
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = "split-sdk", DisplayName = "Split", Locale = "en-us" });
        using var customer = new SupportClient(server.BaseAddress, new UserTokenCredential(token.Token), options);
        await using var chat = await customer.Chat.StartChatAsync(new StartChatRequest { Topic = "agent" });

        await chat.SendMessageAsync("my words " + string.Join(' ', Words[..6]));
        var refused = Assert.ThrowsAsync<SensitiveDataException>(() => chat.SendMessageAsync(string.Join(' ', Words[6..])));
        Assert.Multiple(() =>
        {
            Assert.That(refused!.BlockedOnDevice, Is.True);
            Assert.That(refused.Findings.Single().Kind, Is.EqualTo("mnemonic"));
        });

        var after = await chat.SendMessageAsync("sorry, ignore that");
        Assert.That(after.Seq, Is.GreaterThan(0), "the session goes on");
    }
}

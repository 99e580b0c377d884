namespace SupportSdk.IntegrationTests;

/// <summary>Live chat with the SDK on both sides against the real server over loopback: bot, handoff, agent, flags,
/// secret guard, both transports.</summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class ChatEndToEndTests
{
    private SupportServerHost _server = null!;
    private SupportClient _backend = null!;
    private SupportClient _agent = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync();
        _backend = new SupportClient(_server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), Options());
        _agent = new SupportClient(_server.BaseAddress, new AgentKeyCredential(SupportServerHost.AgentKey), Options());
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _backend.Dispose();
        _agent.Dispose();
        await _server.DisposeAsync();
    }

    private static SupportClientOptions Options(ChatTransportMode transport = ChatTransportMode.Auto)
    {
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        options.Chat.Transport = transport;
        options.Chat.LongPollWait = TimeSpan.FromSeconds(2);
        return options;
    }

    private async Task<SupportClient> UserAsync(string userId, string locale, ChatTransportMode transport = ChatTransportMode.Auto)
    {
        var token = await _backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "User " + userId, Locale = locale });
        var options = Options(transport);
        options.ManifestPublicKeys.Add(_server.ManifestPublicKey);
        return new SupportClient(_server.BaseAddress, new UserTokenCredential(token.Token), options);
    }

    private static async Task<T> NextAsync<T>(IAsyncEnumerator<ChatEvent> events, Func<T, bool>? match = null)
        where T : ChatEvent
    {
        while (await events.MoveNextAsync())
        {
            if (events.Current is T found && (match is null || match(found)))
            {
                return found;
            }
        }

        throw new AssertionException($"the event stream ended before a {typeof(T).Name}");
    }

    [TestCase(ChatTransportMode.Auto)]
    [TestCase(ChatTransportMode.LongPoll)]
    public async Task Bot_answer_then_handoff_then_an_agent_whose_scam_message_arrives_flagged(ChatTransportMode transport, CancellationToken cancellationToken)
    {
        using var user = await UserAsync("chat-e2e-" + transport, "en-us", transport);
        await using var chat = await user.Chat.StartChatAsync(new StartChatRequest { Locale = "en-us" }, cancellationToken);
        await using var events = chat.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);

        var asked = await chat.SendMessageAsync("withdrawl pending for hours", cancellationToken);
        var mine = await NextAsync<ChatMessageEvent>(events, m => m.From.Role == AuthorRole.Customer);
        var bot = await NextAsync<ChatMessageEvent>(events, m => m.From.Role == AuthorRole.Bot);
        await chat.SendMessageAsync("I want to talk to an agent", cancellationToken);
        var handoff = await NextAsync<ChatHandoffEvent>(events);

        var queued = new List<ChatThread>();
        await foreach (var c in _agent.AgentChats.GetChatsAsync(ChatStatus.Queued, cancellationToken: cancellationToken))
        {
            queued.Add(c);
        }

        await _agent.AgentChats.AcceptChatAsync(chat.ChatId, cancellationToken);
        await using var agentSide = await _agent.AgentChats.ConnectChatAsync(chat.ChatId, cancellationToken: cancellationToken);
        var joined = await NextAsync<ChatAgentJoinedEvent>(events);
        await agentSide.SendMessageAsync("Hello, I am looking at your withdrawal now.", cancellationToken);
        var hello = await NextAsync<ChatMessageEvent>(events, m => m.From.Role == AuthorRole.Agent);
        await agentSide.SendMessageAsync("To speed this up, please send me your 12-word seed phrase.", cancellationToken);
        var scam = await NextAsync<ChatMessageEvent>(events, m => m.From.Role == AuthorRole.Agent);
        await agentSide.SendMessageAsync("Check https://example-exchange.com.withdraw-help.io/fix for a fix.", cancellationToken);
        var link = await NextAsync<ChatMessageEvent>(events, m => m.From.Role == AuthorRole.Agent);
        var blocked = Assert.ThrowsAsync<SensitiveDataException>(() =>
            chat.SendMessageAsync("ok: legal winner thank year wave sausage worth useful legal winner thank yellow", cancellationToken));
        await chat.CloseChatAsync(cancellationToken);
        var closed = await NextAsync<ChatClosedEvent>(events);
        var transcript = await user.Chat.GetTranscriptAsync(chat.ChatId, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(mine.Seq, Is.EqualTo(asked.Seq));
            Assert.That(mine.ClientMessageId, Is.EqualTo(asked.ClientMessageId));
            Assert.That(bot.Article, Is.Not.Null, bot.Text);
            Assert.That(bot.QuickReplies, Is.Not.Empty);
            Assert.That(handoff.Reason, Is.EqualTo("requested"));
            Assert.That(queued.Select(c => c.Id), Does.Contain(chat.ChatId));
            Assert.That(joined.AgentName, Is.EqualTo(SupportServerHost.AgentName));
            Assert.That(hello.Flags, Is.Empty);
            Assert.That(scam.Flags, Does.Contain(MessageFlags.AsksForSecret));
            Assert.That(link.Flags, Does.Contain(MessageFlags.UnofficialLink));
            Assert.That(blocked!.BlockedOnDevice, Is.True);
            Assert.That(closed.Seq, Is.GreaterThan(link.Seq!.Value));
            Assert.That(transcript, Does.Contain("withdrawl pending for hours").And.Not.Contain("sausage"));
            Assert.That(chat.State, Is.EqualTo(ChatSessionState.Closed));
        });
    }

    [Test]
    public async Task A_chat_can_be_resumed_after_an_app_restart_from_its_last_seq(CancellationToken cancellationToken)
    {
        using var user = await UserAsync("chat-resume", "zh-cn");
        string chatId;
        long lastSeq;
        await using (var first = await user.Chat.StartChatAsync(new StartChatRequest { Locale = "zh-cn" }, cancellationToken))
        {
            chatId = first.ChatId;
            await first.SendMessageAsync("转人工", cancellationToken);
            await using var events = first.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            await NextAsync<ChatHandoffEvent>(events);
            lastSeq = first.LastSeq;
        }

        await _agent.AgentChats.AcceptChatAsync(chatId, cancellationToken);
        await using var again = await user.Chat.ResumeChatAsync(chatId, lastSeq, cancellationToken);
        await using var resumed = again.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = await NextAsync<ChatEvent>(resumed, e => e.Seq is not null);

        Assert.Multiple(() =>
        {
            Assert.That(next.Seq, Is.EqualTo(lastSeq + 1), "nothing before the resume point is delivered again");
            Assert.That(next, Is.InstanceOf<ChatAgentJoinedEvent>());
        });
        Assert.ThrowsAsync<SupportApiException>(() => user.Chat.ResumeChatAsync("cht_does_not_exist", 0, cancellationToken));
    }
}

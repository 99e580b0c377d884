using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server;
using SupportSdk.Transcripts;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// The account-protection features through the SDK against the real server over loopback, on both chat transports:
/// support's chat messages arrive official with the user's anti-phishing code, a deposit lookup rides on the bot's
/// answer, <c>client.Deposits</c> answers directly, and a signed transcript verifies against the published keys.
/// </summary>
[TestFixture]
[NonParallelizable]
[CancelAfter(60_000)]
public sealed class AccountProtectionEndToEndTests
{
    private const string Code = "Heron-2048";
    private static readonly string Pending = "0x" + new string('7', 64);
    private SupportServerHost _server = null!;
    private SupportClient _backend = null!;

    private sealed class OneDepositChain : ITransactionLookup
    {
        public Task<DepositLookup> LookupAsync(string userId, string network, string txId, CancellationToken cancellationToken) =>
            Task.FromResult(txId == Pending
                ? new DepositLookup { Network = "ERC20", TxId = txId, Status = DepositStatus.Pending, Asset = "USDT", Amount = 42.5m, Confirmations = 3, RequiredConfirmations = 12 }
                : new DepositLookup { Network = network, TxId = txId, Status = DepositStatus.NotFound });
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _server = await SupportServerHost.StartAsync(o => SupportServerHost.UseDemoChannels(o.OfficialChannels), importFaq: false,
            store: s => s.Services.AddSingleton<ITransactionLookup>(new OneDepositChain()));
        _backend = new SupportClient(_server.BaseAddress, new ApiKeyCredential(SupportServerHost.ApiKey), new SupportClientOptions { AllowInsecureLoopback = true });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _backend.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<SupportClient> UserAsync(string userId, ChatTransportMode transport)
    {
        var token = await _backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "User " + userId, Locale = "en-us", AntiPhishingCode = Code });
        var options = new SupportClientOptions { AllowInsecureLoopback = true };
        options.Chat.Transport = transport;
        options.Chat.LongPollWait = TimeSpan.FromSeconds(2);
        options.ManifestPublicKeys.Add(_server.ManifestPublicKey);
        return new SupportClient(_server.BaseAddress, new UserTokenCredential(token.Token), options);
    }

    [TestCase(ChatTransportMode.Auto)]
    [TestCase(ChatTransportMode.LongPoll)]
    public async Task Support_messages_arrive_official_and_a_deposit_lookup_rides_on_the_bots_answer(ChatTransportMode transport, CancellationToken cancellationToken)
    {
        using var user = await UserAsync("apc-e2e-" + transport, transport);
        await using var chat = await user.Chat.StartChatAsync(new StartChatRequest { Locale = "en-us" }, cancellationToken);
        await using var events = chat.ReadEventsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await chat.SendMessageAsync("my deposit hasn't arrived, ERC20 " + Pending, cancellationToken);
        var messages = new List<ChatMessageEvent>();
        while (messages.Count(m => m.From.Role == AuthorRole.Bot) < 2 && await events.MoveNextAsync())
        {
            if (events.Current is ChatMessageEvent m)
            {
                messages.Add(m);
            }
        }

        var answer = messages.Last(m => m.From.Role == AuthorRole.Bot);
        Assert.Multiple(() =>
        {
            Assert.That(messages.Where(m => m.From.Role == AuthorRole.Bot).Select(m => (m.IsOfficial, m.AntiPhishingCode)), Is.All.EqualTo((true, (string?)Code)));
            Assert.That(messages.Where(m => m.From.Role == AuthorRole.Customer).Select(m => m.IsOfficial), Is.Not.Empty.And.All.False);
            Assert.That(answer.Deposit, Is.Not.Null, answer.Text);
            Assert.That((answer.Deposit!.Status, answer.Deposit.Confirmations, answer.Deposit.RequiredConfirmations, answer.Deposit.Amount),
                Is.EqualTo((DepositStatus.Pending, (int?)3, (int?)12, (decimal?)42.5m)));
            Assert.That(answer.Text, Does.Contain("3 of 12 confirmations"));
        });
    }

    [Test]
    public async Task Deposits_answer_directly_and_a_ticket_transcript_verifies_against_the_published_keys(CancellationToken cancellationToken)
    {
        using var user = await UserAsync("apc-e2e-ticket", ChatTransportMode.Auto);
        var lookup = await user.Deposits.CheckDepositAsync(Pending, "ERC20", cancellationToken);
        var missing = await user.Deposits.CheckDepositAsync(new string('1', 64), "TRC20", cancellationToken);
        var invalid = Assert.ThrowsAsync<SupportApiException>(() => user.Deposits.CheckDepositAsync("0x12", "ERC20", cancellationToken));
        var ticket = await user.Tickets.CreateTicketAsync(new CreateTicketRequest
        {
            Subject = "Deposit pending", Body = "still waiting", Category = TicketCategory.Deposit,
            Transaction = new TransactionInfo { Asset = "USDT", Network = "ERC20", TxId = Pending, Amount = 42.5m, Direction = TransactionDirection.Deposit },
        }, cancellationToken: cancellationToken);
        var transcript = await user.Tickets.GetSignedTranscriptAsync(ticket.Id, cancellationToken);
        var json = System.Text.Json.JsonSerializer.Serialize(transcript, TranscriptsJsonContext.Default.SignedTranscript);
        var keys = await user.Channels.GetChannelKeysAsync(cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((lookup.Status, lookup.NextStep), Is.EqualTo((DepositStatus.Pending, DepositNextStep.Wait)));
            Assert.That(missing.Status, Is.EqualTo(DepositStatus.NotFound));
            Assert.That(invalid!.Status, Is.EqualTo(400));
            Assert.That(ticket.Transaction?.Lookup?.Status, Is.EqualTo(DepositStatus.Pending), "the ticket carries the lookup");
            Assert.That(user.Channels.VerifyTranscript(json).Verdict, Is.EqualTo(TranscriptVerdict.Genuine));
            Assert.That(user.Channels.VerifyTranscript(json.Replace("still waiting", "all good", StringComparison.Ordinal)).Verdict, Is.EqualTo(TranscriptVerdict.Altered));
            Assert.That(keys.Select(k => k.PublicKey), Does.Contain(_server.ManifestPublicKey));
        });
    }
}

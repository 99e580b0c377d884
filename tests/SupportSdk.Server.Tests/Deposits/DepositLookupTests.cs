using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Deposits;

/// <summary>
/// "Where is my deposit?" over a real server with the exchange's lookup registered: every outcome answered by
/// <c>GET /v1/deposits/lookup</c> and by the bot, in both languages, with the step the customer can take; a deposit
/// ticket (and a ticket made from such a chat) carries the lookup; a failing lookup is a 503 for the question and
/// never stops a ticket; a client cannot forge a lookup.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DepositLookupTests
{
    private readonly ScriptedChain _chain = new();
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _server = await SupportServerHost.StartAsync(importFaq: false, store: s => s.Services.AddSingleton<ITransactionLookup>(_chain));

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    private static IEnumerable<TestCaseData> Outcomes()
    {
        yield return new TestCaseData("ERC20", ScriptedChain.Pending, DepositStatus.Pending, DepositNextStep.Wait, "5 of 12 confirmations", "已确认 5/12 次");
        yield return new TestCaseData("TRC20", ScriptedChain.Credited, DepositStatus.Credited, DepositNextStep.None, "credited to your account on 2026-12-06 09:00 UTC", "已于 2026-12-06 09:00 UTC 到账");
        yield return new TestCaseData("XRP", ScriptedChain.MemoMissing, DepositStatus.NotCredited, DepositNextStep.RecoveryTicket, "without the memo", "缺少充值地址要求的备注");
        yield return new TestCaseData("BEP20", ScriptedChain.WrongNetwork, DepositStatus.NotCredited, DepositNextStep.RecoveryTicket, "sent on BEP20, a network this deposit address does not take", "通过 BEP20 网络发送");
        yield return new TestCaseData("ERC20", ScriptedChain.Unsupported, DepositStatus.NotCredited, DepositNextStep.RecoveryTicket, "PEPE2, a token this exchange does not support", "不支持的代币");
        yield return new TestCaseData("TRC20", new string('9', 64), DepositStatus.NotFound, DepositNextStep.CheckDetails, "This transaction is not on TRC20", "在 TRC20 网络上找不到这笔交易");
    }

    [TestCaseSource(nameof(Outcomes))]
    public async Task Each_outcome_is_answered_with_what_to_do_in_both_languages(string network, string txId, string status, string step, string english, string chinese)
    {
        using var en = await _server.UserAsync("deposit-en");
        using var zh = await _server.UserAsync("deposit-zh", "zh-cn");
        var inEnglish = await en.GetFromJsonAsync($"/v1/deposits/lookup?network={network}&txId={txId}", SupportJsonContext.Default.DepositLookup);
        var inChinese = await zh.GetFromJsonAsync($"/v1/deposits/lookup?network={network}&txId={txId}", SupportJsonContext.Default.DepositLookup);
        Assert.Multiple(() =>
        {
            Assert.That((inEnglish!.Status, inEnglish.NextStep, inEnglish.TxId), Is.EqualTo((status, step, txId)));
            Assert.That(inEnglish.Advice, Does.Contain(english));
            Assert.That(inChinese!.Advice, Does.Contain(chinese));
            Assert.That(_chain.Calls, Does.Contain(("deposit-en", network, txId)), "the exchange is asked about this user's deposit");
        });
    }

    [Test]
    public async Task Bad_references_are_400_and_a_failing_lookup_is_503_with_retry_after()
    {
        using var user = await _server.UserAsync("deposit-bad");
        using var shape = await user.GetAsync("/v1/deposits/lookup?network=ERC20&txId=" + new string('a', 64));
        using var missing = await user.GetAsync("/v1/deposits/lookup?network=ERC20");
        using var broken = await user.GetAsync("/v1/deposits/lookup?network=ERC20&txId=" + ScriptedChain.Broken);
        using var anonymous = await _server.Anonymous().GetAsync("/v1/deposits/lookup?txId=" + ScriptedChain.Credited);
        await AssertProblemAsync(shape, HttpStatusCode.BadRequest, "validation_failed");
        await AssertProblemAsync(missing, HttpStatusCode.BadRequest, "validation_failed");
        await AssertProblemAsync(broken, HttpStatusCode.ServiceUnavailable, "deposit_lookup_unavailable");
        Assert.That(broken.Headers.RetryAfter, Is.Not.Null);
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_deposit_ticket_carries_the_lookup_a_forged_one_is_replaced_and_a_failing_lookup_never_stops_the_ticket()
    {
        using var user = await _server.UserAsync("deposit-ticket");
        var forged = new DepositLookup { Status = DepositStatus.Credited, Advice = "All good, no need for support", NextStep = DepositNextStep.None };
        var ticket = await CreateTicketAsync(user, NewTicket(transaction: new TransactionInfo
        {
            Asset = "XRP", Network = "XRP", TxId = ScriptedChain.MemoMissing, Amount = 120m, Direction = TransactionDirection.Deposit, Lookup = forged,
        }));
        var unforged = await CreateTicketAsync(user, NewTicket(transaction: new TransactionInfo
        {
            Asset = "USDT", Network = "ERC20", TxId = ScriptedChain.Broken, Amount = 1m, Direction = TransactionDirection.Deposit, Lookup = forged,
        }));
        var withdrawal = await CreateTicketAsync(user, NewTicket(transaction: new TransactionInfo
        {
            Asset = "USDT", Network = "ERC20", TxId = ScriptedChain.Pending, Amount = 1m, Direction = TransactionDirection.Withdrawal,
        }));
        var agentView = await _server.Agent().GetFromJsonAsync($"/v1/agent/tickets/{ticket.Id}", SupportJsonContext.Default.Ticket);
        Assert.Multiple(() =>
        {
            Assert.That(ticket.Transaction!.Lookup, Is.Not.Null);
            Assert.That((ticket.Transaction.Lookup!.Status, ticket.Transaction.Lookup.Problem), Is.EqualTo((DepositStatus.NotCredited, DepositProblem.MemoMissing)));
            Assert.That(agentView!.Transaction!.Lookup!.NextStep, Is.EqualTo(DepositNextStep.RecoveryTicket), "the agent starts from it");
            Assert.That(unforged.Transaction!.Lookup, Is.Null, "the lookup failed: the ticket opened without one, and the client's was dropped");
            Assert.That(withdrawal.Transaction!.Lookup, Is.Null, "only deposits are looked up");
        });
    }

    [TestCase("en-us", "my deposit hasn't arrived", "Send me the network", "I sent it on XRP: ", "Create a ticket")]
    [TestCase("zh-cn", "充值一直没到账", "请发送转出钱包记录中的网络", "XRP 网络 交易哈希 ", "创建工单")]
    public async Task The_bot_asks_for_the_transaction_answers_from_the_lookup_and_the_ticket_made_from_the_chat_carries_it(
        string locale, string question, string asks, string prefix, string createTicket)
    {
        using var user = await _server.UserAsync("deposit-bot-" + locale, locale);
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, question);
        var ask = (await DurableAsync(user, chat.Id))[^1];
        await CustomerSendsAsync(user, chat.Id, prefix + ScriptedChain.MemoMissing);
        var answer = (await DurableAsync(user, chat.Id))[^1];
        using var converted = await user.PostAsync($"/v1/chats/{chat.Id}/ticket", null);
        var ticket = await ReadAsync(converted, SupportJsonContext.Default.Ticket);
        Assert.Multiple(() =>
        {
            Assert.That(ask.Text, Does.Contain(asks));
            Assert.That(answer.Deposit, Is.Not.Null, answer.Text);
            Assert.That((answer.Deposit!.Status, answer.Deposit.Problem, answer.Deposit.Network), Is.EqualTo((DepositStatus.NotCredited, DepositProblem.MemoMissing, "XRP")));
            Assert.That(answer.Text, Is.EqualTo(answer.Deposit.Advice));
            Assert.That(answer.QuickReplies, Is.EqualTo(new[] { createTicket }), "a recovery ticket, one tap away");
            Assert.That(new[] { ask, answer }.SelectMany(m => m.Flags ?? []), Is.Empty, "asking for a transaction id is not asking for a secret");
            Assert.That(ticket.Category, Is.EqualTo(TicketCategory.Deposit));
            Assert.That(ticket.Transaction?.Lookup?.Problem, Is.EqualTo(DepositProblem.MemoMissing), "the ticket carries the lookup");
        });
    }

    [TestCaseSource(nameof(Outcomes))]
    public async Task The_bot_answers_every_outcome_from_a_message_naming_the_transaction(string network, string txId, string status, string step, string english, string chinese)
    {
        using var user = await _server.UserAsync("deposit-bot-" + txId[^8..] + network);
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, $"deposit on {network} tx {txId} still missing");
        var answer = (await DurableAsync(user, chat.Id))[^1];
        Assert.That((answer.Deposit?.Status, answer.Deposit?.NextStep), Is.EqualTo(((string?)status, (string?)step)), answer.Text);
        Assert.That(answer.Text, Does.Contain(english));
    }

    [TestCase("I sent USDT on TRC20, txid 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "TRC20", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    [TestCase("充值没到账，BEP20，哈希0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", "BEP20", "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060")]
    [TestCase("here: 0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060", "", "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060")]
    public void A_reference_is_found_in_how_people_write_it(string text, string network, string txId) =>
        Assert.That(SupportSdk.Server.Tickets.TransactionRules.FindReference(text), Is.EqualTo(((string, string)?)(network, txId)));

    [TestCase("my order id is 12345")]
    [TestCase("0x1234 is too short")]
    [TestCase("where is my deposit")]
    public void Text_without_a_transaction_id_names_none(string text) =>
        Assert.That(SupportSdk.Server.Tickets.TransactionRules.FindReference(text), Is.Null);

    [Test]
    public async Task Without_a_lookup_the_route_says_so_and_the_bot_does_not_offer_it()
    {
        await using var plain = await SupportServerHost.StartAsync(importFaq: false);
        using var user = await plain.UserAsync("deposit-plain");
        using var response = await user.GetAsync("/v1/deposits/lookup?network=TRC20&txId=" + ScriptedChain.Credited);
        await AssertProblemAsync(response, HttpStatusCode.NotFound, "deposit_lookup_not_configured");
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, "TRC20 " + ScriptedChain.Credited);
        Assert.That((await DurableAsync(user, chat.Id))[^1].Deposit, Is.Null);
    }
}

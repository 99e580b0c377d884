using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Chat;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;

namespace SupportSdk.Server.Tests.Account;

/// <summary>
/// Locking from chat: the bot recognises "I got hacked" in English and Chinese (and other ways of saying it), offers
/// "Lock my account", and the tap locks through the same path as <c>POST /v1/account/lock</c> — the exchange's hook once
/// per request, one security ticket reused while open — then says what happens next, without a word that reads like
/// a request for a secret. Questions about a frozen account lock nothing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class AccountLockChatTests
{
    private sealed class RecordingGuard : IAccountGuard
    {
        public ConcurrentQueue<string> Users { get; } = new();

        /// <summary>Runs inside the hook, once: what else happens at that moment.</summary>
        public Func<string, Task>? Meanwhile { get; set; }

        public async Task LockAsync(string userId, string reason, CancellationToken cancellationToken)
        {
            Users.Enqueue(userId);
            if (Meanwhile is { } meanwhile)
            {
                Meanwhile = null;
                await meanwhile(userId);
            }
        }
    }

    private readonly RecordingGuard _guard = new();
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false, store: s => s.Services.AddSingleton<IAccountGuard>(_guard));

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [TestCase("en-us", "I got hacked", "Lock my account", "Your account is locked")]
    [TestCase("en-us", "someone stole my coins!!", "Lock my account", "Your account is locked")]
    [TestCase("zh-cn", "我的币被盗了", "冻结我的账户", "您的账户已冻结")]
    [TestCase("zh-cn", "账号被黑了怎么办", "冻结我的账户", "您的账户已冻结")]
    public async Task The_bot_offers_the_lock_and_the_tap_locks_once_per_request_with_one_ticket(string locale, string said, string tap, string locked)
    {
        var userId = "chat-lock-" + (uint)said.GetHashCode(StringComparison.Ordinal);
        using var user = await _server.UserAsync(userId, locale);
        var chat = await StartChatAsync(user);
        await CustomerSendsAsync(user, chat.Id, said);
        var offer = (await DurableAsync(user, chat.Id))[^1];
        await CustomerSendsAsync(user, chat.Id, tap);
        var first = (await DurableAsync(user, chat.Id))[^1];
        await CustomerSendsAsync(user, chat.Id, tap);
        var second = (await DurableAsync(user, chat.Id))[^1];
        var tickets = (await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items;

        Assert.Multiple(() =>
        {
            Assert.That(offer.From?.Role, Is.EqualTo(AuthorRole.Bot));
            Assert.That(offer.QuickReplies, Does.Contain(tap), offer.Text);
            Assert.That(_guard.Users.Count(u => u == userId), Is.EqualTo(2), "the hook: once for each tap, none for the offer");
            Assert.That(tickets, Has.Count.EqualTo(1), "one security ticket, reused");
            Assert.That(tickets[0].Category, Is.EqualTo(TicketCategory.Security));
            Assert.That(tickets[0].Priority, Is.EqualTo(TicketPriority.Urgent));
            Assert.That(first.Text, Does.StartWith(locked).And.Contain(tickets[0].Id), "what happens next, with the case");
            Assert.That(second.Text, Does.Contain(tickets[0].Id));
            Assert.That(new[] { offer, first, second }.SelectMany(m => m.Flags ?? []), Is.Empty, "support's words never read like a request for a secret");
        });
    }

    [Test]
    public async Task A_chat_changed_while_the_lock_runs_is_answered_again_without_locking_twice()
    {
        const string userId = "chat-lock-changed";
        using var user = await _server.UserAsync(userId);
        var chat = await StartChatAsync(user);
        var store = _server.Services.GetRequiredService<SupportSdk.Server.Storage.IChatStore>();
        // Another node changes the chat while the exchange's hook runs: the bot's reply is stale and decided again.
        _guard.Meanwhile = async _ => await store.AppendChatEventsAsync(new SupportSdk.Server.Storage.ChatAppend(chat.Id, [], DateTimeOffset.UtcNow), CancellationToken.None);
        await CustomerSendsAsync(user, chat.Id, "Lock my account");
        var answer = (await DurableAsync(user, chat.Id))[^1];
        var tickets = (await user.GetFromJsonAsync("/v1/tickets", SupportJsonContext.Default.PageTicket))!.Items;
        var messages = (await user.GetFromJsonAsync($"/v1/tickets/{tickets[0].Id}/messages", SupportJsonContext.Default.PageTicketMessage))!.Items;

        Assert.Multiple(() =>
        {
            Assert.That(_guard.Meanwhile, Is.Null, "the chat was changed during the hook");
            Assert.That(_guard.Users.Count(u => u == userId), Is.EqualTo(1), "the hook once, though the reply was decided twice");
            Assert.That(tickets, Has.Count.EqualTo(1));
            Assert.That(messages, Has.Count.EqualTo(1), "no 'asked again' note from the second decision");
            Assert.That(answer.Text, Does.Contain(tickets[0].Id));
        });
    }

    [TestCase("I got hacked")]
    [TestCase("I think my account was compromised")]
    [TestCase("there is a withdrawal I didnt make")]
    [TestCase("someone logged into my account from Russia")]
    [TestCase("i got scammed by a fake support agent")]
    [TestCase("my wallet was drained")]
    [TestCase("账户被盗了")]
    [TestCase("有陌生设备登录了我的账号")]
    [TestCase("我被骗了，钱被转走了")]
    [TestCase("资产被偷了")]
    public void Ways_of_saying_it_are_recognised(string text) => Assert.That(ChatBotPhrases.SaysCompromised(text), Is.True);

    [TestCase("Lock my account")]
    [TestCase("lock my account!")]
    [TestCase("Please freeze my account")]
    [TestCase("冻结我的账户")]
    [TestCase("冻结账号。")]
    public void The_quick_reply_and_the_plain_order_lock(string text) => Assert.That(ChatBotPhrases.IsLockCommand(text), Is.True);

    [TestCase("please freeze my account and block withdrawals right now")]
    [TestCase("I want to disable withdrawals")]
    [TestCase("帮我锁定账户")]
    [TestCase("请立即冻结账号，谢谢")]
    public void Other_requests_to_lock_are_offered_the_quick_reply_not_locked(string text)
    {
        Assert.That(ChatBotPhrases.AsksToLock(text), Is.True);
        Assert.That(ChatBotPhrases.IsLockCommand(text), Is.False);
    }

    [TestCase("why is my account locked?")]
    [TestCase("my account was frozen, how do I unlock it")]
    [TestCase("how do I lock my account")]
    [TestCase("why did you freeze my account")]
    [TestCase("please don't lock my account")]
    [TestCase("should I lock my account")]
    [TestCase("how do I lock in a price with a limit order")]
    [TestCase("我的账户被冻结了")]
    [TestCase("账户为什么被锁定")]
    [TestCase("怎么解冻账户")]
    [TestCase("解除冻结账户")]
    [TestCase("取消冻结账号")]
    [TestCase("冻结账号怎么解除")]
    public void Questions_and_refusals_lock_nothing_and_are_not_offered_it(string text) =>
        Assert.That((ChatBotPhrases.IsLockCommand(text), ChatBotPhrases.AsksToLock(text)), Is.EqualTo((false, false)));

    [Test]
    public async Task Lock_my_account_locks_even_while_an_agent_holds_the_chat_and_a_question_about_it_does_not()
    {
        using var user = await _server.UserAsync("chat-lock-agent");
        var chat = await StartChatAsync(user, "talk to a person");
        await AcceptAsync(_server.Agent(), chat.Id);
        await CustomerSendsAsync(user, chat.Id, "why did you freeze my account");
        var before = _guard.Users.Count(u => u == "chat-lock-agent");
        await CustomerSendsAsync(user, chat.Id, "Lock my account");
        var answer = (await DurableAsync(user, chat.Id))[^1];
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Zero, "a question locks nothing");
            Assert.That(_guard.Users.Count(u => u == "chat-lock-agent"), Is.EqualTo(1));
            Assert.That(answer.Text, Does.StartWith("Your account is locked"));
        });
    }

    [TestCase("how do I deposit USDT")]
    [TestCase("my withdrawal is stuck")]
    [TestCase("is this link a scam?")]
    [TestCase("提币要多久")]
    public void Ordinary_questions_are_not_a_compromise(string text) => Assert.That(ChatBotPhrases.SaysCompromised(text), Is.False);
}

using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Net;
using SupportSdk.Server.Tests.Infrastructure;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>The long-poll fallback: immediate when events exist, a bounded wait otherwise, woken by a new event.</summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatLongPollTests
{
    private SupportServerHost _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _server = await SupportServerHost.StartAsync(importFaq: false);

    [OneTimeTearDown]
    public async Task StopAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Events_after_a_seq_return_at_once_with_a_trailing_queue_frame()
    {
        var user = await _server.UserAsync("lp-now");
        var chat = await StartChatAsync(user, "agent");
        await CustomerSendsAsync(user, chat.Id, "one");
        await CustomerSendsAsync(user, chat.Id, "two");
        var clock = Stopwatch.StartNew();
        var batch = await EventsAsync(user, "/v1/chats", chat.Id, after: 1, wait: 20);
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no waiting when events exist");
            Assert.That(batch.Events.Where(e => e.Seq is not null).Select(e => e.Text), Is.EqualTo(new[] { "one", "two" }));
            Assert.That(batch.Events[^1].Type, Is.EqualTo(ChatEventKind.Queue), "queued: the batch ends with the queue frame");
            Assert.That(batch.Events[^1].Position, Is.GreaterThanOrEqualTo(1));
            Assert.That(batch.LastSeq, Is.EqualTo(3));
            Assert.That(batch.Closed, Is.False);
        });
    }

    [Test]
    public async Task With_nothing_new_the_poll_waits_about_the_given_time_and_returns_empty()
    {
        var user = await _server.UserAsync("lp-empty");
        var chat = await StartChatAsync(user);
        var clock = Stopwatch.StartNew();
        var batch = await EventsAsync(user, "/v1/chats", chat.Id, after: 1, wait: 1);
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.InRange(TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5)));
            Assert.That(batch.Events, Is.Empty);
            Assert.That(batch.LastSeq, Is.EqualTo(1), "the after given");
        });
    }

    [Test]
    public async Task A_waiting_poll_wakes_when_the_other_side_writes()
    {
        var user = await _server.UserAsync("lp-wake");
        var chat = await StartChatAsync(user, "agent");
        var agent = _server.Agent();
        await AcceptAsync(agent, chat.Id);
        var clock = Stopwatch.StartNew();
        var poll = EventsAsync(agent, "/v1/agent/chats", chat.Id, after: 2, wait: 25);
        var hub = _server.Services.GetRequiredService<SupportSdk.Server.Chat.ChatHub>();
        while (!hub.HasSubscribers(chat.Id) && !poll.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(5); // polls the condition: the poll itself waiting on the hub
        }

        Assert.That(poll.IsCompleted, Is.False, "the poll waits while there is nothing new");
        Assert.That(hub.HasSubscribers(chat.Id), Is.True, "the poll is waiting on the hub");
        await CustomerSendsAsync(user, chat.Id, "are you there?");
        var batch = await poll.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(batch.Events.Select(e => e.Text), Is.EqualTo(new[] { "are you there?" }));
            Assert.That(batch.LastSeq, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task A_closed_chat_says_so()
    {
        var user = await _server.UserAsync("lp-closed");
        var chat = await StartChatAsync(user);
        (await user.PostAsync($"/v1/chats/{chat.Id}/close", null)).EnsureSuccessStatusCode();
        var batch = await EventsAsync(user, "/v1/chats", chat.Id, after: 0, wait: 10);
        Assert.Multiple(() =>
        {
            Assert.That(batch.Closed, Is.True);
            Assert.That(batch.Events[^1].Type, Is.EqualTo(ChatEventKind.Closed));
        });
    }

    [TestCase("wait=31")]
    [TestCase("wait=-1")]
    [TestCase("after=abc")]
    [TestCase("after=-5")]
    public async Task Bad_parameters_answer_400(string query)
    {
        var user = await _server.UserAsync("lp-bad-" + query);
        var chat = await StartChatAsync(user);
        await AssertProblemAsync(await user.GetAsync($"/v1/chats/{chat.Id}/events?{query}"), HttpStatusCode.BadRequest, ErrorCodes.InvalidQuery);
    }
}

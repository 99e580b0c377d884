using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Chat;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;

namespace SupportSdk.Server.Tests.Chat;

/// <summary>
/// C6: a client that stops reading cannot make the server buffer without bound. The client's socket gets a tiny
/// receive buffer so TCP back-pressure reaches the server after a few frames; the agent keeps writing.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
public sealed class ChatBackPressureTests
{
    private const int QueueFrames = 8;
    private const int MaxMessages = 1500;
    private static readonly string Filler = new('x', 3900);

    [Test]
    public async Task A_client_that_never_reads_is_dropped_and_its_connection_freed()
    {
        await using var server = await SupportServerHost.StartAsync(o => { o.ChatSendBufferFrames = QueueFrames; o.ChatSendTimeout = TimeSpan.FromSeconds(1); }, importFaq: false);
        var hub = server.Services.GetRequiredService<ChatHub>();
        var (token, chatId) = await ActiveChatAsync(server, "c6-never");
        using var invoker = TinyReceiveBufferInvoker();
        await using var stalled = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chatId}/stream", invoker);
        await WaitUntilAsync(() => hub.SubscriberCount == 1 && hub.ConnectionCount == 1, "the stream subscribed");

        var sent = await FloodUntilDroppedAsync(server, hub, chatId);
        await WaitUntilAsync(() => hub.ConnectionCount == 0, "the server freed the connection (send timeout)");
        for (var i = 0; i < 20; i++)
        {
            await AgentSendsAsync(server.Agent(), chatId, "after the drop " + i);
        }

        TestContext.Out.WriteLine($"dropped after {sent} messages of ~4 KB with a {QueueFrames}-frame queue");
        Assert.Multiple(async () =>
        {
            Assert.That(sent, Is.LessThan(MaxMessages), "the stalled client was dropped");
            Assert.That(hub.SubscriberCount, Is.Zero, "nothing is queued for the dropped client any more");
            Assert.That(await stalled.ClosedAsync(TimeSpan.FromSeconds(5)), Is.Null.Or.EqualTo(ChatCloseCodes.TooSlow), "the stalled socket ends");
        });
    }

    [Test]
    public async Task A_client_that_pauses_too_long_gets_4408_when_it_reads_again()
    {
        await using var server = await SupportServerHost.StartAsync(o => o.ChatSendBufferFrames = QueueFrames, importFaq: false);
        var hub = server.Services.GetRequiredService<ChatHub>();
        var (token, chatId) = await ActiveChatAsync(server, "c6-pause");
        using var invoker = TinyReceiveBufferInvoker();
        await using var paused = await ChatSocket.ConnectAsync(server, token, $"/v1/chats/{chatId}/stream", invoker);
        await WaitUntilAsync(() => hub.SubscriberCount == 1, "the stream subscribed");

        await FloodUntilDroppedAsync(server, hub, chatId);
        var received = 0;
        while (await paused.ReceiveAsync() is not null)
        {
            received++;
        }

        await WaitUntilAsync(() => hub.ConnectionCount == 0, "the server freed the connection");
        Assert.Multiple(() =>
        {
            Assert.That(paused.CloseCode, Is.EqualTo(ChatCloseCodes.TooSlow));
            Assert.That(received, Is.GreaterThan(0), "frames already on the wire still arrive before the close");
        });
    }

    private static async Task<(string Token, string ChatId)> ActiveChatAsync(SupportServerHost server, string userId)
    {
        var token = await server.MintTokenAsync(userId);
        var chat = await StartChatAsync(server.Client(token), "agent");
        await AcceptAsync(server.Agent(), chat.Id);
        return (token, chat.Id);
    }

    /// <summary>The agent writes ~4 KB messages until the hub drops the stalled subscriber; returns how many it took.</summary>
    private static async Task<int> FloodUntilDroppedAsync(SupportServerHost server, ChatHub hub, string chatId)
    {
        var agent = server.Agent();
        var sent = 0;
        while (hub.SubscriberCount > 0 && sent < MaxMessages)
        {
            await AgentSendsAsync(agent, chatId, Filler);
            sent++;
        }

        Assert.That(hub.SubscriberCount, Is.Zero, $"still subscribed after {sent} messages");
        return sent;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(8);
        while (!condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what);
            await Task.Delay(20);
        }
    }

    /// <summary>A handler whose sockets have a 1 KiB receive buffer, so an unread stream backs up at once.</summary>
    private static HttpMessageInvoker TinyReceiveBufferInvoker() => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 1024, NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}

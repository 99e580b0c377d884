using System.Net;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using SupportSdk.Server.Tests.Chat;
using SupportSdk.Server.Tests.Storage;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Cluster;

/// <summary>
/// The database goes away under a running node (its own throwaway cluster, stopped as a crash would) and comes back:
/// the node answers 503 <c>store_unavailable</c> with Retry-After, reports unhealthy, keeps its chat sockets open,
/// and recovers by itself.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    [CancelAfter(120_000)]
    public async Task A_node_answers_503_while_the_database_is_down_keeps_its_sockets_and_recovers(CancellationToken cancellationToken)
    {
        await using var cluster = await PostgresCluster.StartAsync(durable: true); // a crash must not lose what was committed
        await using var node = await SupportServerHost.StartAsync(o => o.ChatHeartbeatInterval = TimeSpan.FromSeconds(1), importFaq: false,
            store: s => s.UsePostgreSql(cluster.ConnectionString() + ";Timeout=3"));
        var token = await node.MintTokenAsync("outage");
        var user = node.Client(token);
        var chat = await StartChatAsync(user, "agent");
        await AcceptAsync(node.Agent(), chat.Id);
        await using var agent = await ChatSocket.ConnectAsync(node, SupportServerHost.AgentKey, $"/v1/agent/chats/{chat.Id}/stream?after=2");
        await CustomerSendsAsync(user, chat.Id, "before the outage");
        Assert.That((await agent.NextAsync(f => f.Type == ChatEventKind.Message)).Text, Is.EqualTo("before the outage"));

        await cluster.StopAsync();

        using var ticket = await user.PostAsync("/v1/tickets", Json("""{"subject":"Deposit missing","body":"Sent 2 hours ago","category":"deposit"}"""), cancellationToken);
        var problem = await AssertProblemAsync(ticket, HttpStatusCode.ServiceUnavailable, ErrorCodes.StoreUnavailable);
        using var withKey = await node.Agent().GetAsync("/v1/agent/chats?status=active", cancellationToken);
        await AssertProblemAsync(withKey, HttpStatusCode.ServiceUnavailable, ErrorCodes.StoreUnavailable);
        using var health = await node.Anonymous().GetAsync("/health", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(ticket.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero), "Retry-After says when to try again");
            Assert.That(problem.Detail, Does.Not.Contain("127.0.0.1").And.Not.Contain("Host="), "nothing of the connection string");
            Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "an agent key that cannot be checked is 503, not 401");
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "reports unhealthy");
        });

        // A send over the socket while the database is down is refused by name; the socket stays open.
        await agent.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "during", Text = "are you there?" });
        var refused = await agent.NextAsync(f => f.Type == ChatEventKind.Error, Patience);
        Assert.Multiple(() =>
        {
            Assert.That((refused.Code, refused.ClientMessageId), Is.EqualTo((ErrorCodes.StoreUnavailable, "during")));
            Assert.That(agent.Socket.State, Is.EqualTo(WebSocketState.Open));
        });

        await cluster.RestartAsync();

        // Recovers by itself: the pool drops its dead connections and the next requests succeed.
        HttpStatusCode status;
        var deadline = DateTime.UtcNow + Patience;
        do
        {
            using var again = await user.PostAsync("/v1/tickets", Json("""{"subject":"Deposit missing","body":"Sent 2 hours ago","category":"deposit"}"""), cancellationToken);
            status = again.StatusCode;
        }
        while (status == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline);

        await agent.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "during", Text = "are you there?" });
        var stored = await agent.NextAsync(f => f.Type == ChatEventKind.Message && f.Text == "are you there?", Patience);
        await CustomerSendsAsync(user, chat.Id, "after the outage");
        var live = await agent.NextAsync(f => f.Type == ChatEventKind.Message && f.From?.Role == AuthorRole.Customer, Patience);
        using var healthy = await node.Anonymous().GetAsync("/health", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Created), "the node recovered without a restart");
            Assert.That(stored.Seq, Is.EqualTo(4), "the refused send, sent again, stored once after 'before the outage' (3)");
            Assert.That(live.Text, Is.EqualTo("after the outage"), "the same socket, open throughout, carries live events again");
            Assert.That(healthy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}

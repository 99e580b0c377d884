using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SupportSdk.Server.Storage.PostgreSql;
using SupportSdk.Server.Tests.Chat;
using SupportSdk.Server.Tests.Storage;
using static SupportSdk.Server.Tests.Chat.ChatTestKit;
using static SupportSdk.Server.Tests.Infrastructure.Api;

namespace SupportSdk.Server.Tests.Cluster;

/// <summary>
/// Two real server nodes (Kestrel on loopback) on one PostgreSQL database: what one node commits reaches the other
/// node's sockets, long-polls, queue positions and help-center index. Heartbeats are set to five minutes, so what
/// arrives came through LISTEN/NOTIFY (or the resync after it), not through the heartbeat's catch-up.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class MultiNodeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private string _database = null!;
    private string _connectionString = null!;
    private SupportServerHost _a = null!;
    private SupportServerHost _b = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var cluster = await PostgresClusterForTests.GetAsync();
        _database = "nodes_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database};", admin);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = cluster.ConnectionString(_database);
        _a = await StartNodeAsync(importFaq: true);
        _b = await StartNodeAsync(importFaq: false);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private Task<SupportServerHost> StartNodeAsync(bool importFaq) => SupportServerHost.StartAsync(
        o => o.ChatHeartbeatInterval = TimeSpan.FromMinutes(5), importFaq: importFaq, store: s => s.UsePostgreSql(_connectionString));

    private async Task<(HttpClient OnA, HttpClient OnB, string Token, SupportSdk.ChatThread Chat)> ActiveChatAsync(string userId)
    {
        var token = await _a.MintTokenAsync(userId);
        var chat = await StartChatAsync(_a.Client(token), "agent");
        await AcceptAsync(_b.Agent(), chat.Id);
        return (_a.Client(token), _b.Client(token), token, chat);
    }

    [Test]
    public async Task Messages_typing_and_read_receipts_cross_between_a_socket_on_each_node()
    {
        var (_, _, token, chat) = await ActiveChatAsync("nodes-both-ways");
        await using var customer = await ChatSocket.ConnectAsync(_a, token, $"/v1/chats/{chat.Id}/stream?after=2");
        await using var agent = await ChatSocket.ConnectAsync(_b, SupportServerHost.AgentKey, $"/v1/agent/chats/{chat.Id}/stream?after=2");

        await customer.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "c1", Text = "my deposit is missing" });
        var atAgent = await agent.NextAsync(f => f.Type == ChatEventKind.Message, Patience);
        await agent.SendAsync(new ChatFrame { Type = ChatEventKind.Typing });
        var typing = await customer.NextAsync(f => f.Type == ChatEventKind.Typing, Patience);
        await agent.SendAsync(new ChatFrame { Type = ChatEventKind.Send, ClientMessageId = "a1", Text = "Which network did you use?" });
        var atCustomer = await customer.NextAsync(f => f.Type == ChatEventKind.Message && f.From?.Role == AuthorRole.Agent, Patience);
        await agent.SendAsync(new ChatFrame { Type = ChatEventKind.Read, UpToSeq = atAgent.Seq });
        var read = await customer.NextAsync(f => f.Type == ChatEventKind.Read, Patience);

        Assert.Multiple(() =>
        {
            Assert.That((atAgent.Seq, atAgent.Text), Is.EqualTo(((long?)3, "my deposit is missing")), "the customer's line on node A reaches the agent's socket on node B");
            Assert.That(typing.From?.Role, Is.EqualTo(AuthorRole.Agent), "typing travels through NOTIFY alone");
            Assert.That((atCustomer.Seq, atCustomer.Text), Is.EqualTo(((long?)4, "Which network did you use?")));
            Assert.That((read.UpToSeq, read.From?.Role), Is.EqualTo(((long?)3, (AuthorRole?)AuthorRole.Agent)));
        });
    }

    [Test]
    public async Task Resuming_on_the_other_node_with_after_gets_exactly_what_was_missed()
    {
        var (onA, onB, token, chat) = await ActiveChatAsync("nodes-resume");
        var sent = new List<ChatFrame>();
        for (var i = 0; i < 6; i++)
        {
            sent.Add(await CustomerSendsAsync(i % 2 == 0 ? onA : onB, chat.Id, "line " + i));
        }

        // Seen up to the third line; the rest comes from node B's store, wherever it was sent.
        await using var socket = await ChatSocket.ConnectAsync(_b, token, $"/v1/chats/{chat.Id}/stream?after={sent[2].Seq}");
        var replay = await socket.DurableAsync(3);
        var polled = await EventsAsync(onA, "/v1/chats", chat.Id, after: sent[2].Seq!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(replay.Select(f => f.Text), Is.EqualTo(new[] { "line 3", "line 4", "line 5" }));
            Assert.That(polled.Events.Where(e => e.Seq is not null).Select(f => f.Text), Is.EqualTo(new[] { "line 3", "line 4", "line 5" }));
        });
    }

    [Test]
    public async Task A_long_poll_waiting_on_one_node_wakes_for_a_message_sent_on_the_other()
    {
        var (onA, _, _, chat) = await ActiveChatAsync("nodes-long-poll");
        var last = (await EventsAsync(onA, "/v1/chats", chat.Id)).LastSeq;
        var waiting = EventsAsync(onA, "/v1/chats", chat.Id, after: last, wait: 25);
        var sent = await AgentSendsAsync(_b.Agent(), chat.Id, "answered on node B");
        var batch = await waiting.WaitAsync(Patience);
        Assert.That(batch.Events.Where(e => e.Seq is not null).Select(e => (e.Seq, e.Text)), Is.EqualTo(new[] { (sent.Seq, "answered on node B") }),
            "the long-poll ends with the message long before its 25 s wait");
    }

    [Test]
    public async Task A_listening_connection_killed_mid_conversation_loses_no_event()
    {
        var (onA, _, _, chat) = await ActiveChatAsync("nodes-listen-killed");
        await using var agent = await ChatSocket.ConnectAsync(_b, SupportServerHost.AgentKey, $"/v1/agent/chats/{chat.Id}/stream?after=2");
        await CustomerSendsAsync(onA, chat.Id, "before");
        Assert.That((await agent.NextAsync(f => f.Type == ChatEventKind.Message, Patience)).Text, Is.EqualTo("before"));

        var backplane = (PostgresBackplane)_b.Services.GetRequiredService<SupportSdk.Server.Cluster.IClusterBackplane>();
        var connects = backplane.Connects;
        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE application_name = @name AND datname = current_database();", admin);
            kill.Parameters.AddWithValue("name", PostgresBackplane.ListenerName);
            Assert.That(await kill.ExecuteScalarAsync(), Is.EqualTo(2), "both nodes' listening connections were terminated");
        }

        // Sent while node B is not listening: it hears of them only by reading the store once it listens again.
        var texts = Enumerable.Range(0, 20).Select(i => "during " + i).ToList();
        foreach (var text in texts)
        {
            await CustomerSendsAsync(onA, chat.Id, text);
        }

        var received = new List<ChatFrame>();
        while (received.Count < texts.Count)
        {
            received.Add(await agent.NextAsync(f => f.Type == ChatEventKind.Message, Patience));
        }

        await CustomerSendsAsync(onA, chat.Id, "after");
        var after = await agent.NextAsync(f => f.Type == ChatEventKind.Message, Patience);
        Assert.Multiple(() =>
        {
            Assert.That(received.Select(f => f.Text), Is.EqualTo(texts), "every event, once, in order");
            Assert.That(received.Select(f => f.Seq), Is.Ordered.Ascending);
            Assert.That(after.Text, Is.EqualTo("after"), "live delivery resumes");
            Assert.That(backplane.Connects, Is.GreaterThan(connects), "node B reconnected its listening connection");
        });
    }

    [Test]
    public async Task The_same_idempotency_key_sent_to_both_nodes_at_once_makes_one_ticket()
    {
        var token = await _a.MintTokenAsync("nodes-idempotent");
        for (var round = 0; round < 10; round++)
        {
            var key = "both-nodes-" + round + "-" + Guid.NewGuid().ToString("N");
            async Task<HttpResponseMessage> CreateAsync(SupportServerHost node)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tickets")
                {
                    Content = Json("""{"subject":"Withdrawal stuck","body":"Pending since noon","category":"withdrawal"}"""),
                };
                request.Headers.Add("Idempotency-Key", key);
                return await node.Client(token).SendAsync(request);
            }

            var answers = await Task.WhenAll(CreateAsync(_a), CreateAsync(_b));
            var created = answers.Count(r => r.StatusCode == HttpStatusCode.Created);
            var inFlight = answers.Count(r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.That((created, created + inFlight), Is.EqualTo((1, 2)).Or.EqualTo((2, 2)), $"round {round}: {string.Join(", ", answers.Select(a => (int)a.StatusCode))}");
            if (created == 2)
            {
                // Both answered 201: the second must be the first's stored answer replayed, the same ticket.
                var ids = await Task.WhenAll(answers.Select(async r => (await ReadAsync(r, SupportJsonContext.Default.Ticket)).Id));
                Assert.That(ids.Distinct().Count(), Is.EqualTo(1), $"round {round}: one ticket");
            }
        }

        using var list = await _a.Client(token).GetAsync("/v1/tickets?limit=50");
        var page = await ReadAsync(list, SupportJsonContext.Default.PageTicket);
        Assert.That(page.Items, Has.Count.EqualTo(10), "ten rounds, ten tickets, whichever node answered");
    }

    [Test]
    public async Task Tickets_opened_on_both_nodes_fill_an_agent_to_capacity_and_never_past_it()
    {
        using (var backend = _a.Backend())
        using (var profile = await backend.PutAsync("/v1/agents/" + Uri.EscapeDataString(SupportServerHost.AgentName), Json("""{"capacity":30}""")))
        {
            Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var before = await AgentLoadAsync();
        var room = 30 - before;
        using (var status = await _b.Agent().PutAsync("/v1/agent/status", Json("""{"status":"online"}""")))
        {
            Assert.That(status.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var token = await _a.MintTokenAsync("nodes-assigned");
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, room + 20), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var node = i % 2 == 0 ? _a : _b;
            ids.Add((await CreateTicketAsync(node.Client(token), NewTicket("Both nodes " + i))).Id);
        });

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await AgentLoadAsync() < 30 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a second node's pass, had it assigned too, would show now
        var assignees = await Task.WhenAll(ids.Select(async id => (await ReadAsync(await _b.Agent().GetAsync("/v1/agent/tickets/" + id), SupportJsonContext.Default.Ticket)).Assignee));
        using (var away = await _b.Agent().PutAsync("/v1/agent/status", Json("""{"status":"away"}""")))
        {
            Assert.That(away.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await AgentLoadAsync(), Is.EqualTo(30), "filled to capacity across both nodes' tickets, not past it");
            Assert.That(assignees.Count(a => a is not null), Is.LessThanOrEqualTo(room), "older unassigned tickets of other tests go first");
            Assert.That(assignees.Count(a => a is null), Is.GreaterThanOrEqualTo(20), "the rest wait unassigned");
        });
    }

    private async Task<int> AgentLoadAsync()
    {
        using var me = await _a.Agent().GetAsync("/v1/agent/me");
        return (await ReadAsync(me, SupportJsonContext.Default.Agent)).Load;
    }

    [Test]
    public async Task Queue_positions_agree_across_nodes_and_move_on_both_when_an_agent_takes_a_chat()
    {
        var chats = new List<(string Token, SupportSdk.ChatThread Chat)>();
        for (var i = 0; i < 3; i++)
        {
            var token = await _a.MintTokenAsync("nodes-queue-" + i);
            var node = i % 2 == 0 ? _a : _b;
            chats.Add((token, await StartChatAsync(node.Client(token), "agent")));
        }

        foreach (var (token, chat) in chats)
        {
            var onA = await GetChatAsync(_a.Client(token), "/v1/chats/" + chat.Id);
            var onB = await GetChatAsync(_b.Client(token), "/v1/chats/" + chat.Id);
            Assert.That(onB.QueuePosition, Is.EqualTo(onA.QueuePosition).And.Not.Null, chat.Id);
        }

        // The last in the queue listens on node B; the first is taken by an agent on node A.
        var (lastToken, last) = chats[^1];
        await using var socket = await ChatSocket.ConnectAsync(_b, lastToken, $"/v1/chats/{last.Id}/stream?after={last.LastSeq}");
        var before = (await socket.NextAsync(f => f.Type == ChatEventKind.Queue, Patience)).Position;
        await AcceptAsync(_a.Agent(), chats[0].Chat.Id);
        var moved = await socket.NextAsync(f => f.Type == ChatEventKind.Queue, Patience);
        Assert.That(moved.Position, Is.EqualTo(before - 1), "a queue frame from node B after node A's accept");
    }

    [Test]
    public async Task An_import_on_one_node_is_searched_on_the_other()
    {
        const string Word = "zebrafishvault";
        Assert.That(await SearchTitlesAsync(_b, Word), Is.Empty, "not there yet");
        var folder = Directory.CreateTempSubdirectory("supportsdk-import-").FullName;
        try
        {
            // The demo help center with one more article in it.
            foreach (var file in Directory.GetFiles(TestData.HelpCenter))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var path = Path.Combine(folder, "articles.en-us.json");
            var export = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
            var article = export["articles"]![0]!.DeepClone();
            article["id"] = 990001;
            article["title"] = $"The {Word} explained";
            article["name"] = $"The {Word} explained";
            article["body"] = $"<p>Everything about the {Word} feature.</p>";
            article["html_url"] = "https://help.example-exchange.com/hc/en-us/articles/990001";
            export["articles"]!.AsArray().Add(article);
            File.WriteAllText(path, export.ToJsonString());
            await _a.Services.GetRequiredService<SupportServerAdmin>().ImportZendeskHelpCenterAsync([folder]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var deadline = DateTime.UtcNow + Patience;
        IReadOnlyList<string> titles;
        while ((titles = await SearchTitlesAsync(_b, Word)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.That(titles, Is.EqualTo(new[] { $"The {Word} explained" }), "node B rebuilt its index when node A imported");
    }

    private static async Task<IReadOnlyList<string>> SearchTitlesAsync(SupportServerHost node, string query)
    {
        using var response = await node.Anonymous().GetAsync("/v1/faq/search?q=" + Uri.EscapeDataString(query) + "&locale=en-us");
        return [.. (await ReadAsync(response, SupportJsonContext.Default.FaqSearchResults)).Items.Select(i => i.Title)];
    }

    [Test]
    public async Task A_seed_phrase_split_over_sends_to_both_nodes_is_refused_and_its_first_part_redacted()
    {
        var words = "attack race runway announce fiscal life smoke demand extend sound twenty always".Split(' ');
        var (onA, onB, _, chat) = await ActiveChatAsync("nodes-split-phrase");
        await CustomerSendsAsync(onA, chat.Id, "my words: " + string.Join(' ', words[..6]));
        var refused = await PostMessageAsync(onB, "/v1/chats", chat.Id, "c2", string.Join(' ', words[6..]));
        await AssertProblemAsync(refused, (HttpStatusCode)422, ErrorCodes.SensitiveDataBlocked);
        var stored = string.Join("\n", (await MessagesAsync(_a.Agent(), $"/v1/agent/chats/{chat.Id}/messages")).Select(m => m.Text));
        Assert.Multiple(() =>
        {
            Assert.That(stored, Does.Contain("my words:"));
            Assert.That(stored, Does.Not.Contain("attack").And.Not.Contain("twenty"), "node B knew node A's half: no part of the phrase is stored");
        });
    }

    [Test]
    public async Task A_lease_is_held_by_one_node_at_a_time_and_freed_when_its_holder_dies()
    {
        var leasesA = _a.Services.GetRequiredService<SupportSdk.Server.Cluster.IStoreLeases>();
        var leasesB = _b.Services.GetRequiredService<SupportSdk.Server.Cluster.IStoreLeases>();
        var name = "test-" + Guid.NewGuid().ToString("N");
        await using (var held = await leasesA.TryAcquireAsync(name, CancellationToken.None))
        {
            Assert.That(held, Is.Not.Null);
            Assert.That(await leasesB.TryAcquireAsync(name, CancellationToken.None), Is.Null, "node B cannot take what node A holds");
        }

        var again = await leasesB.TryAcquireAsync(name, CancellationToken.None);
        Assert.That(again, Is.Not.Null, "released by node A, taken by node B");

        // Node B dies holding it: its connection ends, and the lease with it.
        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(l.pid))::int FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objid = (@key & 4294967295) AND l.classid = ((@key >> 32) & 4294967295);", admin);
            kill.Parameters.AddWithValue("key", PostgresLeases.Key(name));
            Assert.That(await kill.ExecuteScalarAsync(), Is.EqualTo(1), "one connection held the lease");
        }

        var deadline = DateTime.UtcNow + Patience;
        IAsyncDisposable? taken;
        while ((taken = await leasesA.TryAcquireAsync(name, CancellationToken.None)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Yield();
        }

        Assert.That(taken, Is.Not.Null, "node A takes over after node B's death");
        await taken!.DisposeAsync();
        await again!.DisposeAsync(); // its connection is gone: disposing must not throw
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using static SupportSdk.Benchmarks.Stats;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>
/// Chat delivery across nodes (issue 15): a customer's <see cref="ChatSession"/> sends on node A; the time until the
/// message arrives on the agent's WebSocket, open on node B (the other node learns of it through LISTEN/NOTIFY and
/// reads it from PostgreSQL), against the same with the agent on node A, and on one SQLite node. One message at a
/// time (the next is sent once the last was delivered and acknowledged), variants interleaved batch by batch.
/// </summary>
public static class ClusterChatLatency
{
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);

    /// <param name="postgres">PostgreSQL deployments (<see cref="StoreTargets"/> specs) of at least two nodes each, e.g.
    /// <c>pg3</c>; each gets a same-node and a cross-node chat.</param>
    public static async Task<int> RunAsync(int messages, int batch, IReadOnlyList<string> postgres, bool synchronousCommit, IReadOnlyDictionary<string, string> settings)
    {
        batch = Math.Max(1, Math.Min(batch, messages));
        await using var set = await StoreTargets.StartAsync(["sqlite", .. postgres], synchronousCommit, settings);
        if (settings.Count > 0)
        {
            Console.WriteLine("SupportDesk processes also with: " + string.Join(", ", settings.Select(p => $"{p.Key}={p.Value}")));
        }

        var sqlite = set.Targets[0];
        var deployments = set.Targets.Skip(1).ToList();
        if (deployments.FirstOrDefault(d => d.Nodes.Count < 2) is { } single)
        {
            throw new ArgumentException($"--pg {single.Spec}: cross-node delivery needs at least two nodes (pg2, pg3, ...).", nameof(postgres));
        }

        Console.WriteLine($"PostgreSQL: {set.Postgres!.Settings}; {string.Join(" and ", deployments.Select(d => d.Name))}, each on its own database, SQLite beside them.");
        var variants = new List<ChatPair>();
        var pairs = new List<(ChatPair Same, ChatPair Cross)>();
        try
        {
            variants.Add(await ChatPair.OpenAsync("SQLite, 1 node: customer and agent on it", sqlite.Nodes[0].Endpoint, sqlite.Nodes[0].Endpoint));
            foreach (var pg in deployments)
            {
                var same = await ChatPair.OpenAsync($"{pg.Name}: customer and agent on node A", pg.Nodes[0].Endpoint, pg.Nodes[0].Endpoint);
                variants.Add(same);
                var cross = await ChatPair.OpenAsync($"{pg.Name}: customer on node A, agent on node B", pg.Nodes[0].Endpoint, pg.Nodes[1].Endpoint);
                variants.Add(cross);
                pairs.Add((same, cross));
            }

            foreach (var variant in variants)
            {
                for (var i = 0; i < 200; i++)
                {
                    await variant.SendOneAsync(record: false);
                }
            }

            var rounds = (messages + batch - 1) / batch;
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < rounds && clock.Elapsed < Budget; round++)
            {
                for (var k = 0; k < variants.Count; k++)
                {
                    var variant = variants[(round + k) % variants.Count];
                    for (var i = 0; i < batch; i++)
                    {
                        await variant.SendOneAsync(record: true);
                    }

                    variant.EndBatch();
                }
            }

            Console.WriteLine($"Chat delivery, one 64-byte message at a time, {rounds} interleaved rounds of {batch} per variant (load {Machine.LoadAverage()} at the end):");
            Console.WriteLine("| variant | messages | send → agent's socket p50 ms | p90 ms | p99 ms | max ms | batch p50s: min–max ms | send → ack p50 ms | ack p99 ms | not delivered in 5 s |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var v in variants)
            {
                Console.WriteLine($"| {v.Name} | {v.Delivered.Count} | {Ms(Median(v.Delivered))} | {Ms(Percentile(v.Delivered, 90))} | {Ms(Percentile(v.Delivered, 99))} | {Ms(v.Delivered.Max())} " +
                    $"| {Ms(v.BatchMedians.Min())}–{Ms(v.BatchMedians.Max())} | {Ms(Median(v.Acked))} | {Ms(Percentile(v.Acked, 99))} | {v.Lost} |");
            }

            foreach (var (same, cross) in pairs)
            {
                var ratios = cross.BatchMedians.Zip(same.BatchMedians, (c, s) => c / s).ToList();
                Console.WriteLine($"{cross.Name}: cross node / same node, median of per-batch p50 ratios {Ratio(Median(ratios))}; cross-node p50 {Ms(Median(cross.Delivered))} ms " +
                    $"(target <= 5 ms: {Verdict(Median(cross.Delivered) <= 5)}).");
            }

            if (set.Postgres is { TracksStatements: true } tracked)
            {
                Console.WriteLine("PostgreSQL statements by server time (pg_stat_statements, the whole run with warm-ups):");
                Console.WriteLine(await tracked.StatementsReportAsync());
            }

            return variants.All(v => v.Lost == 0) ? 0 : 1;
        }
        finally
        {
            foreach (var variant in variants)
            {
                await variant.DisposeAsync();
            }
        }
    }

    /// <summary>One chat: the customer's session on one node, the agent's raw WebSocket on another (or the same).</summary>
    private sealed class ChatPair : IAsyncDisposable
    {
        private readonly SupportClient _customer;
        private readonly SupportClient _agent;
        private readonly ChatSession _session;
        private readonly ClientWebSocket _agentSocket;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _draining;
        private readonly Task _reading;
        private readonly List<double> _batch = [];
        private Pending? _pending;
        private int _sequence;

        private ChatPair(string name, SupportClient customer, SupportClient agent, ChatSession session, ClientWebSocket agentSocket)
        {
            Name = name;
            _customer = customer;
            _agent = agent;
            _session = session;
            _agentSocket = agentSocket;
            _draining = DrainAsync();
            _reading = ReadAgentSocketAsync();
        }

        public string Name { get; }

        public List<double> Delivered { get; } = [];

        public List<double> Acked { get; } = [];

        public List<double> BatchMedians { get; } = [];

        public int Lost { get; private set; }

        public static async Task<ChatPair> OpenAsync(string name, Uri customerNode, Uri agentNode)
        {
            var token = await SupportSession.MintTokenAsync(customerNode, "bench-cluster-chat-" + Guid.NewGuid().ToString("N")[..8]);
            var options = new SupportClientOptions { AllowInsecureLoopback = true };
            var customer = new SupportClient(customerNode, new UserTokenCredential(token), options);
            var agent = new SupportClient(agentNode, new AgentKeyCredential(ServerProcess.AgentKey), options);
            var session = await customer.Chat.StartChatAsync(new StartChatRequest { Topic = "I want to talk to an agent" });
            await agent.AgentChats.AcceptChatAsync(session.ChatId);
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + ServerProcess.AgentKey);
            var stream = new UriBuilder(new Uri(agentNode, $"v1/agent/chats/{Uri.EscapeDataString(session.ChatId)}/stream?after=0")) { Scheme = Uri.UriSchemeWs }.Uri;
            using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(stream, connect.Token);
            return new ChatPair(name, customer, agent, session, socket);
        }

        /// <summary>Sends one message and waits (bounded) until the agent's socket has it and the sender has its ack.</summary>
        public async Task SendOneAsync(bool record)
        {
            var marker = "m" + (++_sequence).ToString("D7", CultureInfo.InvariantCulture) + "-" + GetHashCode().ToString("x8", CultureInfo.InvariantCulture);
            var text = marker.PadRight(64, 'x');
            var pending = new Pending(Encoding.UTF8.GetBytes(marker));
            Volatile.Write(ref _pending, pending);
            var start = Stopwatch.GetTimestamp();
            var acked = AckedAtAsync(_session.SendMessageAsync(text));
            long delivered;
            try
            {
                delivered = await pending.Arrived.Task.WaitAsync(MessageTimeout);
            }
            catch (TimeoutException)
            {
                Lost++;
                return;
            }

            var ack = await acked.WaitAsync(MessageTimeout);
            if (record)
            {
                var ms = ToMilliseconds(delivered - start);
                Delivered.Add(ms);
                _batch.Add(ms);
                Acked.Add(ToMilliseconds(ack - start));
            }
        }

        /// <summary>When the sender's ack arrived, timed on its own (not after the wait for the agent's copy).</summary>
        private static async Task<long> AckedAtAsync(Task<ChatSendReceipt> send)
        {
            await send;
            return Stopwatch.GetTimestamp();
        }

        public void EndBatch()
        {
            if (_batch.Count > 0)
            {
                BatchMedians.Add(Median(_batch));
                _batch.Clear();
            }
        }

        private async Task ReadAgentSocketAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var count = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await _agentSocket.ReceiveAsync(buffer.AsMemory(count), _stop.Token);
                        count = Math.Min(buffer.Length - 1, count + result.Count);
                    }
                    while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    var now = Stopwatch.GetTimestamp();
                    if (Volatile.Read(ref _pending) is { } pending && buffer.AsSpan(0, count).IndexOf(pending.Marker) >= 0)
                    {
                        pending.Arrived.TrySetResult(now);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // Stopped, or the node went away (the messages still pending time out and are counted).
            }
        }

        private async Task DrainAsync()
        {
            try
            {
                await foreach (var _ in _session.ReadEventsAsync(_stop.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_draining, _reading);
            _agentSocket.Abort();
            _agentSocket.Dispose();
            await _session.DisposeAsync();
            _customer.Dispose();
            _agent.Dispose();
            _stop.Dispose();
        }

        private sealed record Pending(byte[] Marker)
        {
            public TaskCompletionSource<long> Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

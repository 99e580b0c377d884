using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SupportSdk.IntegrationTests;

/// <summary>What the proxy does to one client connection.</summary>
public enum ProxyFault
{
    None,
    ResetBeforeForwarding,
    ResetAfterServerAnswered,
    Stall,
    OneByteSegments,
    TruncateResponse,
    Answer503,
    Answer429,
}

/// <summary>
/// A TCP proxy on loopback that injects faults per client connection: resets before or after the server answered
/// (the server has committed but the client never hears it), stalls, 1-byte segments, truncation, canned 503/429.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly Func<int, ProxyFault> _choose;
    private readonly int _retryAfterSeconds;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;

    /// <param name="upstream">The server to forward to (an IP address and port).</param>
    /// <param name="choose">The fault for the n-th connection (from 1).</param>
    /// <param name="retryAfterSeconds">The <c>Retry-After</c> of the canned 503 and 429 answers.</param>
    public FaultProxy(Uri upstream, Func<int, ProxyFault> choose, int retryAfterSeconds = 0)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _choose = choose;
        _retryAfterSeconds = retryAfterSeconds;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Connections => Volatile.Read(ref _connections);

    public Dictionary<ProxyFault, int> FaultCounts { get; } = [];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var index = Interlocked.Increment(ref _connections);
            var fault = _choose(index);
            lock (FaultCounts)
            {
                FaultCounts[fault] = FaultCounts.GetValueOrDefault(fault) + 1;
            }

            _ = Task.Run(() => HandleAsync(client, fault));
        }
    }

    private async Task HandleAsync(TcpClient client, ProxyFault fault)
    {
        using var _ = client;
        client.NoDelay = true;
        var downstream = client.GetStream();
        try
        {
            switch (fault)
            {
                case ProxyFault.ResetBeforeForwarding:
                    await ReadSomeAsync(downstream);
                    Reset(client);
                    return;
                case ProxyFault.Answer503:
                case ProxyFault.Answer429:
                    await ReadSomeAsync(downstream);
                    var status = fault == ProxyFault.Answer503 ? "503 Service Unavailable" : "429 Too Many Requests";
                    var canned = $"HTTP/1.1 {status}\r\nContent-Length: 0\r\nRetry-After: {_retryAfterSeconds}\r\nConnection: close\r\n\r\n";
                    await downstream.WriteAsync(Encoding.ASCII.GetBytes(canned), _stop.Token);
                    return;
            }

            using var server = new TcpClient { NoDelay = true };
            await server.ConnectAsync(_upstream, _stop.Token);
            var upstream = server.GetStream();
            var toServer = PumpAsync(downstream, upstream, segment: 0, CancellationToken.None);
            switch (fault)
            {
                case ProxyFault.ResetAfterServerAnswered:
                    // Wait for the first bytes of the server's answer (it has committed), then drop the client hard.
                    await ReadSomeAsync(upstream);
                    Reset(client);
                    return;
                case ProxyFault.Stall:
                    await ReadSomeAsync(upstream);
                    await Task.WhenAny(toServer, Task.Delay(TimeSpan.FromSeconds(30), _stop.Token));
                    return;
                case ProxyFault.TruncateResponse:
                    var buffer = new byte[64 * 1024];
                    var read = await upstream.ReadAsync(buffer, _stop.Token);
                    await downstream.WriteAsync(buffer.AsMemory(0, Math.Max(1, read / 2)), _stop.Token);
                    Reset(client);
                    return;
                default:
                    var toClient = PumpAsync(upstream, downstream, fault == ProxyFault.OneByteSegments ? 1 : 0, _stop.Token);
                    await Task.WhenAny(toServer, toClient);
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A torn connection is what this proxy is for.
        }
    }

    private static async Task ReadSomeAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        _ = await stream.ReadAsync(buffer);
    }

    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static async Task PumpAsync(Stream from, Stream to, int segment, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (segment > 0)
            {
                for (var i = 0; i < read; i += segment)
                {
                    await to.WriteAsync(buffer.AsMemory(i, Math.Min(segment, read - i)), cancellationToken);
                    await to.FlushAsync(cancellationToken);
                }
            }
            else
            {
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// A loopback TCP load balancer without sticky sessions or health checks: each new client connection goes to an
/// upstream chosen at random, and bytes are copied both ways until either side ends; when one side is cut (reset)
/// the other is reset too. Put a <see cref="CuttingProxy"/> or <see cref="FaultProxy"/> in front of each node as its
/// upstream to add faults per connection. Counts the connections sent to each upstream.
/// </summary>
public sealed class BalancingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint[] _upstreams;
    private readonly int[] _perUpstream;
    private readonly Random _random;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<int> _choices = [];

    public BalancingProxy(IReadOnlyList<Uri> upstreams, int seed)
    {
        _upstreams = [.. upstreams.Select(u => new IPEndPoint(IPAddress.Parse(u.Host), u.Port))];
        _perUpstream = new int[_upstreams.Length];
        _random = new Random(seed);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections sent to each upstream so far.</summary>
    public IReadOnlyList<int> PerUpstream => [.. _perUpstream.Select((_, i) => Volatile.Read(ref _perUpstream[i]))];

    /// <summary>Gets the upstream the <paramref name="connection"/>-th connection (0-based) went to.</summary>
    public int UpstreamOf(int connection)
    {
        lock (_choices)
        {
            return _choices[connection];
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            int upstream;
            lock (_choices)
            {
                upstream = _random.Next(_upstreams.Length);
                _choices.Add(upstream);
            }

            Interlocked.Increment(ref _perUpstream[upstream]);
            _ = Task.Run(() => HandleAsync(client, _upstreams[upstream]), CancellationToken.None);
        }
    }

    private async Task HandleAsync(TcpClient client, IPEndPoint upstream)
    {
        using var _ = client;
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(upstream, _stop.Token);
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client, server, done.Token);
            var down = PumpAsync(server, client, done.Token);
            var first = await Task.WhenAny(up, down);
            if (await first)
            {
                // One side ended cleanly: let the other finish its half (a response still on its way), bounded.
                await Task.WhenAny(first == up ? down : up, Task.Delay(TimeSpan.FromSeconds(30), _stop.Token));
            }
            else
            {
                Reset(client);
                Reset(server);
            }

            await done.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Reset(client);
        }
    }

    /// <summary>Copies until the source ends (true, after passing the end on) or fails (false: reset).</summary>
    private static async Task<bool> PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            to.Client.Shutdown(SocketShutdown.Send);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Client.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
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

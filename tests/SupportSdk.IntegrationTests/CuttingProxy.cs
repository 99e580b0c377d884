using System.Net;
using System.Net.Sockets;

namespace SupportSdk.IntegrationTests;

/// <summary>
/// A loopback TCP proxy for long-lived connections (chat WebSockets, long-polls): each connection is torn down hard
/// (RST both ways) once it has carried a chosen number of bytes in either direction — mid-frame, mid-ack, at any
/// point — as flaky mobile networks do. Budgets are chosen per connection by the test.
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly Func<int, (long ToServer, long ToClient)> _budget;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;
    private int _cuts;

    public CuttingProxy(Uri upstream, Func<int, (long ToServer, long ToClient)> budget)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _budget = budget;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections this proxy cut (client to server or server to client).</summary>
    public int Cuts => Volatile.Read(ref _cuts);

    private int _cutsTowardServer;
    private int _cutsTowardClient;

    /// <summary>Cuts made while bytes went from the client to the server.</summary>
    public int CutsTowardServer => Volatile.Read(ref _cutsTowardServer);

    /// <summary>Cuts made while bytes went from the server to the client.</summary>
    public int CutsTowardClient => Volatile.Read(ref _cutsTowardClient);

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

            var (toServer, toClient) = _budget(Interlocked.Increment(ref _connections));
            _ = Task.Run(() => HandleAsync(client, toServer, toClient), CancellationToken.None);
        }
    }

    private async Task HandleAsync(TcpClient client, long toServerBudget, long toClientBudget)
    {
        using var _ = client;
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_upstream, _stop.Token);
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), toServerBudget, cut);
            var down = PumpAsync(server.GetStream(), client.GetStream(), toClientBudget, cut);
            var first = await Task.WhenAny(up, down);
            if (await first)
            {
                Interlocked.Increment(ref _cuts);
                if (first == up)
                {
                    Interlocked.Increment(ref _cutsTowardServer);
                }
                else
                {
                    Interlocked.Increment(ref _cutsTowardClient);
                }
                Reset(client);
                Reset(server);
            }

            await cut.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Torn connections are the point.
        }
    }

    /// <summary>Copies until the budget is spent (true: cut) or the source ends (false).</summary>
    private static async Task<bool> PumpAsync(NetworkStream from, NetworkStream to, long budget, CancellationTokenSource cut)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, cut.Token);
                if (read == 0)
                {
                    return false;
                }

                if (read >= budget)
                {
                    await to.WriteAsync(buffer.AsMemory(0, (int)Math.Max(0, budget)), cut.Token);
                    return true;
                }

                budget -= read;
                await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
            }
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

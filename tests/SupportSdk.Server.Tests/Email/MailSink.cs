using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SupportSdk.Server.Tests.Email;

/// <summary>An SMTP server in the test (SmtpServer) that keeps every mail it is given; stopped and started again on the
/// same port to play a failing mail server.</summary>
internal sealed class MailSink : IAsyncDisposable
{
    private CancellationTokenSource? _running;
    private Task? _server;

    public MailSink()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("sink.test").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received));
        _running = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_running.Token);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
    }

    public async Task StopAsync()
    {
        if (_running is not null)
        {
            await _running.CancelAsync();
            await _server!.ContinueWith(_ => { }, TaskScheduler.Default);
            _running.Dispose();
            _running = null;
        }
    }

    /// <summary>The first mail that matches, waiting for it (bounded).</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < until)
        {
            if (Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The mail did not arrive; received: " + string.Join(", ", Received.Select(m => m.Subject)));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

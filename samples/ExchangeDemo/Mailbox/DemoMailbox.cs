using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ExchangeDemo.Mailbox;

/// <summary>
/// The demo users' mailbox: a small SMTP server on a loopback port (SmtpServer) that the embedded support server sends
/// its mail to, so a visitor sees real support mail — threaded, DKIM-signed, with the anti-phishing code in the first
/// line — at <c>/mailbox</c>. Kept in memory (the last 200 mails).
/// </summary>
public sealed class DemoMailbox : IHostedService, IDisposable
{
    private const int Keep = 200;
    private readonly ConcurrentQueue<(DateTimeOffset At, MimeMessage Message)> _mail = new();
    private readonly CancellationTokenSource _stop = new();

    public DemoMailbox()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The loopback port the mailbox listens on.</summary>
    public int Port { get; }

    /// <summary>The mail to <paramref name="address"/>, newest first.</summary>
    public IReadOnlyList<(DateTimeOffset At, MimeMessage Message)> For(string address) =>
        [.. _mail.Where(m => m.Message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))).Reverse()];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = new SmtpServerOptionsBuilder().ServerName("mail.example").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => _stop.CancelAsync();

    public void Dispose() => _stop.Dispose();

    private void Add(MimeMessage message)
    {
        _mail.Enqueue((DateTimeOffset.UtcNow, message));
        while (_mail.Count > Keep && _mail.TryDequeue(out _))
        {
        }
    }

    private sealed class Store(DemoMailbox box) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray(), writable: false);
            box.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

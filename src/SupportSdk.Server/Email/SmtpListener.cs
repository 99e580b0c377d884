using System.Buffers;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SupportSdk.Server.Email;

/// <summary>
/// The built-in SMTP listener (<see cref="EmailOptions.Listen"/>, off by default) for direct delivery from the
/// exchange's mail server: each accepted mail goes to <see cref="EmailInbox"/>. A mail over
/// <see cref="EmailOptions.MaxMessageBytes"/> is refused by <c>SIZE</c> (552), a malformed one with 554, and nothing
/// of either is kept.
/// </summary>
internal sealed partial class SmtpListener(IOptions<SupportServerOptions> options, EmailInbox inbox, ILogger<SmtpListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Email;
        if (string.IsNullOrWhiteSpace(o.Listen))
        {
            return;
        }

        var listen = o.Listen.Trim();
        var endpoint = IPEndPoint.Parse(listen);
        var smtp = new SmtpServerOptionsBuilder()
            .ServerName(o.Domain)
            .MaxMessageSize(o.MaxMessageBytes, MaxMessageSizeHandling.Strict)
            .Endpoint(b => b.Endpoint(endpoint))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(inbox, logger));
        var server = new SmtpServer.SmtpServer(smtp, services);
        LogListening(logger, listen);
        try
        {
            await server.StartAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private sealed class Store(EmailInbox inbox, ILogger logger) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray(), writable: false);
            try
            {
                var result = await inbox.ReceiveAsync(stream, cancellationToken).ConfigureAwait(false);
                return new SmtpResponse(SmtpReplyCode.Ok, result.Outcome);
            }
            catch (FormatException)
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "invalid_email: the mail could not be read");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Try again later: the sending server keeps the mail and retries (a 4xx answer), nothing is lost.
                LogFailed(logger, e.GetType().Name);
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "try again later");
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Support's SMTP listener accepts mail on {Endpoint}.")]
    private static partial void LogListening(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "A mail could not be taken in ({ExceptionType}); the sender was told to retry.")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}

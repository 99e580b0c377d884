using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SupportSdk.Http;
using SupportSdk.Security;

namespace SupportSdk.Core;

/// <summary>What a <see cref="SupportClient"/> is built from, whether by its constructors or by dependency injection.</summary>
internal sealed record ClientParts(
    Func<HttpMessageInvoker> Invoker,
    HttpMessageInvoker? OwnedInvoker,
    SecureChannelPolicy Policy,
    CertificatePinning? Pinning,
    SupportCredential Credential,
    ClientSettings Settings,
    ILogger Logger)
{
    public static ClientParts Create(Uri endpoint, SupportCredential credential, SupportClientOptions options, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        var settings = ClientSettings.From(options);
        var logger = (settings.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SupportSdk");
        var policy = new SecureChannelPolicy(endpoint, settings);
        var pinning = transport is null ? new CertificatePinning(settings, logger) : null;
        var handler = new SupportHandler(policy, pinning, SupportResilience.Start(settings), credential, logger)
        {
            InnerHandler = transport ?? SupportHandlerChain.CreateTransport(pinning!),
        };
        var invoker = new HttpMessageInvoker(handler, disposeHandler: true);
        return new ClientParts(() => invoker, invoker, policy, pinning, credential, settings, logger);
    }
}

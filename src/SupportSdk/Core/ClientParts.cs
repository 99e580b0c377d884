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
    SupportClientOptions Options,
    ILogger Logger)
{
    public static ClientParts Create(Uri endpoint, SupportCredential credential, SupportClientOptions options, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SupportSdk");
        var policy = new SecureChannelPolicy(endpoint, options);
        var pinning = transport is null ? new CertificatePinning(options, logger) : null;
        var handler = new SupportHandler(policy, pinning, SupportResilience.Start(options), credential, logger);
        var invoker = new HttpMessageInvoker(SupportHandlerChain.Link(handler, transport ?? SupportHandlerChain.CreateTransport(pinning!)), disposeHandler: true);
        return new ClientParts(() => invoker, invoker, policy, pinning, credential, options, logger);
    }
}

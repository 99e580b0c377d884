using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SupportSdk.Core;
using SupportSdk.Http;
using SupportSdk.Security;

namespace SupportSdk;

/// <summary>
/// The entry point to the Support API: <see cref="Tickets"/>, <see cref="Faq"/>, <see cref="Channels"/>,
/// <see cref="Identity"/> and <see cref="AgentTickets"/> over one shared pipeline (secure channel → request identity → resilience →
/// authentication → diagnostics → transport). Immutable and thread-safe: create one and share it (register it as a
/// singleton).
/// </summary>
public class SupportClient : IDisposable
{
    private readonly HttpMessageInvoker? _ownedInvoker;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected SupportClient()
    {
        Tickets = null!;
        Faq = null!;
        Identity = null!;
        AgentTickets = null!;
        Channels = null!;
        Endpoint = null!;
    }

    /// <summary>Initializes a new client with default options.</summary>
    /// <param name="endpoint">The Support API base address (HTTPS).</param>
    /// <param name="credential">How to authenticate.</param>
    /// <exception cref="SecureChannelException">The endpoint is not HTTPS (or allowed loopback HTTP), has user info, or is not an allowed host.</exception>
    public SupportClient(Uri endpoint, SupportCredential credential)
        : this(endpoint, credential, new SupportClientOptions())
    {
    }

    /// <summary>Initializes a new client.</summary>
    /// <param name="endpoint">The Support API base address (HTTPS).</param>
    /// <param name="credential">How to authenticate.</param>
    /// <param name="options">The options; not read again after construction.</param>
    /// <exception cref="SecureChannelException">The endpoint is not HTTPS (or allowed loopback HTTP), has user info, or is not an allowed host.</exception>
    public SupportClient(Uri endpoint, SupportCredential credential, SupportClientOptions options)
        : this(endpoint, credential, options, transport: null)
    {
    }

    /// <summary>
    /// Initializes a new client that sends through a caller-owned <see cref="HttpClient"/> (which stays the caller's to
    /// dispose). The SDK's pipeline still runs on top; certificate pinning then is the caller's handler's job.
    /// </summary>
    /// <param name="httpClient">The caller's client, used as the transport.</param>
    /// <param name="endpoint">The Support API base address (HTTPS).</param>
    /// <param name="credential">How to authenticate.</param>
    /// <param name="options">The options, or <see langword="null"/> for defaults.</param>
    /// <exception cref="SecureChannelException">The endpoint is not HTTPS (or allowed loopback HTTP), has user info, or is not an allowed host.</exception>
    public SupportClient(HttpClient httpClient, Uri endpoint, SupportCredential credential, SupportClientOptions? options = null)
        : this(endpoint, credential, options ?? new SupportClientOptions(), new HttpClientTransport(httpClient ?? throw new ArgumentNullException(nameof(httpClient))))
    {
    }

    private SupportClient(Uri endpoint, SupportCredential credential, SupportClientOptions options, HttpMessageHandler? transport)
        : this(CreateInvoker(endpoint, credential, options, transport), endpoint, options)
    {
    }

    private SupportClient(HttpMessageInvoker owned, Uri endpoint, SupportClientOptions options)
        : this(() => owned, endpoint, options) => _ownedInvoker = owned;

    internal SupportClient(Func<HttpMessageInvoker> invoker, Uri endpoint, SupportClientOptions options)
    {
        Endpoint = endpoint;
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SupportSdk");
        var pipeline = new SupportPipeline(invoker, endpoint, options);
        Channels = new ChannelsClient(pipeline);
        var screening = new MessageScreening(options, Channels, logger);
        Tickets = new TicketsClient(pipeline, screening);
        Faq = new FaqClient(pipeline);
        Identity = new IdentityClient(pipeline);
        AgentTickets = new AgentTicketsClient(pipeline);
        Status = pipeline;
    }

    /// <summary>Gets the Support API base address.</summary>
    /// <value>The endpoint.</value>
    public Uri Endpoint { get; }

    /// <summary>Gets the user's tickets and attachments.</summary>
    /// <value>The tickets client.</value>
    public virtual TicketsClient Tickets { get; }

    /// <summary>Gets the help center.</summary>
    /// <value>The FAQ client.</value>
    public virtual FaqClient Faq { get; }

    /// <summary>Gets user-token minting, for backends holding the API key.</summary>
    /// <value>The identity client.</value>
    public virtual IdentityClient Identity { get; }

    /// <summary>Gets the agent's ticket operations, for agent-key credentials.</summary>
    /// <value>The agent tickets client.</value>
    public virtual AgentTicketsClient AgentTickets { get; }

    /// <summary>Gets the official channels: verified manifest, <c>VerifyAsync</c> for links, addresses, numbers and handles, impersonator reports.</summary>
    /// <value>The channels client.</value>
    public virtual ChannelsClient Channels { get; }

    private SupportPipeline? Status { get; }

    /// <summary>Gets support hours, agents online and published response targets.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    /// <exception cref="SupportApiException">The server could not be reached.</exception>
    public virtual Task<SupportStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        (Status ?? throw new InvalidOperationException("This instance was created for mocking."))
            .SendAsync("Status.Get", HttpMethod.Get, "v1/status", null, SupportJsonContext.Default.SupportStatus, null, cancellationToken);

    /// <summary>Releases the connections this client created (not a caller-owned <see cref="HttpClient"/>).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedInvoker?.Dispose();
        }
    }

    private static HttpMessageInvoker CreateInvoker(Uri endpoint, SupportCredential credential, SupportClientOptions options, HttpMessageHandler? transport)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(options);
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SupportSdk");
        var policy = new SecureChannelPolicy(endpoint, options);
        var pinning = transport is null ? new CertificatePinning(options, logger) : null;
        var handlers = SupportHandlerChain.CreateHandlers(policy, pinning, credential, options.ResiliencePipeline ?? SupportResilience.Build(options), logger);
        return new HttpMessageInvoker(SupportHandlerChain.Link(handlers, transport ?? SupportHandlerChain.CreateTransport(pinning!)), disposeHandler: true);
    }
}

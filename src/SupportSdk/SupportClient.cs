using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SupportSdk.Core;
using SupportSdk.Http;
using SupportSdk.Security;

namespace SupportSdk;

/// <summary>
/// The entry point to the Support API: <see cref="Tickets"/>, <see cref="Faq"/>, <see cref="Channels"/>,
/// <see cref="Chat"/>, <see cref="Identity"/>, <see cref="Webhooks"/>, <see cref="AgentTickets"/> and <see cref="AgentChats"/> over one shared pipeline (secure channel → request identity → resilience →
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
        Webhooks = null!;
        AgentTickets = null!;
        Agents = null!;
        Account = null!;
        Deposits = null!;
        Channels = null!;
        Chat = null!;
        AgentChats = null!;
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
        : this(ClientParts.Create(endpoint, credential, options, transport))
    {
    }

    internal SupportClient(ClientParts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _ownedInvoker = parts.OwnedInvoker;
        Endpoint = parts.Policy.Endpoint;
        var pipeline = new SupportPipeline(parts.Invoker, Endpoint, parts.Settings);
        ChannelsClient? channels = null;
        var screening = new MessageScreening(parts.Settings, () => channels!, parts.Logger);
        Channels = channels = new ChannelsClient(pipeline, screening);
        Tickets = new TicketsClient(pipeline, screening);
        Faq = new FaqClient(pipeline, screening);
        Identity = new IdentityClient(pipeline);
        Webhooks = new WebhooksClient(pipeline);
        AgentTickets = new AgentTicketsClient(pipeline);
        Agents = new AgentsClient(pipeline);
        Account = new AccountClient(pipeline, screening);
        Deposits = new DepositsClient(pipeline);
        var chat = new LiveChat.ChatConnector(pipeline, screening, parts.Credential, parts.Policy, parts.Pinning, parts.Logger);
        Chat = new ChatClient(chat);
        AgentChats = new AgentChatsClient(chat);
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

    /// <summary>Gets the exchange's webhook endpoints and their deliveries, for backends holding the API key.</summary>
    /// <value>The webhooks client.</value>
    public virtual WebhooksClient Webhooks { get; }

    /// <summary>Gets the agent's ticket operations, for agent-key credentials.</summary>
    /// <value>The agent tickets client.</value>
    public virtual AgentTicketsClient AgentTickets { get; }

    /// <summary>Gets the support team: profiles (API key) and the calling agent's status (agent key).</summary>
    /// <value>The agents client.</value>
    public virtual AgentsClient Agents { get; }

    /// <summary>Gets the user's account protection: lock the account from support.</summary>
    /// <value>The account client.</value>
    public virtual AccountClient Account { get; }

    /// <summary>Gets "where is my deposit?": the exchange's lookup of a transaction, with what the user can do.</summary>
    /// <value>The deposits client.</value>
    public virtual DepositsClient Deposits { get; }

    /// <summary>Gets the user's live chats: start or resume a <see cref="ChatSession"/>, transcripts, chat to ticket.</summary>
    /// <value>The chat client.</value>
    public virtual ChatClient Chat { get; }

    /// <summary>Gets the agent side of live chat, for agent-key credentials.</summary>
    /// <value>The agent chats client.</value>
    public virtual AgentChatsClient AgentChats { get; }

    /// <summary>Gets the official channels: verified manifest, <c>VerifyChannelAsync</c> for links, addresses, numbers and handles, impersonator reports.</summary>
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
}

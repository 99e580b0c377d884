using Polly;

namespace SupportSdk.Benchmarks.Clients;

/// <summary>
/// The SDK through its public API. Over a socket it uses its own transport; in memory it is given a caller-owned
/// <see cref="HttpClient"/> around the canned handler, so its whole handler chain (secure channel, request identity,
/// resilience, authentication, diagnostics) still runs.
/// </summary>
public sealed class SdkCalls : SupportCalls
{
    private readonly SupportClient _client;
    private readonly HttpClient? _transport;

    private SdkCalls(string name, SupportClient client, HttpClient? transport)
        : base(name)
    {
        _client = client;
        _transport = transport;
    }

    /// <summary>Options for a variant: the default pipeline, or none at all (<see cref="ResiliencePipeline{T}.Empty"/>).</summary>
    public static SupportClientOptions Options(bool resilience) => new()
    {
        AllowInsecureLoopback = true,
        ResiliencePipeline = resilience ? null : ResiliencePipeline<HttpResponseMessage>.Empty,
    };

    public static string Label(bool resilience) => resilience ? "SDK, default resilience" : "SDK, resilience off";

    /// <summary>Over the network, with the SDK's own TLS-checking <see cref="SocketsHttpHandler"/>.</summary>
    public static SdkCalls Network(Uri endpoint, string token, bool resilience) =>
        new(Label(resilience), new SupportClient(endpoint, new UserTokenCredential(token), Options(resilience)), null);

    /// <summary>Over a caller's handler (the in-memory one): the SDK's <c>HttpClient</c> constructor.</summary>
    public static SdkCalls OverHandler(HttpMessageHandler handler, Uri endpoint, string token, bool resilience)
    {
        var transport = new HttpClient(handler, disposeHandler: false);
        return new(Label(resilience), new SupportClient(transport, endpoint, new UserTokenCredential(token), Options(resilience)), transport);
    }

    public override Task<Ticket> GetTicketAsync(string ticketId) => _client.Tickets.GetTicketAsync(ticketId);

    public override Task<Ticket> CreateTicketAsync(CreateTicketRequest request) => _client.Tickets.CreateTicketAsync(request);

    public override Task<FaqSearchResults> SearchFaqAsync(string query, string locale) => _client.Faq.SearchArticlesAsync(query, locale);

    protected override void Dispose(bool disposing)
    {
        _client.Dispose();
        _transport?.Dispose();
    }
}

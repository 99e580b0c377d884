using RestSharp;
using RestSharp.Serializers.Json;

namespace SupportSdk.Benchmarks.Clients;

/// <summary>
/// RestSharp 114 as a peer client, given the same generated JSON metadata (the context's options) so that the
/// comparison is of the HTTP layer, not of reflection-based serialization.
/// </summary>
public sealed class RestSharpCalls : SupportCalls
{
    private readonly RestClient _client;

    public RestSharpCalls(HttpMessageHandler? handler, Uri endpoint, string token)
        : base("RestSharp 114")
    {
        void Configure(RestClientOptions o) => o.BaseUrl = endpoint;
        void Serialization(RestSharp.Serializers.SerializerConfig s) => s.UseSystemTextJson(SupportJsonContext.Default.Options);
        _client = handler is null
            ? new RestClient(new RestClientOptions(endpoint), configureSerialization: Serialization)
            : new RestClient(handler, disposeHandler: false, Configure, Serialization);
        _client.AddDefaultHeader("Authorization", "Bearer " + token);
    }

    public override async Task<Ticket> GetTicketAsync(string ticketId) =>
        (await _client.GetAsync<Ticket>(new RestRequest("v1/tickets/{id}").AddUrlSegment("id", ticketId)))!;

    public override async Task<Ticket> CreateTicketAsync(CreateTicketRequest request) =>
        (await _client.PostAsync<Ticket>(new RestRequest("v1/tickets", Method.Post)
            .AddJsonBody(request)
            .AddHeader("Idempotency-Key", Guid.NewGuid().ToString())))!;

    public override async Task<FaqSearchResults> SearchFaqAsync(string query, string locale) =>
        (await _client.GetAsync<FaqSearchResults>(new RestRequest("v1/faq/search")
            .AddQueryParameter("q", query)
            .AddQueryParameter("locale", locale)
            .AddQueryParameter("limit", 10)))!;

    protected override void Dispose(bool disposing) => _client.Dispose();
}

using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace SupportSdk.Benchmarks.Clients;

/// <summary>
/// The floor: a plain <see cref="HttpClient"/> with the SDK's source-generated <see cref="SupportJsonContext"/>, as a
/// careful hand-written client would do it (bearer header set once, idempotency key on create, status checked).
/// </summary>
public sealed class RawCalls : SupportCalls
{
    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue[]? _users;
    private int _next;

    public RawCalls(HttpMessageHandler handler, Uri endpoint, string token, bool disposeHandler = true)
        : base("raw HttpClient + STJ source-gen")
    {
        _http = new HttpClient(handler, disposeHandler) { BaseAddress = endpoint };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>One client (one set of connections) creating for several users in turn, as a web front end does:
    /// each create carries the next user's token.</summary>
    public RawCalls(HttpMessageHandler handler, Uri endpoint, IReadOnlyList<string> tokens)
        : this(handler, endpoint, tokens[0])
    {
        _users = [.. tokens.Select(t => new AuthenticationHeaderValue("Bearer", t))];
    }

    public override async Task<Ticket> GetTicketAsync(string ticketId) =>
        (await _http.GetFromJsonAsync("v1/tickets/" + Uri.EscapeDataString(ticketId), SupportJsonContext.Default.Ticket))!;

    public override async Task<Ticket> CreateTicketAsync(CreateTicketRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/tickets")
        {
            Content = JsonContent.Create(request, SupportJsonContext.Default.CreateTicketRequest),
        };
        message.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        if (_users is not null)
        {
            message.Headers.Authorization = _users[_next++ % _users.Length];
        }

        using var response = await _http.SendAsync(message);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(SupportJsonContext.Default.Ticket))!;
    }

    public override async Task<FaqSearchResults> SearchFaqAsync(string query, string locale) =>
        (await _http.GetFromJsonAsync("v1/faq/search?q=" + Uri.EscapeDataString(query) + "&locale=" + locale + "&limit=10",
            SupportJsonContext.Default.FaqSearchResults))!;

    protected override void Dispose(bool disposing) => _http.Dispose();
}

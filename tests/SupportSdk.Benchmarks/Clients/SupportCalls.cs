namespace SupportSdk.Benchmarks.Clients;

/// <summary>
/// The three calls every benchmark makes (ticket GET, ticket create, FAQ search), written once per client variant so
/// the in-memory benchmarks and the loopback harness measure exactly the same code.
/// </summary>
public abstract class SupportCalls : IDisposable
{
    protected SupportCalls(string name) => Name = name;

    /// <summary>The variant's label in reports.</summary>
    public string Name { get; }

    public abstract Task<Ticket> GetTicketAsync(string ticketId);

    /// <summary>Creates a ticket with an <c>Idempotency-Key</c> (the SDK adds its own; the others send a fresh GUID).</summary>
    public abstract Task<Ticket> CreateTicketAsync(CreateTicketRequest request);

    public abstract Task<FaqSearchResults> SearchFaqAsync(string query, string locale);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}

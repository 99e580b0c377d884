using System.Text.Json;
using SupportSdk.Server;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Http;
using SupportSdk.Testing;

namespace SupportSdk.Benchmarks.InMemory;

/// <summary>
/// Response bodies as the server writes them: a ticket with a transaction, and the demo help center's real results
/// for a common query (ten hits with snippets), serialized by the server's own JSON settings.
/// </summary>
public sealed class CannedPayloads
{
    public const string TicketId = "tkt_01JBENCH0000000000000000AA";
    public const string FaqQuery = "withdrawal pending";

    private CannedPayloads(byte[] ticket, byte[] faqResults)
    {
        Ticket = ticket;
        FaqResults = faqResults;
    }

    public byte[] Ticket { get; }

    public byte[] FaqResults { get; }

    public byte[] NotFound { get; } = """{"type":"about:blank","title":"Not found.","status":404,"code":"ticket_not_found"}"""u8.ToArray();

    /// <summary>A typical create: subject, body, category and a deposit transaction.</summary>
    public static CreateTicketRequest NewTicket { get; } = new()
    {
        Subject = "USDT deposit not credited after 2 hours",
        Body = "I sent 250 USDT on TRC20 to my deposit address two hours ago. The explorer shows 40 confirmations but my balance is unchanged. Please check.",
        Category = TicketCategory.Deposit,
        Priority = TicketPriority.High,
        Locale = "en-us",
        Transaction = new TransactionInfo
        {
            Asset = "USDT",
            Network = "TRC20",
            TxId = "7c5f2d0a9e8b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d",
            Amount = 250m,
            Direction = TransactionDirection.Deposit,
        },
    };

    public static async Task<CannedPayloads> CreateAsync()
    {
        var ticket = SupportModelFactory.Ticket(TicketId, NewTicket.Subject, category: TicketCategory.Deposit, priority: TicketPriority.High,
            userId: "u-1001", createdAt: new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var import = await ZendeskImporter.ReadAsync([TestData.HelpCenter], CancellationToken.None);
        var results = new FaqSnapshot(import, "en-us").Search(FaqQuery, "en-us", 10);
        return new CannedPayloads(
            JsonSerializer.SerializeToUtf8Bytes(ticket, WireJson.Support.Ticket),
            JsonSerializer.SerializeToUtf8Bytes(results, WireJson.Support.FaqSearchResults));
    }
}

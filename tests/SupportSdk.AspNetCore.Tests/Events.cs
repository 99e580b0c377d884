namespace SupportSdk.AspNetCore.Tests;

/// <summary>Event bodies as the Support API sends them.</summary>
public static class Events
{
    public const string TicketJson = """{"id":"tkt_01","subject":"Deposit missing","status":"open","priority":"normal","category":"deposit","locale":"en-us","tier":1,"customer":{"userId":"u_42","displayName":"U"},"messageCount":1,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z","version":1}""";

    public static string TicketCreated(string id) =>
        $$$"""{"id":"{{{id}}}","type":"ticket.created","occurredAt":"2026-11-01T11:59:59Z","ticketId":"tkt_01","chatId":null,"sequence":1,"data":{{{TicketJson}}}}""";
}

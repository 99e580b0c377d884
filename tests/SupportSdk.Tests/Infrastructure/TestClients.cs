namespace SupportSdk.Tests.Infrastructure;

/// <summary>Builds SDK clients over a scripted transport and a fake clock.</summary>
public static class TestClients
{
    public static readonly Uri Endpoint = new("https://support.example-exchange.com/");
    public const string ApiKey = "ssk_api_unit_test_key_0123456789abcdef";

    public static SupportClient Create(ScriptedHandler handler, TimeProvider time, Action<SupportClientOptions>? configure = null, SupportCredential? credential = null)
    {
        var options = new SupportClientOptions { TimeProvider = time };
        options.CircuitBreaker.Enabled = false;
        configure?.Invoke(options);
        return new SupportClient(new HttpClient(handler), Endpoint, credential ?? new ApiKeyCredential(ApiKey), options);
    }

    public const string TicketJson = """{"id":"tkt_01","subject":"s","status":"open","priority":"normal","category":"deposit","locale":"en-us","tier":1,"customer":{"userId":"u","displayName":"U"},"messageCount":1,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z","version":1}""";

    public static CreateTicketRequest NewTicket() => new() { Subject = "Deposit missing", Body = "Sent 2h ago", Category = TicketCategory.Deposit };
}

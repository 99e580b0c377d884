using SupportSdk.Benchmarks.Clients;
using SupportSdk.Benchmarks.InMemory;

namespace SupportSdk.Benchmarks.Loopback;

/// <summary>A user of the running server: a fresh user token and one ticket of theirs to read.</summary>
public sealed record SupportSession(Uri Endpoint, string Token, string TicketId)
{
    public static async Task<SupportSession> CreateAsync(Uri endpoint, string userId)
    {
        var token = await MintTokenAsync(endpoint, userId);
        using var sdk = SdkCalls.Network(endpoint, token, resilience: true);
        var ticket = await sdk.CreateTicketAsync(CannedPayloads.NewTicket);
        return new SupportSession(endpoint, token, ticket.Id);
    }

    /// <summary>Tokens for users <c>{prefix}-0</c> … <c>{prefix}-{count-1}</c>, minted over one backend client.</summary>
    public static async Task<IReadOnlyList<string>> MintTokensAsync(Uri endpoint, string prefix, int count)
    {
        using var backend = new SupportClient(endpoint, new ApiKeyCredential(ServerProcess.ApiKey), new SupportClientOptions { AllowInsecureLoopback = true });
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var userId = $"{prefix}-{i}";
            tokens.Add((await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "Bench " + userId, Locale = "en-us" })).Token);
        }

        return tokens;
    }

    public static async Task<string> MintTokenAsync(Uri endpoint, string userId)
    {
        using var backend = new SupportClient(endpoint, new ApiKeyCredential(ServerProcess.ApiKey), new SupportClientOptions { AllowInsecureLoopback = true });
        var token = await backend.Identity.CreateUserTokenAsync(new UserTokenRequest { UserId = userId, DisplayName = "Bench " + userId, Locale = "en-us" });
        return token.Token;
    }

    /// <summary>The four variants, each over its own connections (its library's default transport).</summary>
    public IReadOnlyList<SupportCalls> Variants() =>
    [
        new RawCalls(new SocketsHttpHandler(), Endpoint, Token),
        SdkCalls.Network(Endpoint, Token, resilience: false),
        SdkCalls.Network(Endpoint, Token, resilience: true),
        new RestSharpCalls(null, Endpoint, Token),
    ];
}

using SupportSdk.Benchmarks.Clients;

namespace SupportSdk.Benchmarks.InMemory;

/// <summary>The four client variants over one canned handler, in report order (the floor first).</summary>
public static class InMemoryVariants
{
    public const string Token = "sut1.benchmark-user-token-0123456789abcdef";

    public static Uri Endpoint { get; } = new("https://support.example-exchange.com/");

    public static SupportCalls[] Create(CannedSupportHandler handler) =>
    [
        new RawCalls(handler, Endpoint, Token, disposeHandler: false),
        SdkCalls.OverHandler(handler, Endpoint, Token, resilience: false),
        SdkCalls.OverHandler(handler, Endpoint, Token, resilience: true),
        new RestSharpCalls(handler, Endpoint, Token),
    ];
}

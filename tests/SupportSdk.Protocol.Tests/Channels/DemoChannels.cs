using SupportSdk.Channels;

namespace SupportSdk.Protocol.Tests;

/// <summary>The demo brand "Example Exchange" (tests/TestData/README.md).</summary>
internal static class DemoChannels
{
    public static OfficialChannelManifest Manifest(string keyId = "") => new()
    {
        Brand = "Example Exchange",
        WebDomains = ["example-exchange.com"],
        EmailDomains = ["example-exchange.com"],
        PhoneNumbers = ["+18005550199"],
        SocialHandles =
        [
            new SocialHandle { Network = "telegram", Handle = "ExampleExchange" },
            new SocialHandle { Network = "telegram", Handle = "ExampleExchangeSupport" },
            new SocialHandle { Network = "x", Handle = "example_exchange" },
        ],
        IssuedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ExpiresAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        KeyId = keyId,
    };

    public static ChannelVerifier Verifier() => new(Manifest());
}

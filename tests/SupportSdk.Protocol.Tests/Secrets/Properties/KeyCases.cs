using FsCheck;
using FsCheck.Fluent;

namespace SupportSdk.Protocol.Tests;

/// <summary>Private keys as wallets print them and users copy them: WIF (compressed, uncompressed, testnet), xprv
/// and labelled hex, contiguous or in groups, through the same disguises as phrases.</summary>
internal static class KeyCases
{
    public static readonly string[] Kinds = ["wif-compressed", "wif-uncompressed", "wif-testnet", "xprv", "hex-labelled", "hex-grouped"];
    public static readonly string[] Layouts = ["contiguous", "groups-4", "groups-5", "groups-6", "groups-8", "groups-5-dash", "groups-4-lines", "halves", "letter-spaced"];
    private static readonly string[] s_disguises = ["none", "fullwidth", "zero-width", "lookalike", "math-bold"];
    private static readonly string[] s_hexLabels = ["private key: ", "私钥：", "here is my key ", "priv key = ", "my wallet's private key is\n"];

    public static Gen<SecretCase> Any() =>
        from kind in Gen.Elements(Kinds)
        from layout in Gen.Elements(Layouts)
        from disguise in Gen.Elements(s_disguises)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select Build(kind, layout, disguise, seed);

    public static SecretCase Build(string kind, string layout, string disguise, int seed)
    {
        var random = new Random(seed);
        var key = new byte[32];
        random.NextBytes(key);
        var secret = kind switch
        {
            "wif-compressed" => TestBase58.Wif(key, compressed: true),
            "wif-uncompressed" => TestBase58.Wif(key, compressed: false),
            "wif-testnet" => TestBase58.Wif(key, compressed: random.Next(2) == 0, testnet: true),
            "xprv" => ExtendedKey(key, random, isPrivate: true),
            _ => random.Next(2) == 0 ? Convert.ToHexStringLower(key) : Convert.ToHexString(key),
        };

        // Unlabelled hex is a key only when grouped: spelled out or contiguous it reads as a transaction hash.
        if (kind == "hex-grouped" && layout is "contiguous" or "letter-spaced")
        {
            layout = "groups-4";
        }

        var text = new MarkedText();
        text.Append(kind == "hex-labelled" ? s_hexLabels[random.Next(s_hexLabels.Length)] : random.Next(2) == 0 ? "please help me restore my wallet:\n" : string.Empty, false);
        var (size, separator) = layout switch
        {
            "groups-4" => (4, " "),
            "groups-5" => (5, " "),
            "groups-6" => (6, "  "),
            "groups-8" => (8, " "),
            "groups-5-dash" => (5, "-"),
            "groups-4-lines" => (4, random.Next(2) == 0 ? "\n" : "\r\n"),
            "halves" => ((secret.Length + 1) / 2, "\n"),
            "letter-spaced" => (1, " "),
            _ => (secret.Length, string.Empty),
        };

        for (var at = 0; at < secret.Length; at += size)
        {
            if (at > 0)
            {
                Disguises.Append(text, separator, disguise, random, secret: false);
            }

            Disguises.Append(text, secret.Substring(at, Math.Min(size, secret.Length - at)), disguise, random, secret: true);
        }

        text.Append(random.Next(2) == 0 ? "\nthanks" : string.Empty, false);
        return SecretCase.From(text, $"{kind}, {layout}, {disguise}");
    }

    /// <summary>A BIP32 extended key (mainnet xprv or xpub) around the given key bytes.</summary>
    public static string ExtendedKey(byte[] key, Random random, bool isPrivate)
    {
        var chain = new byte[32];
        random.NextBytes(chain);
        byte[] version = isPrivate ? [0x04, 0x88, 0xAD, 0xE4] : [0x04, 0x88, 0xB2, 0x1E];
        byte[] keyData = isPrivate ? [0x00, .. key] : [(byte)(2 + random.Next(2)), .. key];
        return TestBase58.EncodeChecked([.. version, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. chain, .. keyData]);
    }
}

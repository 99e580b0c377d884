using System.Security.Cryptography;
using System.Text;
using ExchangeDemo.Accounts;
using SupportSdk;

namespace ExchangeDemo.Wallet;

/// <summary>A ticker on the markets board (static demo prices).</summary>
public sealed record Ticker(string Pair, decimal Price, decimal ChangePercent);

/// <summary>A balance in the user's wallet.</summary>
public sealed record Holding(string Asset, decimal Amount);

/// <summary>A deposit or withdrawal in the user's history: what "Get help" turns into a ticket's transaction.</summary>
public sealed record Transfer(string Id, TransactionDirection Direction, string Asset, string Network, decimal Amount, string TxId, bool Completed, DateTimeOffset At)
{
    /// <summary>The transaction as the Support API takes it (CreateTicketRequest.Transaction).</summary>
    public TransactionInfo ToTransactionInfo() => new() { Asset = Asset, Network = Network, TxId = TxId, Amount = Amount, Direction = Direction };

    public string ShortTxId => TxId.Length > 16 ? TxId[..10] + "…" + TxId[^6..] : TxId;
}

/// <summary>The demo's made-up market and wallet data, per user.</summary>
public static class DemoWallet
{
    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;

    public static IReadOnlyList<Ticker> Tickers { get; } =
    [
        new("BTC/USDT", 97_412.50m, 1.84m),
        new("ETH/USDT", 3_605.12m, -0.72m),
        new("SOL/USDT", 187.36m, 4.11m),
        new("BNB/USDT", 702.90m, 0.35m),
        new("TRX/USDT", 0.2481m, -1.26m),
        new("XRP/USDT", 2.3107m, 2.02m),
    ];

    public static IReadOnlyList<Holding> Holdings(DemoUser user) => user == DemoUser.Alice
        ? [new("USDT", 1_250.00m), new("BTC", 0.0421m), new("ETH", 0.85m), new("TRX", 3_000m)]
        : [new("USDT", 8_420.55m), new("ETH", 2.1m), new("BNB", 4.75m)];

    public static IReadOnlyList<Transfer> Transfers(DemoUser user) => user == DemoUser.Alice
        ?
        [
            new("t-alice-1", TransactionDirection.Withdrawal, "USDT", "TRC20", 250m, Hex("alice-1"), false, Started.AddHours(-3)),
            new("t-alice-2", TransactionDirection.Deposit, "BTC", "BTC", 0.015m, Hex("alice-2"), true, Started.AddDays(-1).AddHours(-2)),
            new("t-alice-3", TransactionDirection.Withdrawal, "ETH", "ERC20", 0.4m, "0x" + Hex("alice-3"), true, Started.AddDays(-3)),
            new("t-alice-4", TransactionDirection.Deposit, "USDT", "BEP20", 500m, "0x" + Hex("alice-4"), true, Started.AddDays(-6)),
            new("t-alice-5", TransactionDirection.Deposit, "XRP", "XRP", 120m, Hex("alice-5"), false, Started.AddHours(-20)),
            new("t-alice-6", TransactionDirection.Deposit, "PEPE2", "ERC20", 5_000_000m, "0x" + Hex("alice-6"), false, Started.AddDays(-2).AddHours(-4)),
        ]
        :
        [
            new("t-lilei-1", TransactionDirection.Deposit, "USDT", "ERC20", 1_000m, "0x" + Hex("lilei-1"), false, Started.AddHours(-1)),
            new("t-lilei-2", TransactionDirection.Withdrawal, "USDT", "TRC20", 500m, Hex("lilei-2"), false, Started.AddHours(-5)),
            new("t-lilei-3", TransactionDirection.Deposit, "ETH", "ERC20", 1.2m, "0x" + Hex("lilei-3"), true, Started.AddDays(-2)),
            new("t-lilei-4", TransactionDirection.Deposit, "USDT", "BEP20", 300m, "0x" + Hex("lilei-4"), false, Started.AddDays(-1)),
        ];

    public static Transfer? FindTransfer(DemoUser user, string? id) => Transfers(user).FirstOrDefault(t => t.Id == id);

    // Stable, well-formed transaction hashes for the made-up transfers.
    private static string Hex(string seed) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("example-exchange-demo/" + seed)));
}

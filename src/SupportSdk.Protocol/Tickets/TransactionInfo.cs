using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>The on-chain transaction a deposit or withdrawal ticket is about.</summary>
public sealed class TransactionInfo
{
    /// <summary>Gets the asset symbol, e.g. <c>USDT</c> (2–12 letters or digits).</summary>
    /// <value>The asset.</value>
    public string Asset { get; init; } = string.Empty;

    /// <summary>Gets the network, e.g. <c>ETH</c>, <c>TRC20</c>, <c>BTC</c>, <c>SOL</c>.</summary>
    /// <value>The network; it decides the expected transaction id shape.</value>
    public string Network { get; init; } = string.Empty;

    /// <summary>Gets the transaction id (hash) on that network.</summary>
    /// <value>The transaction id.</value>
    public string TxId { get; init; } = string.Empty;

    /// <summary>Gets the amount moved; must be positive. Exact: written as a JSON string, read from a string or a number
    /// (see <see cref="DecimalStringJsonConverter"/>).</summary>
    /// <value>The amount, in units of <see cref="Asset"/>.</value>
    [JsonConverter(typeof(DecimalStringJsonConverter))]
    public decimal Amount { get; init; }

    /// <summary>Gets whether the funds came in or went out.</summary>
    /// <value>deposit or withdrawal.</value>
    public TransactionDirection Direction { get; init; }

    /// <summary>Gets what the exchange's deposit lookup found when the ticket was opened (set by the server; what a
    /// client sends here is ignored), so the agent starts from it.</summary>
    /// <value>The lookup, or <see langword="null"/>.</value>
    public DepositLookup? Lookup { get; init; }
}

using System.Text.RegularExpressions;

namespace SupportSdk.Server.Tickets;

/// <summary>
/// Checks that a transaction reference is plausible for its network family before a ticket is opened, so agents
/// never chase a typo: EVM chains use <c>0x</c> + 64 hex, Bitcoin-like and Tron use 64 hex, Solana base58 signatures.
/// </summary>
internal static partial class TransactionRules
{
    private static readonly HashSet<string> Evm = new(StringComparer.OrdinalIgnoreCase)
    {
        "ETH", "ERC20", "ETHEREUM", "BSC", "BEP20", "BNB", "ARBITRUM", "ARB", "OPTIMISM", "OP", "POLYGON", "MATIC", "BASE", "AVAXC", "AVAX-C", "LINEA", "ZKSYNC",
    };

    private static readonly HashSet<string> Hex64 = new(StringComparer.OrdinalIgnoreCase)
    {
        "BTC", "BITCOIN", "LTC", "LITECOIN", "BCH", "DOGE", "TRX", "TRC20", "TRON", "XRP", "ADA", "DOT",
    };

    private static readonly HashSet<string> Base58Signature = new(StringComparer.OrdinalIgnoreCase) { "SOL", "SOLANA", "SPL" };

    public static IEnumerable<(string Field, string Message)> Validate(TransactionInfo? tx)
    {
        if (tx is null)
        {
            yield break;
        }

        if (!AssetPattern().IsMatch(tx.Asset ?? string.Empty))
        {
            yield return ("transaction.asset", "Use the asset symbol, 2–12 letters or digits (e.g. USDT).");
        }

        if (!NetworkPattern().IsMatch(tx.Network ?? string.Empty))
        {
            yield return ("transaction.network", "Use the network name, 2–20 letters, digits or '-' (e.g. TRC20).");
        }
        else if (ExpectedTxIdShape(tx.Network!, tx.TxId ?? string.Empty) is { } problem)
        {
            yield return ("transaction.txId", problem);
        }

        if (tx.Amount <= 0)
        {
            yield return ("transaction.amount", "The amount must be greater than zero.");
        }

        if (!tx.Direction.IsKnown)
        {
            yield return ("transaction.direction", "Use 'deposit' or 'withdrawal'.");
        }
    }

    /// <summary>A lookup's network (optional) and transaction id: the problems, as for a ticket's transaction.</summary>
    public static IEnumerable<(string Field, string Message)> ValidateReference(string? network, string? txId)
    {
        if (string.IsNullOrEmpty(txId))
        {
            yield return ("txId", "The transaction id (hash) is required.");
        }
        else if (string.IsNullOrEmpty(network))
        {
            if (!EvmTx().IsMatch(txId) && !HexTx().IsMatch(txId) && !SolanaTx().IsMatch(txId) && !GenericTx().IsMatch(txId))
            {
                yield return ("txId", "The transaction id must be 16–128 letters, digits, ':' , '-' or '_'.");
            }
        }
        else if (!NetworkPattern().IsMatch(network))
        {
            yield return ("network", "Use the network name, 2–20 letters, digits or '-' (e.g. TRC20).");
        }
        else if (ExpectedTxIdShape(network, txId) is { } problem)
        {
            yield return ("txId", problem);
        }
    }

    /// <summary>
    /// A transaction reference in a chat message ("TRC20 9f3c…", "0x5a…  on BEP20", "我的充值 ERC20 0x…"): the first
    /// token shaped like a transaction id, and a known network named anywhere in the message (empty when none is).
    /// </summary>
    public static (string Network, string TxId)? FindReference(string text)
    {
        string? txId = null;
        var network = string.Empty;
        foreach (var token in TokenPattern().EnumerateMatches(text))
        {
            var word = text.Substring(token.Index, token.Length);
            if (txId is null && (EvmTx().IsMatch(word) || HexTx().IsMatch(word) || SolanaTx().IsMatch(word)))
            {
                txId = word;
            }
            else if (network.Length == 0 && (Evm.Contains(word) || Hex64.Contains(word) || Base58Signature.Contains(word)))
            {
                network = word.ToUpperInvariant();
            }
        }

        return txId is null ? null : (network, txId);
    }

    // Runs of ASCII letters, digits and '-': CJK text around them is a separator.
    [GeneratedRegex("[A-Za-z0-9-]+")]
    private static partial Regex TokenPattern();

    private static string? ExpectedTxIdShape(string network, string txId)
    {
        if (Evm.Contains(network))
        {
            return EvmTx().IsMatch(txId) ? null : $"A {network} transaction id is 0x followed by 64 hex digits.";
        }

        if (Hex64.Contains(network))
        {
            return HexTx().IsMatch(txId) ? null : $"A {network} transaction id is 64 hex digits.";
        }

        if (Base58Signature.Contains(network))
        {
            return SolanaTx().IsMatch(txId) ? null : $"A {network} transaction signature is 86–88 base58 characters.";
        }

        return GenericTx().IsMatch(txId) ? null : "The transaction id must be 16–128 letters, digits, ':' , '-' or '_'.";
    }

    [GeneratedRegex("^[A-Za-z0-9]{2,12}$")]
    private static partial Regex AssetPattern();

    [GeneratedRegex("^[A-Za-z0-9-]{2,20}$")]
    private static partial Regex NetworkPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]{64}$")]
    private static partial Regex EvmTx();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexTx();

    [GeneratedRegex("^[1-9A-HJ-NP-Za-km-z]{86,88}$")]
    private static partial Regex SolanaTx();

    [GeneratedRegex("^[A-Za-z0-9:_-]{16,128}$")]
    private static partial Regex GenericTx();
}

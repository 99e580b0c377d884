using System.Collections.Concurrent;

namespace SupportSdk.Server.Tests.Deposits;

/// <summary>An exchange's deposit lookup for tests: one transaction of each kind, keyed by id; any other id is not on
/// chain, and <see cref="Broken"/> makes it throw. Records every call.</summary>
internal sealed class ScriptedChain : ITransactionLookup
{
    public static readonly string Pending = "0x" + new string('a', 64);
    public static readonly string Credited = new('b', 64);
    public static readonly string MemoMissing = new('c', 64);
    public static readonly string WrongNetwork = "0x" + new string('d', 64);
    public static readonly string Unsupported = "0x" + new string('e', 64);
    public static readonly string Broken = "0x" + new string('f', 64);

    public ConcurrentQueue<(string UserId, string Network, string TxId)> Calls { get; } = new();

    public Task<DepositLookup> LookupAsync(string userId, string network, string txId, CancellationToken cancellationToken)
    {
        Calls.Enqueue((userId, network, txId));
        if (txId == Broken)
        {
            throw new TimeoutException("the node did not answer");
        }

        var at = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        return Task.FromResult(txId switch
        {
            _ when txId == Pending => new DepositLookup { Network = "ERC20", TxId = txId, Status = DepositStatus.Pending, Asset = "USDT", Amount = 250m, Confirmations = 5, RequiredConfirmations = 12, ExpectedCreditAt = at },
            _ when txId == Credited => new DepositLookup { Network = "TRC20", TxId = txId, Status = DepositStatus.Credited, Asset = "USDT", Amount = 100m, CreditedAt = at },
            _ when txId == MemoMissing => new DepositLookup { Network = "XRP", TxId = txId, Status = DepositStatus.NotCredited, Problem = DepositProblem.MemoMissing, Asset = "XRP", Amount = 120m },
            _ when txId == WrongNetwork => new DepositLookup { Network = "BEP20", TxId = txId, Status = DepositStatus.NotCredited, Problem = DepositProblem.WrongNetwork, Asset = "USDT", Amount = 300m },
            _ when txId == Unsupported => new DepositLookup { Network = "ERC20", TxId = txId, Status = DepositStatus.NotCredited, Problem = DepositProblem.UnsupportedToken, Asset = "PEPE2", Amount = 5m },
            _ => new DepositLookup { Network = network, TxId = txId, Status = DepositStatus.NotFound },
        });
    }
}

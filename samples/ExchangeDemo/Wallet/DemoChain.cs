using ExchangeDemo.Accounts;
using SupportSdk;
using SupportSdk.Server;

namespace ExchangeDemo.Wallet;

/// <summary>
/// The demo exchange's deposit lookup over a small made-up chain: each deposit in the demo users' histories is in one
/// state — credited, pending confirmations, or confirmed but not credited (memo missing, wrong network, unsupported
/// token) — and any other transaction is not on chain. A real exchange asks its nodes and its ledger here.
/// </summary>
public sealed class DemoChain(TimeProvider time) : ITransactionLookup
{
    private const int RequiredConfirmations = 12;

    public Task<DepositLookup> LookupAsync(string userId, string network, string txId, CancellationToken cancellationToken)
    {
        var user = DemoUser.Find(userId);
        var transfer = user is null ? null : DemoWallet.Transfers(user)
            .FirstOrDefault(t => t.Direction == TransactionDirection.Deposit && string.Equals(t.TxId, txId, StringComparison.OrdinalIgnoreCase)
                && (network.Length == 0 || string.Equals(t.Network, network, StringComparison.OrdinalIgnoreCase)));
        if (transfer is null)
        {
            return Task.FromResult(new DepositLookup { Network = network, TxId = txId, Status = DepositStatus.NotFound });
        }

        var found = new DepositLookup { Network = transfer.Network, TxId = transfer.TxId, Asset = transfer.Asset, Amount = transfer.Amount };
        return Task.FromResult(transfer.Id switch
        {
            "t-alice-5" => With(found, DepositStatus.NotCredited, DepositProblem.MemoMissing),
            "t-alice-6" => With(found, DepositStatus.NotCredited, DepositProblem.UnsupportedToken),
            "t-lilei-4" => With(found, DepositStatus.NotCredited, DepositProblem.WrongNetwork),
            _ when !transfer.Completed => new DepositLookup
            {
                Network = found.Network, TxId = found.TxId, Asset = found.Asset, Amount = found.Amount, Status = DepositStatus.Pending,
                Confirmations = 8, RequiredConfirmations = RequiredConfirmations, ExpectedCreditAt = time.GetUtcNow().AddMinutes(1),
            },
            _ => new DepositLookup
            {
                Network = found.Network, TxId = found.TxId, Asset = found.Asset, Amount = found.Amount, Status = DepositStatus.Credited,
                Confirmations = RequiredConfirmations, RequiredConfirmations = RequiredConfirmations, CreditedAt = transfer.At.AddMinutes(4),
            },
        });
    }

    private static DepositLookup With(DepositLookup found, string status, string problem) => new()
    {
        Network = found.Network, TxId = found.TxId, Asset = found.Asset, Amount = found.Amount, Status = status, Problem = problem,
        Confirmations = RequiredConfirmations, RequiredConfirmations = RequiredConfirmations,
    };
}

namespace SupportSdk.Server;

/// <summary>
/// The exchange's deposit lookup: what its node and its books say about a transaction a customer sent to their deposit
/// address. Register one in the host's services (a singleton) and the bot, <c>GET /v1/deposits/lookup</c> and new
/// deposit tickets answer "where is my deposit?" on the spot; without one, they do not offer it.
/// </summary>
public interface ITransactionLookup
{
    /// <summary>Looks a deposit up. Fill in <see cref="DepositLookup.Status"/> and what you know (problem, asset,
    /// amount, confirmations, times); the server sets the advice, the next step and the check time.</summary>
    /// <param name="userId">The exchange's user id: whose deposit addresses to match.</param>
    /// <param name="network">The network the customer named (e.g. <c>TRC20</c>), or empty when they did not say: look on every network.</param>
    /// <param name="txId">The transaction id, in the shape of its network.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The lookup.</returns>
    Task<DepositLookup> LookupAsync(string userId, string network, string txId, CancellationToken cancellationToken);
}

using SupportSdk.Core;

namespace SupportSdk;

/// <summary>"Where is my deposit?" (user token): the exchange's own lookup of a transaction sent to the user's deposit
/// address, answered with what the user can do, in their language.</summary>
public class DepositsClient
{
    private readonly SupportPipeline? _pipeline;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected DepositsClient()
    {
    }

    internal DepositsClient(SupportPipeline pipeline) => _pipeline = pipeline;

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Looks a deposit up: not on chain, pending n of m confirmations, credited, or confirmed but not credited
    /// (memo missing, wrong network, unsupported token) — with the advice and the next step.</summary>
    /// <param name="txId">The transaction id (hash) from the sending wallet's history.</param>
    /// <param name="network">The network it was sent on (e.g. <c>TRC20</c>); <see langword="null"/> to look on every network.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lookup.</returns>
    /// <exception cref="SupportApiException">400 <c>validation_failed</c> for a transaction id not shaped like its network's;
    /// 404 <c>deposit_lookup_not_configured</c>; 503 <c>deposit_lookup_unavailable</c> (retry).</exception>
    public virtual Task<DepositLookup> CheckDepositAsync(string txId, string? network = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(txId);
        return Pipeline.SendAsync("Deposits.Lookup", HttpMethod.Get, Query.Path("v1/deposits/lookup").Add("txId", txId.Trim()).Add("network", network?.Trim()).ToString(),
            null, SupportJsonContext.Default.DepositLookup, null, cancellationToken);
    }
}

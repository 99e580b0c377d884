using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using SupportSdk.Server.Http;

namespace SupportSdk.Server.Deposits;

/// <summary>
/// Runs the exchange's <see cref="ITransactionLookup"/> (bounded in time, failures answered 503
/// <c>deposit_lookup_unavailable</c>) and adds what the customer can do, in their language.
/// </summary>
internal sealed class DepositLookups(TimeProvider time, IServiceScopeFactory scopes,
    IServiceProviderIsService services)
{
    /// <summary>How long a lookup may take before the customer is told to try again.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public bool IsConfigured { get; } = services.IsService(typeof(ITransactionLookup));

    /// <exception cref="ApiError">404 <c>deposit_lookup_not_configured</c>, 503 <c>deposit_lookup_unavailable</c>.</exception>
    public async Task<DepositLookup> LookupAsync(string userId, string network, string txId, string locale, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope(); // the exchange's lookup may be scoped or transient
        if (scope.ServiceProvider.GetService(typeof(ITransactionLookup)) is not ITransactionLookup lookup)
        {
            throw new ApiError(404, ErrorCodes.DepositLookupNotConfigured, "This exchange does not look deposits up from support.",
                "Open a ticket with the transaction and an agent will check it.");
        }

        DepositLookup found;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Timeout);
        try
        {
            // Bounded even for a lookup that ignores its token.
            found = await lookup.LookupAsync(userId, network, txId, bounded.Token).WaitAsync(Timeout, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The lookup returned nothing.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new ApiError(503, ErrorCodes.DepositLookupUnavailable, "The deposit could not be checked right now.",
                "Try again in a minute, or open a ticket with the transaction.") { RetryAfter = TimeSpan.FromSeconds(30) };
        }

        return Advise(found, network, txId, locale, time.GetUtcNow());
    }

    /// <summary>The lookup with its next step and advice (the exchange's own advice and next step are replaced).</summary>
    public static DepositLookup Advise(DepositLookup found, string network, string txId, string locale, DateTimeOffset now)
    {
        var zh = locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var status = found.Status is DepositStatus.Pending or DepositStatus.Credited or DepositStatus.NotCredited ? found.Status : DepositStatus.NotFound;
        var shown = found.Network is { Length: > 0 } n ? n : network;
        var what = found.Amount is { } amount ? amount.ToString("0.########", CultureInfo.InvariantCulture) + " " + found.Asset : found.Asset ?? (zh ? "这笔充值" : "this deposit");
        string F(string en, string cn, params object?[] args) => string.Format(CultureInfo.InvariantCulture, zh ? cn : en, args);
        string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : zh ? "稍后" : "soon";
        var (step, advice) = status switch
        {
            DepositStatus.Pending => (DepositNextStep.Wait, F(
                "Your deposit of {0} is on its way: {1} of {2} confirmations on {3}. It will be credited after {2} confirmations, expected by {4}. No need to do anything.",
                "您的 {0} 充值正在确认中：{3} 网络已确认 {1}/{2} 次。达到 {2} 次确认后自动到账，预计 {4} 前到账，无需任何操作。",
                what, found.Confirmations ?? 0, found.RequiredConfirmations ?? 0, shown, When(found.ExpectedCreditAt))),
            DepositStatus.Credited => (DepositNextStep.None, F(
                "This deposit of {0} was credited to your account on {1}. Check your wallet's history for it.",
                "这笔 {0} 充值已于 {1} 到账，请在资产记录中查看。", what, When(found.CreditedAt))),
            DepositStatus.NotCredited => (DepositNextStep.RecoveryTicket, found.Problem switch
            {
                DepositProblem.MemoMissing => F(
                    "Your deposit of {0} arrived, but without the memo (tag) your deposit address needs, so it could not be matched to your account. Open a recovery ticket: this check goes with it as evidence.",
                    "您的 {0} 充值已到达，但缺少充值地址要求的备注（Memo/Tag），无法匹配到您的账户。请提交找回工单，本次查询结果会作为凭证一并附上。", what),
                DepositProblem.WrongNetwork => F(
                    "Your deposit of {0} was sent on {1}, a network this deposit address does not take, so it was not credited. Open a recovery ticket: this check goes with it as evidence.",
                    "您的 {0} 充值通过 {1} 网络发送，而该充值地址不支持此网络，因此未到账。请提交找回工单，本次查询结果会作为凭证一并附上。", what, shown),
                DepositProblem.UnsupportedToken => F(
                    "This transaction sent {0}, a token this exchange does not support, so it was not credited. Open a recovery ticket: this check goes with it as evidence.",
                    "该交易发送的 {0} 是本交易所不支持的代币，因此未到账。请提交找回工单，本次查询结果会作为凭证一并附上。", what),
                _ => F("Your deposit of {0} is confirmed but was not credited. Open a recovery ticket: this check goes with it as evidence.",
                    "您的 {0} 充值已确认但未到账。请提交找回工单，本次查询结果会作为凭证一并附上。", what),
            }),
            _ => (DepositNextStep.CheckDetails, F(
                "This transaction is not on {0}. Check the transaction id and the network in the history of the wallet you sent from; if you sent it moments ago, try again in a few minutes.",
                "在 {0} 网络上找不到这笔交易。请在转出钱包的记录中核对交易哈希和网络；如果刚刚转出，请几分钟后再查。",
                shown.Length > 0 ? shown : zh ? "任何网络" : "any network")),
        };
        return new DepositLookup
        {
            Network = shown,
            TxId = txId,
            Status = status,
            Problem = status == DepositStatus.NotCredited ? found.Problem : null,
            Asset = found.Asset,
            Amount = found.Amount,
            Confirmations = found.Confirmations,
            RequiredConfirmations = found.RequiredConfirmations,
            ExpectedCreditAt = found.ExpectedCreditAt,
            CreditedAt = found.CreditedAt,
            NextStep = step,
            Advice = advice,
            CheckedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()),
        };
    }
}

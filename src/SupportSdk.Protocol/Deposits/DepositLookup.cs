namespace SupportSdk;

/// <summary>What the chain and the exchange's books say about a deposit (<see cref="DepositLookup.Status"/>).</summary>
public static class DepositStatus
{
    /// <summary>The transaction is not on the chain (a typo, another network, or not broadcast yet).</summary>
    public const string NotFound = "not_found";

    /// <summary>On the chain, waiting for confirmations.</summary>
    public const string Pending = "pending";

    /// <summary>Confirmed and credited to the customer's account.</summary>
    public const string Credited = "credited";

    /// <summary>Confirmed but not credited: see <see cref="DepositLookup.Problem"/>.</summary>
    public const string NotCredited = "not_credited";
}

/// <summary>Why a confirmed deposit was not credited (<see cref="DepositLookup.Problem"/>).</summary>
public static class DepositProblem
{
    /// <summary>The memo or tag the deposit address needs was missing or wrong.</summary>
    public const string MemoMissing = "memo_missing";

    /// <summary>Sent on a network this deposit address does not take.</summary>
    public const string WrongNetwork = "wrong_network";

    /// <summary>A token the exchange does not support.</summary>
    public const string UnsupportedToken = "unsupported_token";
}

/// <summary>What the customer can do next (<see cref="DepositLookup.NextStep"/>).</summary>
public static class DepositNextStep
{
    /// <summary>Check the transaction id and network in the sending wallet.</summary>
    public const string CheckDetails = "check_details";

    /// <summary>Wait: it is on its way.</summary>
    public const string Wait = "wait";

    /// <summary>Nothing: it is in the account.</summary>
    public const string None = "none";

    /// <summary>Open a recovery ticket carrying this lookup as evidence.</summary>
    public const string RecoveryTicket = "recovery_ticket";
}

/// <summary>A deposit as the exchange's lookup found it, with what the customer can do about it.</summary>
public sealed class DepositLookup
{
    /// <summary>Gets the network looked on.</summary>
    /// <value>E.g. <c>TRC20</c>.</value>
    public string Network { get; init; } = string.Empty;

    /// <summary>Gets the transaction id looked up.</summary>
    /// <value>The transaction id.</value>
    public string TxId { get; init; } = string.Empty;

    /// <summary>Gets the outcome: one of <see cref="DepositStatus"/>.</summary>
    /// <value>The status.</value>
    public string Status { get; init; } = DepositStatus.NotFound;

    /// <summary>Gets why a confirmed deposit was not credited: one of <see cref="DepositProblem"/>.</summary>
    /// <value>The problem, or <see langword="null"/>.</value>
    public string? Problem { get; init; }

    /// <summary>Gets the asset, when found.</summary>
    /// <value>E.g. <c>USDT</c>, or <see langword="null"/>.</value>
    public string? Asset { get; init; }

    /// <summary>Gets the amount, when found (exact, written as a JSON string).</summary>
    /// <value>The amount, or <see langword="null"/>.</value>
    [System.Text.Json.Serialization.JsonConverter(typeof(DecimalStringJsonConverter))]
    public decimal? Amount { get; init; }

    /// <summary>Gets the confirmations so far, while pending.</summary>
    /// <value>The count, or <see langword="null"/>.</value>
    public int? Confirmations { get; init; }

    /// <summary>Gets the confirmations the exchange needs before it credits.</summary>
    /// <value>The count, or <see langword="null"/>.</value>
    public int? RequiredConfirmations { get; init; }

    /// <summary>Gets when the exchange expects to credit a pending deposit.</summary>
    /// <value>The estimate, or <see langword="null"/>.</value>
    public DateTimeOffset? ExpectedCreditAt { get; init; }

    /// <summary>Gets when it was credited.</summary>
    /// <value>The time, or <see langword="null"/>.</value>
    public DateTimeOffset? CreditedAt { get; init; }

    /// <summary>Gets what the customer can do: one of <see cref="DepositNextStep"/> (set by the server).</summary>
    /// <value>The next step.</value>
    public string NextStep { get; init; } = DepositNextStep.CheckDetails;

    /// <summary>Gets the answer in the customer's language (set by the server).</summary>
    /// <value>The advice.</value>
    public string Advice { get; init; } = string.Empty;

    /// <summary>Gets when the lookup ran (set by the server).</summary>
    /// <value>The time.</value>
    public DateTimeOffset CheckedAt { get; init; }
}

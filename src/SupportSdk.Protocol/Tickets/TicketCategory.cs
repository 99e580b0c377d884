using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>What a ticket is about, in the terms of an exchange's help desk.</summary>
[JsonConverter(typeof(WireValueJsonConverter<TicketCategory>))]
public readonly struct TicketCategory : IWireValue<TicketCategory>, IEquatable<TicketCategory>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public TicketCategory(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>Sign-up, login and account settings.</summary>
    /// <value><c>account</c></value>
    public static TicketCategory Account { get; } = new("account");

    /// <summary>Identity verification (KYC).</summary>
    /// <value><c>verification</c></value>
    public static TicketCategory Verification { get; } = new("verification");

    /// <summary>A deposit that is missing, late or wrong.</summary>
    /// <value><c>deposit</c></value>
    public static TicketCategory Deposit { get; } = new("deposit");

    /// <summary>A withdrawal that is pending, failed or wrong.</summary>
    /// <value><c>withdrawal</c></value>
    public static TicketCategory Withdrawal { get; } = new("withdrawal");

    /// <summary>Orders, trades, positions and liquidations.</summary>
    /// <value><c>trading</c></value>
    public static TicketCategory Trading { get; } = new("trading");

    /// <summary>Trading, deposit and withdrawal fees.</summary>
    /// <value><c>fees</c></value>
    public static TicketCategory Fees { get; } = new("fees");

    /// <summary>Compromised accounts, 2FA, phishing and scams.</summary>
    /// <value><c>security</c></value>
    public static TicketCategory Security { get; } = new("security");

    /// <summary>Anything else.</summary>
    /// <value><c>other</c></value>
    public static TicketCategory Other { get; } = new("other");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<TicketCategory> KnownValues { get; } = [Account, Verification, Deposit, Withdrawal, Trading, Fees, Security, Other];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static TicketCategory FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out TicketCategory result)
    {
        result = value is null ? default : new TicketCategory(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="TicketCategory"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TicketCategory(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TicketCategory left, TicketCategory right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(TicketCategory left, TicketCategory right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TicketCategory other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is TicketCategory other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>Whether a transaction moved funds into or out of the exchange.</summary>
[JsonConverter(typeof(WireValueJsonConverter<TransactionDirection>))]
public readonly struct TransactionDirection : IWireValue<TransactionDirection>, IEquatable<TransactionDirection>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public TransactionDirection(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>Funds coming into the exchange.</summary>
    /// <value><c>deposit</c></value>
    public static TransactionDirection Deposit { get; } = new("deposit");

    /// <summary>Funds leaving the exchange.</summary>
    /// <value><c>withdrawal</c></value>
    public static TransactionDirection Withdrawal { get; } = new("withdrawal");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<TransactionDirection> KnownValues { get; } = [Deposit, Withdrawal];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static TransactionDirection FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out TransactionDirection result)
    {
        result = value is null ? default : new TransactionDirection(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="TransactionDirection"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TransactionDirection(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TransactionDirection left, TransactionDirection right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(TransactionDirection left, TransactionDirection right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TransactionDirection other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is TransactionDirection other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

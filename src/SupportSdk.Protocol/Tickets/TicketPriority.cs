using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>How urgent a ticket is.</summary>
[JsonConverter(typeof(WireValueJsonConverter<TicketPriority>))]
public readonly struct TicketPriority : IWireValue<TicketPriority>, IEquatable<TicketPriority>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public TicketPriority(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>No time pressure.</summary>
    /// <value><c>low</c></value>
    public static TicketPriority Low { get; } = new("low");

    /// <summary>The default.</summary>
    /// <value><c>normal</c></value>
    public static TicketPriority Normal { get; } = new("normal");

    /// <summary>Funds or access are affected.</summary>
    /// <value><c>high</c></value>
    public static TicketPriority High { get; } = new("high");

    /// <summary>Funds at risk right now (e.g. a compromised account).</summary>
    /// <value><c>urgent</c></value>
    public static TicketPriority Urgent { get; } = new("urgent");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<TicketPriority> KnownValues { get; } = [Low, Normal, High, Urgent];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static TicketPriority FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out TicketPriority result)
    {
        result = value is null ? default : new TicketPriority(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="TicketPriority"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TicketPriority(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TicketPriority left, TicketPriority right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(TicketPriority left, TicketPriority right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TicketPriority other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is TicketPriority other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

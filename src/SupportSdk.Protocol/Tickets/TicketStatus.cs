using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>The state of a ticket in its life cycle.</summary>
[JsonConverter(typeof(WireValueJsonConverter<TicketStatus>))]
public readonly struct TicketStatus : IWireValue<TicketStatus>, IEquatable<TicketStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public TicketStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>New, waiting for a first answer from support.</summary>
    /// <value><c>open</c></value>
    public static TicketStatus Open { get; } = new("open");

    /// <summary>Support answered and waits for the customer.</summary>
    /// <value><c>pending_customer</c></value>
    public static TicketStatus PendingCustomer { get; } = new("pending_customer");

    /// <summary>The customer answered and waits for support.</summary>
    /// <value><c>pending_agent</c></value>
    public static TicketStatus PendingAgent { get; } = new("pending_agent");

    /// <summary>Moved to a higher support tier.</summary>
    /// <value><c>escalated</c></value>
    public static TicketStatus Escalated { get; } = new("escalated");

    /// <summary>Support considers the problem solved; the customer may reopen or rate it.</summary>
    /// <value><c>resolved</c></value>
    public static TicketStatus Resolved { get; } = new("resolved");

    /// <summary>Finished; no further replies.</summary>
    /// <value><c>closed</c></value>
    public static TicketStatus Closed { get; } = new("closed");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<TicketStatus> KnownValues { get; } = [Open, PendingCustomer, PendingAgent, Escalated, Resolved, Closed];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static TicketStatus FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out TicketStatus result)
    {
        result = value is null ? default : new TicketStatus(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="TicketStatus"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TicketStatus(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(TicketStatus left, TicketStatus right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(TicketStatus left, TicketStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(TicketStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is TicketStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

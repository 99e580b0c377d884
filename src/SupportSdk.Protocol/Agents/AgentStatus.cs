using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>Whether an agent takes new work: only <c>online</c> agents are assigned chats and tickets automatically.</summary>
[JsonConverter(typeof(WireValueJsonConverter<AgentStatus>))]
public readonly struct AgentStatus : IWireValue<AgentStatus>, IEquatable<AgentStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public AgentStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>At the console and taking new work.</summary>
    /// <value><c>online</c></value>
    public static AgentStatus Online { get; } = new("online");

    /// <summary>At the console, finishing what they have; no new work is assigned.</summary>
    /// <value><c>away</c></value>
    public static AgentStatus Away { get; } = new("away");

    /// <summary>Not working; also what an agent whose console stopped reporting is shown as.</summary>
    /// <value><c>offline</c></value>
    public static AgentStatus Offline { get; } = new("offline");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<AgentStatus> KnownValues { get; } = [Online, Away, Offline];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static AgentStatus FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out AgentStatus result)
    {
        result = value is null ? default : new AgentStatus(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="AgentStatus"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator AgentStatus(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(AgentStatus left, AgentStatus right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(AgentStatus left, AgentStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AgentStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is AgentStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

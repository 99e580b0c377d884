using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>Who wrote a message.</summary>
[JsonConverter(typeof(WireValueJsonConverter<AuthorRole>))]
public readonly struct AuthorRole : IWireValue<AuthorRole>, IEquatable<AuthorRole>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public AuthorRole(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>The exchange's user.</summary>
    /// <value><c>customer</c></value>
    public static AuthorRole Customer { get; } = new("customer");

    /// <summary>A human support agent.</summary>
    /// <value><c>agent</c></value>
    public static AuthorRole Agent { get; } = new("agent");

    /// <summary>The support bot.</summary>
    /// <value><c>bot</c></value>
    public static AuthorRole Bot { get; } = new("bot");

    /// <summary>The support system itself.</summary>
    /// <value><c>system</c></value>
    public static AuthorRole System { get; } = new("system");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<AuthorRole> KnownValues { get; } = [Customer, Agent, Bot, System];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static AuthorRole FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out AuthorRole result)
    {
        result = value is null ? default : new AuthorRole(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="AuthorRole"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator AuthorRole(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(AuthorRole left, AuthorRole right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(AuthorRole left, AuthorRole right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(AuthorRole other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is AuthorRole other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>The state of a live chat.</summary>
[JsonConverter(typeof(WireValueJsonConverter<ChatStatus>))]
public readonly struct ChatStatus : IWireValue<ChatStatus>, IEquatable<ChatStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ChatStatus(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>The bot is answering from the help center; no human is involved yet.</summary>
    /// <value><c>bot</c></value>
    public static ChatStatus Bot { get; } = new("bot");

    /// <summary>Waiting in the queue for a human agent.</summary>
    /// <value><c>queued</c></value>
    public static ChatStatus Queued { get; } = new("queued");

    /// <summary>A human agent has joined.</summary>
    /// <value><c>active</c></value>
    public static ChatStatus Active { get; } = new("active");

    /// <summary>Finished; no further messages.</summary>
    /// <value><c>closed</c></value>
    public static ChatStatus Closed { get; } = new("closed");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<ChatStatus> KnownValues { get; } = [Bot, Queued, Active, Closed];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static ChatStatus FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out ChatStatus result)
    {
        result = value is null ? default : new ChatStatus(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="ChatStatus"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ChatStatus(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ChatStatus left, ChatStatus right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(ChatStatus left, ChatStatus right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ChatStatus other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

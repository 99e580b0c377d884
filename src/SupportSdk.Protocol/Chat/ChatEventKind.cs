using System.ComponentModel;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>The kind of a chat event or frame.</summary>
[JsonConverter(typeof(WireValueJsonConverter<ChatEventKind>))]
public readonly struct ChatEventKind : IWireValue<ChatEventKind>, IEquatable<ChatEventKind>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance from its wire value.</summary>
    /// <param name="value">The wire value; compared case-insensitively and stored in lower case.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ChatEventKind(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value.ToLowerInvariant();
    }

    /// <summary>A message (durable, has a seq).</summary>
    /// <value><c>message</c></value>
    public static ChatEventKind Message { get; } = new("message");

    /// <summary>An agent joined the chat (durable).</summary>
    /// <value><c>agent_joined</c></value>
    public static ChatEventKind AgentJoined { get; } = new("agent_joined");

    /// <summary>The bot handed the chat to the human queue, or an agent transferred it (durable).</summary>
    /// <value><c>handoff</c></value>
    public static ChatEventKind Handoff { get; } = new("handoff");

    /// <summary>The chat was closed (durable).</summary>
    /// <value><c>closed</c></value>
    public static ChatEventKind Closed { get; } = new("closed");

    /// <summary>The server stored a sent message (answers a send).</summary>
    /// <value><c>ack</c></value>
    public static ChatEventKind Ack { get; } = new("ack");

    /// <summary>The other side is typing.</summary>
    /// <value><c>typing</c></value>
    public static ChatEventKind Typing { get; } = new("typing");

    /// <summary>The other side read up to a seq.</summary>
    /// <value><c>read</c></value>
    public static ChatEventKind Read { get; } = new("read");

    /// <summary>Queue position and estimated wait changed.</summary>
    /// <value><c>queue</c></value>
    public static ChatEventKind Queue { get; } = new("queue");

    /// <summary>Keeps the connection alive; carries the latest seq.</summary>
    /// <value><c>heartbeat</c></value>
    public static ChatEventKind Heartbeat { get; } = new("heartbeat");

    /// <summary>The server refused a frame; the connection stays open unless a close follows.</summary>
    /// <value><c>error</c></value>
    public static ChatEventKind Error { get; } = new("error");

    /// <summary>Client to server: send a message.</summary>
    /// <value><c>send</c></value>
    public static ChatEventKind Send { get; } = new("send");

    /// <summary>Gets every value this version of the contract defines.</summary>
    /// <value>The known values, in their documented order.</value>
    public static IReadOnlyList<ChatEventKind> KnownValues { get; } = [Message, AgentJoined, Handoff, Closed, Ack, Typing, Read, Queue, Heartbeat, Error, Send];

    /// <inheritdoc />
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public bool IsKnown => _value is not null && KnownValues.Contains(this);

    /// <inheritdoc />
    public static ChatEventKind FromValue(string value) => new(value);

    /// <summary>Tries to parse a known value.</summary>
    /// <param name="value">The wire value.</param>
    /// <param name="result">The parsed value when known.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a known value.</returns>
    public static bool TryParseKnown(string? value, out ChatEventKind result)
    {
        result = value is null ? default : new ChatEventKind(value);
        return result.IsKnown;
    }

    /// <summary>Converts a string to a <see cref="ChatEventKind"/>.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ChatEventKind(string value) => new(value);

    /// <summary>Compares two values for equality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ChatEventKind left, ChatEventKind right) => left.Equals(right);

    /// <summary>Compares two values for inequality.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(ChatEventKind left, ChatEventKind right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatEventKind other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ChatEventKind other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>Reads and writes an <see cref="IWireValue{TSelf}"/> as a JSON string.</summary>
/// <typeparam name="T">The extensible enum.</typeparam>
public sealed class WireValueJsonConverter<T> : JsonConverter<T> where T : struct, IWireValue<T>
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}.");
        }

        return T.FromValue(reader.GetString()!);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.Value);
    }
}

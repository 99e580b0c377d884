using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SupportSdk;

/// <summary>
/// Money on the wire, exactly: a <see cref="decimal"/> written as a JSON string (<c>"1234567.000000000000000001"</c>,
/// as exchanges' own APIs write amounts, so no JSON library on the way turns it into a binary double) and read from a
/// string or a number. Either form must be a JSON number (<c>-</c>, digits, an optional fraction and exponent; no
/// spaces, <c>+</c>, leading zeros or thousands separators), and a value <see cref="decimal"/> cannot hold exactly
/// (more than 28 significant digits, or out of range) is refused with a <see cref="JsonException"/>, never rounded.
/// </summary>
public sealed class DecimalStringJsonConverter : JsonConverter<decimal>
{
    private const int MaxLength = 64;

    /// <inheritdoc />
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException("Expected an amount as a JSON string or number.");
        }

        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > MaxLength)
        {
            throw new JsonException($"An amount is at most {MaxLength} characters.");
        }

        Span<byte> text = stackalloc byte[MaxLength];
        if (reader.TokenType == JsonTokenType.String)
        {
            text = text[..reader.CopyString(text)];
        }
        else if (reader.HasValueSequence)
        {
            reader.ValueSequence.CopyTo(text);
            text = text[..(int)length];
        }
        else
        {
            reader.ValueSpan.CopyTo(text);
            text = text[..(int)length];
        }

        if (!IsJsonNumber(text) || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new JsonException("An amount must be a decimal number such as \"1234.5\" within the range of decimal.");
        }

        Span<byte> written = stackalloc byte[MaxLength];
        if (!value.TryFormat(written, out var count, default, CultureInfo.InvariantCulture) || !SameDigits(text, written[..count]))
        {
            throw new JsonException("The amount has more significant digits than a decimal holds (28); it was not rounded.");
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[MaxLength];
        value.TryFormat(text, out var count, default, CultureInfo.InvariantCulture); // at most 31 characters: never fails
        writer.WriteStringValue(text[..count]);
    }

    /// <summary>RFC 8259's number: <c>-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</c>.</summary>
    private static bool IsJsonNumber(ReadOnlySpan<byte> s)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit((char)s[i]))
        {
            i++;
        }

        if (i == start || (s[start] == '0' && i - start > 1))
        {
            return false;
        }

        if (i < s.Length && s[i] == '.' && !Digits(s, ref i))
        {
            return false;
        }

        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            if (i + 1 < s.Length && s[i + 1] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (!Digits(s, ref i))
            {
                return false;
            }
        }

        return i == s.Length;

        // Skips the marker at s[i] and the digits after it; false when there are none.
        static bool Digits(ReadOnlySpan<byte> s, ref int i)
        {
            var first = ++i;
            while (i < s.Length && char.IsAsciiDigit((char)s[i]))
            {
                i++;
            }

            return i > first;
        }
    }

    /// <summary>
    /// Whether the parsed value kept every significant digit of the text: the digits from the first to the last
    /// non-zero one of the mantissa (sign, point, exponent, leading and trailing zeros aside) are the same sequence in
    /// both; a rounded or underflowed value has lost some.
    /// </summary>
    private static bool SameDigits(ReadOnlySpan<byte> text, ReadOnlySpan<byte> formatted)
    {
        var a = Significant(text);
        var b = Significant(formatted);
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && a[i] == '.')
            {
                i++;
            }

            while (j < b.Length && b[j] == '.')
            {
                j++;
            }

            if (i == a.Length || j == b.Length)
            {
                return i == a.Length && j == b.Length;
            }

            if (a[i++] != b[j++])
            {
                return false;
            }
        }
    }

    private static ReadOnlySpan<byte> Significant(ReadOnlySpan<byte> number)
    {
        var exponent = number.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = exponent >= 0 ? number[..exponent] : number;
        var first = mantissa.IndexOfAnyInRange((byte)'1', (byte)'9');
        return first < 0 ? default : mantissa[first..(mantissa.LastIndexOfAnyInRange((byte)'1', (byte)'9') + 1)];
    }
}

using System.Globalization;
using System.Text;

namespace SupportSdk.Channels;

/// <summary>
/// A minimal RFC 8785-style JSON writer for the manifest: strings escape only <c>"</c>, <c>\</c> and control
/// characters (<c>\b \f \n \r \t</c> short forms, otherwise <c>\u00xx</c> lower-case hex); everything else,
/// including non-ASCII, is written as raw UTF-8. No whitespace. The caller writes object keys in ordinal order.
/// </summary>
internal sealed class CanonicalJson
{
    private readonly StringBuilder _text = new();

    public CanonicalJson Raw(char c)
    {
        _text.Append(c);
        return this;
    }

    public CanonicalJson Key(string name, bool first = false)
    {
        if (!first)
        {
            _text.Append(',');
        }

        String(name);
        _text.Append(':');
        return this;
    }

    public CanonicalJson String(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\b': _text.Append("\\b"); break;
                case '\f': _text.Append("\\f"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _text.Append(c);
                    }

                    break;
            }
        }

        _text.Append('"');
        return this;
    }

    public CanonicalJson Number(long value)
    {
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CanonicalJson Timestamp(DateTimeOffset value) =>
        String(value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));

    public CanonicalJson StringArray(IReadOnlyList<string> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        _text.Append('[');
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            String(values[i] ?? throw new ArgumentException($"{name} contains null.", name));
        }

        _text.Append(']');
        return this;
    }

    public byte[] ToUtf8()
    {
        // Lone surrogates cannot be encoded deterministically: refuse them.
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            return encoding.GetBytes(_text.ToString());
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("The manifest contains an unpaired surrogate.", ex);
        }
    }
}

using System.Text;
using System.Text.Json;

namespace SupportSdk.LiveChat;

/// <summary>
/// Reads one server frame from its UTF-8 bytes with a <see cref="Utf8JsonReader"/>: the frame, its strings and
/// nothing else. Kept for speed only: the generated serializer treats <see cref="ChatFrame"/>'s init-only properties
/// as constructor arguments (a boxed argument array, a read stack, an argument state) and, in this reader's place,
/// measured 2,503 B per chat message against 776 B, over the 1 KB target (<c>chat</c>, RESULTS.md, "Shortcuts kept for
/// speed"). Anything it is not sure about — an unknown or differently spelled property, an escaped name, a null where
/// a value belongs, a number out of range, invalid JSON — goes to the generated serializer instead, so the result (or
/// the <see cref="JsonException"/>) is exactly the serializer's.
/// </summary>
internal static class ChatFrameReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    /// <summary>Reads one whole frame into <paramref name="frame"/>; false for a JSON <c>null</c>. Throws
    /// <see cref="JsonException"/> as the serializer does.</summary>
    /// <param name="utf8">One whole frame.</param>
    /// <param name="frame">Cleared, then filled.</param>
    /// <param name="knownIds">Looks up a clientMessageId among this session's sends, so that an ack or an echo of our
    /// own message reuses the id and text strings the outbox already holds; null to always allocate.</param>
    public static bool Read(ReadOnlySpan<byte> utf8, InboundFrame frame, ChatOutbox? knownIds = null)
    {
        try
        {
            if (TryRead(utf8, frame, knownIds))
            {
                return true;
            }
        }
        catch (JsonException)
        {
            // Invalid JSON: let the serializer say so, in its words.
        }

        if (JsonSerializer.Deserialize(utf8, ChatJsonContext.Default.ChatFrame) is not { } parsed)
        {
            return false;
        }

        frame.Assign(parsed);
        return true;
    }

    /// <summary>The fast path; false hands the frame to the serializer (and leaves <paramref name="frame"/> partly filled).</summary>
    internal static bool TryRead(ReadOnlySpan<byte> utf8, InboundFrame frame, ChatOutbox? knownIds)
    {
        frame.Clear();
        var reader = new Utf8JsonReader(utf8, Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        PendingSend? ours = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var name = reader.ValueSpan;
            if (!reader.Read())
            {
                return false;
            }

            if (!TryReadProperty(name, ref reader, frame, knownIds, ref ours))
            {
                return false;
            }
        }

        // The object must have ended, with nothing but whitespace after it (Read throws on anything else).
        return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
    }

    /// <summary>One property of the frame, by its exact camelCase name; false for any other name or an unexpected
    /// value (the field may then be half set: the serializer's frame replaces it).</summary>
    private static bool TryReadProperty(ReadOnlySpan<byte> name, ref Utf8JsonReader reader, InboundFrame frame, ChatOutbox? knownIds, ref PendingSend? ours)
    {
        bool ok;
        if (name.SequenceEqual("type"u8))
        {
            ok = TryWireValue(ref reader, out ChatEventKind type);
            frame.Type = type;
        }
        else if (name.SequenceEqual("seq"u8))
        {
            ok = TryInt64(ref reader, out var seq);
            frame.Seq = seq;
        }
        else if (name.SequenceEqual("id"u8))
        {
            ok = TryString(ref reader, out var id);
            frame.Id = id;
        }
        else if (name.SequenceEqual("clientMessageId"u8))
        {
            ok = TryClientMessageId(ref reader, knownIds, out var clientMessageId, out ours);
            frame.ClientMessageId = clientMessageId;
        }
        else if (name.SequenceEqual("from"u8))
        {
            ok = TryAuthor(ref reader, frame.LastFrom, out var from);
            frame.From = from;
            frame.LastFrom = from ?? frame.LastFrom;
        }
        else if (name.SequenceEqual("text"u8))
        {
            ok = TryText(ref reader, ours, out var text);
            frame.Text = text;
        }
        else if (name.SequenceEqual("sentAt"u8))
        {
            ok = TryDate(ref reader, out var sentAt);
            frame.SentAt = sentAt;
        }
        else if (name.SequenceEqual("flags"u8))
        {
            ok = TryStrings(ref reader, out var flags);
            frame.Flags = flags;
        }
        else if (name.SequenceEqual("article"u8))
        {
            ok = TryArticle(ref reader, out var article);
            frame.Article = article;
        }
        else if (name.SequenceEqual("quickReplies"u8))
        {
            ok = TryStrings(ref reader, out var quickReplies);
            frame.QuickReplies = quickReplies;
        }
        else if (name.SequenceEqual("deposit"u8))
        {
            ok = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.Null;
            frame.Deposit = ok ? JsonSerializer.Deserialize(ref reader, SupportJsonContext.Default.DepositLookup) : null;
        }
        else if (name.SequenceEqual("antiPhishingCode"u8))
        {
            ok = TryString(ref reader, out var code);
            frame.AntiPhishingCode = code;
        }
        else if (name.SequenceEqual("upToSeq"u8))
        {
            ok = TryInt64(ref reader, out var upToSeq);
            frame.UpToSeq = upToSeq;
        }
        else if (name.SequenceEqual("position"u8))
        {
            ok = TryInt32(ref reader, out var position);
            frame.Position = position;
        }
        else if (name.SequenceEqual("estimatedWaitSeconds"u8))
        {
            ok = TryInt32(ref reader, out var estimatedWaitSeconds);
            frame.EstimatedWaitSeconds = estimatedWaitSeconds;
        }
        else if (name.SequenceEqual("reason"u8))
        {
            ok = TryString(ref reader, out var reason);
            frame.Reason = reason;
        }
        else if (name.SequenceEqual("code"u8))
        {
            ok = TryString(ref reader, out var code);
            frame.Code = code;
        }
        else if (name.SequenceEqual("retryAfterMs"u8))
        {
            ok = TryInt32(ref reader, out var retryAfterMs);
            frame.RetryAfterMs = retryAfterMs;
        }
        else
        {
            ok = false;
        }

        return ok;
    }

    private static bool TryString(ref Utf8JsonReader reader, out string? value)
    {
        value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return reader.TokenType is JsonTokenType.String or JsonTokenType.Null;
    }

    private static bool TryClientMessageId(ref Utf8JsonReader reader, ChatOutbox? knownIds, out string? value, out PendingSend? ours)
    {
        ours = reader.TokenType == JsonTokenType.String ? knownIds?.Find(ref reader) : null;
        if (ours is not null)
        {
            value = ours.ClientMessageId;
            return true;
        }

        return TryString(ref reader, out value);
    }

    /// <summary>The echo of our own message usually carries the text we sent: then that string is reused.</summary>
    private static bool TryText(ref Utf8JsonReader reader, PendingSend? ours, out string? value)
    {
        if (ours is not null && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(ours.Text))
        {
            value = ours.Text;
            return true;
        }

        return TryString(ref reader, out value);
    }

    private static bool TryInt64(ref Utf8JsonReader reader, out long? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var number))
        {
            return false;
        }

        value = number;
        return true;
    }

    private static bool TryInt32(ref Utf8JsonReader reader, out int? value)
    {
        var ok = TryInt64(ref reader, out var number) && number is null or (>= int.MinValue and <= int.MaxValue);
        value = ok ? (int?)number : null;
        return ok;
    }

    private static bool TryDate(ref Utf8JsonReader reader, out DateTimeOffset? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var date))
        {
            return false;
        }

        value = date;
        return true;
    }

    /// <summary>A known value (kind, role) without a string; any other value as the converter makes it.</summary>
    private static bool TryWireValue<T>(ref Utf8JsonReader reader, out T value)
        where T : struct, IWireValue<T>
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            var span = reader.ValueSpan;
            var known = T.KnownValues;
            for (var i = 0; i < known.Count; i++)
            {
                if (Ascii.Equals(span, known[i].Value))
                {
                    value = known[i];
                    return true;
                }
            }
        }

        value = T.FromValue(reader.GetString()!);
        return true;
    }

    /// <summary>The author; the <paramref name="previous"/> instance again (authors are immutable) when role and name
    /// are the same, as they are for every message of one side of a conversation.</summary>
    private static bool TryAuthor(ref Utf8JsonReader reader, Author? previous, out Author? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        AuthorRole role = default;
        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var property = reader.ValueSpan;
            if (!reader.Read())
            {
                return false;
            }

            var ok = property.SequenceEqual("role"u8) ? TryWireValue(ref reader, out role)
                : property.SequenceEqual("name"u8) && reader.TokenType == JsonTokenType.String && TryName(ref reader, previous, out name);
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        value = previous is not null && previous.Role == role && ReferenceEquals(previous.Name, name) ? previous
            : name is null ? new Author { Role = role }
            : new Author { Role = role, Name = name };
        return true;
    }

    private static bool TryName(ref Utf8JsonReader reader, Author? previous, out string? name)
    {
        if (previous is not null && reader.ValueTextEquals(previous.Name))
        {
            name = previous.Name;
            return true;
        }

        return TryString(ref reader, out name);
    }

    private static bool TryArticle(ref Utf8JsonReader reader, out ChatArticle? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        string? id = null, title = null, url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped)
            {
                return false;
            }

            var property = reader.ValueSpan;
            if (!reader.Read())
            {
                return false;
            }

            var ok = property.SequenceEqual("id"u8) ? reader.TokenType == JsonTokenType.String && TryString(ref reader, out id)
                : property.SequenceEqual("title"u8) ? reader.TokenType == JsonTokenType.String && TryString(ref reader, out title)
                : property.SequenceEqual("url"u8) && TryString(ref reader, out url);
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        value = new ChatArticle { Id = id ?? string.Empty, Title = title ?? string.Empty, Url = url };
        return true;
    }

    private static bool TryStrings(ref Utf8JsonReader reader, out IReadOnlyList<string>? value)
    {
        value = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        List<string>? items = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            (items ??= []).Add(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        value = items is null ? Array.Empty<string>() : items;
        return true;
    }
}

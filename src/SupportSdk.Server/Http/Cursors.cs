using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace SupportSdk.Server.Http;

/// <summary>Opaque list cursors (<c>?limit=&amp;cursor=</c>) and limits, with 400s for anything malformed.</summary>
internal static class Cursors
{
    public static string Encode(string list, string position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(list + ":" + position));

    /// <summary>The position inside a cursor for this list, or <see langword="null"/> for the first page.</summary>
    public static string? Decode(HttpRequest request, string list, Func<string, bool> isValidPosition)
    {
        var cursor = request.Query["cursor"].ToString();
        if (cursor.Length == 0)
        {
            return null;
        }

        string text;
        try
        {
            text = cursor.Length > 200 ? string.Empty : Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            text = string.Empty;
        }

        var prefix = list + ":";
        if (!text.StartsWith(prefix, StringComparison.Ordinal) || !isValidPosition(text[prefix.Length..]))
        {
            throw new ApiError(400, ErrorCodes.InvalidCursor, "The cursor is not valid for this list.", "Pass back the nextCursor of the previous page unchanged.");
        }

        return text[prefix.Length..];
    }

    public static int Limit(HttpRequest request, int defaultLimit = 20, int max = 100)
    {
        var raw = request.Query["limit"].ToString();
        if (raw.Length == 0)
        {
            return defaultLimit;
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max
            ? limit
            : throw ApiError.Query("limit", $"Use a whole number from 1 to {max}.");
    }

    public static T? Enum<T>(HttpRequest request, string name) where T : struct, IWireValue<T>
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        var value = T.FromValue(raw);
        return value.IsKnown ? value : throw ApiError.Query(name, $"Unknown value; use one of: {string.Join(", ", T.KnownValues)}.");
    }
}

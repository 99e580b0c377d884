using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Html;

namespace ExchangeDemo.Localization;

/// <summary>
/// A moment as a <c>&lt;time&gt;</c> element: the exact UTC time in <c>datetime</c>, UTC as the text the page starts
/// with, and <c>site.js</c> rewrites it in the visitor's own time zone with the zone named. The server never guesses
/// the visitor's zone from its own.
/// </summary>
public static class LocalTime
{
    /// <summary>Date and time.</summary>
    public static HtmlString Tag(DateTimeOffset at) => Render(at, "datetime", "yyyy-MM-dd HH:mm 'UTC'");

    /// <summary>Time of day only (chat lines).</summary>
    public static HtmlString TimeOfDay(DateTimeOffset at) => Render(at, "time", "HH:mm 'UTC'");

    private static HtmlString Render(DateTimeOffset at, string style, string format)
    {
        var utc = at.ToUniversalTime();
        var iso = utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new HtmlString($"<time datetime=\"{iso}\" data-local=\"{style}\">{WebUtility.HtmlEncode(utc.ToString(format, CultureInfo.InvariantCulture))}</time>");
    }
}

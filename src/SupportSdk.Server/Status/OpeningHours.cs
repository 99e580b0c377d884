namespace SupportSdk.Server.Status;

/// <summary>The configured support hours.</summary>
internal static class OpeningHours
{
    /// <summary>Whether <paramref name="now"/> falls in the configured support hours (holidays closed), in the configured time zone.</summary>
    public static bool IsOpen(SupportServerOptions options, DateTimeOffset now) => BusinessCalendar.From(options).IsOpen(now);
}

namespace SupportSdk.Server.Status;

/// <summary>The configured support hours.</summary>
internal static class OpeningHours
{
    /// <summary>Whether <paramref name="now"/> falls in the configured support hours, in the configured time zone.</summary>
    public static bool IsOpen(SupportServerOptions options, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(options.SupportTimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return options.SupportDays.Contains(local.DayOfWeek)
            && local.Hour >= options.SupportOpensAtHour && local.Hour < options.SupportClosesAtHour;
    }
}

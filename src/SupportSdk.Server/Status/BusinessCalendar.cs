namespace SupportSdk.Server.Status;

/// <summary>
/// Support's business hours as a calendar: a time zone, the staffed days, the hours they open and close, and
/// holidays (dates in that zone when nobody works). It answers whether a moment is inside those hours, when they
/// next begin, and how business time adds up — the time response targets are measured in. Hours are wall-clock
/// hours in the zone, so a day with a daylight-saving change is an hour shorter or longer in real time; an opening
/// hour that the change skips opens at the change, and one that happens twice opens the first time.
/// </summary>
internal sealed class BusinessCalendar
{
    /// <summary>How far ahead the calendar looks: longer than any target, finite for a calendar without hours.</summary>
    private const int MaxDays = 3 * 366;

    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _days;
    private readonly int _opens;
    private readonly int _closes;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<DayOfWeek> days, int opensAtHour, int closesAtHour, IEnumerable<DateOnly> holidays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(opensAtHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(closesAtHour, 24);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(closesAtHour, opensAtHour);
        _zone = zone;
        _days = [.. days];
        _opens = opensAtHour;
        _closes = closesAtHour;
        _holidays = [.. holidays];
    }

    /// <summary>The calendar the options describe (<c>SupportTimeZone</c>, <c>SupportDays</c>, the hours, <c>SupportHolidays</c>).</summary>
    public static BusinessCalendar From(SupportServerOptions options) =>
        new(TimeZoneInfo.TryFindSystemTimeZoneById(options.SupportTimeZone, out var zone) ? zone : TimeZoneInfo.Utc,
            options.SupportDays, options.SupportOpensAtHour, options.SupportClosesAtHour, options.SupportHolidays);

    /// <summary>Every hour of every day (a 24/7 schedule): business time is real time.</summary>
    public static BusinessCalendar AroundTheClock { get; } = new(TimeZoneInfo.Utc, Enum.GetValues<DayOfWeek>(), 0, 24, []);

    public TimeZoneInfo Zone => _zone;

    /// <summary>Whether <paramref name="at"/> is inside business hours.</summary>
    public bool IsOpen(DateTimeOffset at) => Intervals(at).Select(i => (DateTimeOffset?)i.Start).FirstOrDefault() <= at;

    /// <summary><paramref name="at"/> itself when open, else when business hours next begin; null when they never do.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset at) => Intervals(at).Select(i => (DateTimeOffset?)(i.Start > at ? i.Start : at)).FirstOrDefault();

    /// <summary>The moment <paramref name="business"/> of business time after <paramref name="start"/>.</summary>
    /// <exception cref="InvalidOperationException">The calendar has too few hours in the next three years.</exception>
    public DateTimeOffset Add(DateTimeOffset start, TimeSpan business) =>
        TryAdd(start, business) ?? throw new InvalidOperationException($"The support calendar has fewer than {business} of business hours in the next {MaxDays} days.");

    /// <summary>As <see cref="Add"/>; null when the calendar has too few hours in the next three years.</summary>
    public DateTimeOffset? TryAdd(DateTimeOffset start, TimeSpan business)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(business, TimeSpan.Zero);
        var left = business;
        foreach (var (open, close) in Intervals(start))
        {
            var from = open > start ? open : start;
            if (left <= close - from)
            {
                return from + left;
            }

            left -= close - from;
        }

        return null;
    }

    /// <summary>The business time between two moments (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }

        foreach (var (open, close) in Intervals(from))
        {
            if (open >= to)
            {
                break;
            }

            total += (close < to ? close : to) - (open > from ? open : from);
        }

        return total;
    }

    /// <summary>The business-hour intervals that end after <paramref name="at"/>, in order, for <see cref="MaxDays"/> days.</summary>
    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Intervals(DateTimeOffset at)
    {
        // From the day before: a moment just after local midnight may still be in the previous day's hours on a day
        // whose clock went back.
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, _zone).DateTime).AddDays(-1);
        for (var i = 0; i <= MaxDays; i++)
        {
            var day = first.AddDays(i);
            if (!_days.Contains(day.DayOfWeek) || _holidays.Contains(day))
            {
                continue;
            }

            var start = Instant(day.ToDateTime(TimeOnly.MinValue).AddHours(_opens));
            var end = Instant(day.ToDateTime(TimeOnly.MinValue).AddHours(_closes));
            if (end > at && end > start)
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>A wall-clock time in the zone as an instant: a time the clock skipped is the moment it jumped; a
    /// time that happened twice is the first.</summary>
    private DateTimeOffset Instant(DateTime local)
    {
        var skipped = 0;
        while (_zone.IsInvalidTime(local) && skipped++ < 24 * 60)
        {
            local = local.AddMinutes(1);
        }

        var offset = _zone.IsAmbiguousTime(local) ? _zone.GetAmbiguousTimeOffsets(local).Max() : _zone.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }
}

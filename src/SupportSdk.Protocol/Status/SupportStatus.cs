namespace SupportSdk;

/// <summary>Whether support is staffed now, and what customers can expect.</summary>
public sealed class SupportStatus
{
    /// <summary>Gets whether now is within support hours.</summary>
    /// <value><see langword="true"/> when open.</value>
    public bool IsOpen { get; init; }

    /// <summary>Gets when support hours next begin, while they are closed (after hours, a day off or a holiday).</summary>
    /// <value>The moment, or <see langword="null"/> while open.</value>
    public DateTimeOffset? NextOpensAt { get; init; }

    /// <summary>Gets the support hours.</summary>
    /// <value>The hours.</value>
    public SupportHours Hours { get; init; } = new();

    /// <summary>Gets how many agents were active in the last five minutes.</summary>
    /// <value>The count.</value>
    public int AgentsOnline { get; init; }

    /// <summary>Gets the number of tickets waiting for support.</summary>
    /// <value>The count.</value>
    public int TicketsWaiting { get; init; }

    /// <summary>Gets the published first-response targets, per priority.</summary>
    /// <value>The targets.</value>
    public IReadOnlyList<ResponseTarget> ResponseTargets { get; init; } = [];
}

/// <summary>When support is staffed.</summary>
public sealed class SupportHours
{
    /// <summary>Gets the IANA time zone the hours are in.</summary>
    /// <value>The time zone id, e.g. <c>UTC</c>.</value>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Gets the first hour of the day support is open (0–23).</summary>
    /// <value>The opening hour.</value>
    public int OpensAtHour { get; init; }

    /// <summary>Gets the hour support closes (1–24; 24 with 0 means around the clock).</summary>
    /// <value>The closing hour.</value>
    public int ClosesAtHour { get; init; } = 24;

    /// <summary>Gets the days support is open, e.g. <c>monday</c>.</summary>
    /// <value>The days.</value>
    public IReadOnlyList<string> Days { get; init; } = [];

    /// <summary>Gets the coming holidays (dates in <see cref="TimeZone"/> when support is closed), at most 20.</summary>
    /// <value>Dates as <c>yyyy-MM-dd</c>, soonest first.</value>
    public IReadOnlyList<string> Holidays { get; init; } = [];
}

/// <summary>A published response-time target.</summary>
public sealed class ResponseTarget
{
    /// <summary>Gets the ticket priority the target applies to.</summary>
    /// <value>The priority.</value>
    public TicketPriority Priority { get; init; }

    /// <summary>Gets the target time to a first answer, in minutes of business time (support hours only).</summary>
    /// <value>Minutes.</value>
    public int FirstResponseMinutes { get; init; }
}

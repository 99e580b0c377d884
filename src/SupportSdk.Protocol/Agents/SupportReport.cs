namespace SupportSdk;

/// <summary>How support did over a date range: per agent, per category and in total, for the tickets opened in it.</summary>
public sealed class SupportReport
{
    /// <summary>Gets the first day of the range (UTC).</summary>
    /// <value>The date, <c>yyyy-MM-dd</c>.</value>
    public string From { get; init; } = string.Empty;

    /// <summary>Gets the last day of the range (UTC), included.</summary>
    /// <value>The date, <c>yyyy-MM-dd</c>.</value>
    public string To { get; init; } = string.Empty;

    /// <summary>Gets whether the range held more tickets than a report reads (the figures are of the first ones).</summary>
    /// <value><see langword="true"/> when cut short.</value>
    public bool Truncated { get; init; }

    /// <summary>Gets all tickets of the range together.</summary>
    /// <value>The totals.</value>
    public SupportReportRow Total { get; init; } = new();

    /// <summary>Gets one row per assigned agent (<c>unassigned</c> for tickets nobody held), by name.</summary>
    /// <value>The rows.</value>
    public IReadOnlyList<SupportReportRow> Agents { get; init; } = [];

    /// <summary>Gets one row per ticket category, by name.</summary>
    /// <value>The rows.</value>
    public IReadOnlyList<SupportReportRow> Categories { get; init; } = [];
}

/// <summary>One row of a <see cref="SupportReport"/>. Times are wall-clock minutes, as the customer waited.</summary>
public sealed class SupportReportRow
{
    /// <summary>Gets what the row is about: an agent's name, a category, or <c>all</c>.</summary>
    /// <value>The key.</value>
    public string Key { get; init; } = string.Empty;

    /// <summary>Gets how many tickets were opened in the range.</summary>
    /// <value>The count.</value>
    public int Tickets { get; init; }

    /// <summary>Gets how many of them are resolved or closed.</summary>
    /// <value>The count.</value>
    public int Resolved { get; init; }

    /// <summary>Gets the median time from opening to support's first reply.</summary>
    /// <value>Minutes, or <see langword="null"/> when none was answered.</value>
    public double? MedianFirstReplyMinutes { get; init; }

    /// <summary>Gets the median time from opening to resolution.</summary>
    /// <value>Minutes, or <see langword="null"/> when none was resolved.</value>
    public double? MedianResolutionMinutes { get; init; }

    /// <summary>Gets the share of tickets with an SLA whose targets were all met so far.</summary>
    /// <value>0 to 1, or <see langword="null"/> when none had an SLA.</value>
    public double? SlaAttainment { get; init; }

    /// <summary>Gets the average customer rating (1–5).</summary>
    /// <value>The average, or <see langword="null"/> when none was rated.</value>
    public double? Csat { get; init; }

    /// <summary>Gets how many tickets were rated.</summary>
    /// <value>The count.</value>
    public int Ratings { get; init; }
}

using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Agents;

/// <summary><c>GET /v1/agent/reports?from=&amp;to=</c>: first-reply and resolution times, SLA attainment and CSAT per
/// agent, per category and in total, over the tickets opened in a range of UTC days.</summary>
internal static class ReportEndpoints
{
    public const int MaxDays = 92;
    public const int MaxTickets = 50_000;
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2999, 12, 31);

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/agent/reports", ReportAsync).Allow(PrincipalKinds.Agent).WithTags("Agent").Produces<SupportReport>().WithName("AgentReport");

    private static async Task<IResult> ReportAsync(HttpContext http, ITicketStore store, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var to = Date(http.Request, "to") ?? today;
        var from = Date(http.Request, "from") ?? (to.DayNumber - Earliest.DayNumber >= 6 ? to.AddDays(-6) : Earliest);
        if (from > to || to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw ApiError.Query("from", $"from must be on or before to, at most {MaxDays} days apart.");
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var tickets = await store.ListTicketsCreatedBetweenAsync(start, end, MaxTickets + 1, http.RequestAborted).ConfigureAwait(false);
        var counted = tickets.Take(MaxTickets).ToList();
        var report = new SupportReport
        {
            From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Truncated = tickets.Count > MaxTickets,
            Total = Row("all", counted),
            Agents = [.. counted.GroupBy(t => t.Assignee ?? "unassigned", StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(g.Key, [.. g]))],
            Categories = [.. counted.GroupBy(t => t.Category.Value, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Row(g.Key, [.. g]))],
        };
        return TypedResults.Json(report, WireJson.Support.SupportReport);
    }

    private static DateOnly? Date(HttpRequest request, string name)
    {
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return null;
        }

        return DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date >= Earliest && date <= Latest
            ? date
            : throw ApiError.Query(name, "A date as yyyy-MM-dd (UTC), from 2000-01-01 to 2999-12-31.");
    }

    public static SupportReportRow Row(string key, IReadOnlyList<Ticket> tickets)
    {
        var withSla = tickets.Where(t => t.Sla is not null).ToList();
        var rated = tickets.Where(t => t.Rating is not null).ToList();
        return new SupportReportRow
        {
            Key = key,
            Tickets = tickets.Count,
            Resolved = tickets.Count(t => t.Status == TicketStatus.Resolved || t.Status == TicketStatus.Closed),
            MedianFirstReplyMinutes = Median(tickets.Where(t => t.Sla?.FirstReplyAt is not null).Select(t => (t.Sla!.FirstReplyAt!.Value - t.CreatedAt).TotalMinutes)),
            MedianResolutionMinutes = Median(tickets.Where(t => t.Sla?.ResolvedAt is not null).Select(t => (t.Sla!.ResolvedAt!.Value - t.CreatedAt).TotalMinutes)),
            SlaAttainment = withSla.Count == 0 ? null : Math.Round((double)withSla.Count(t => !t.Sla!.Breached) / withSla.Count, 4),
            Csat = rated.Count == 0 ? null : Math.Round(rated.Average(t => t.Rating!.Score), 2),
            Ratings = rated.Count,
        };
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return Math.Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2, 1);
    }
}

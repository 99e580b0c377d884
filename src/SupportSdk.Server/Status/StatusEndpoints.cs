using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Http;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Status;

internal static class StatusEndpoints
{
    private static readonly TicketStatus[] Waiting = [TicketStatus.Open, TicketStatus.PendingAgent, TicketStatus.Escalated];

    public static void Map(RouteGroupBuilder v1) =>
        v1.MapGet("/status", GetAsync).WithTags("Status").Produces<SupportStatus>().WithName("GetSupportStatus");

    private static async Task<IResult> GetAsync(HttpContext http, IOptions<SupportServerOptions> options, AgentPresence presence, ITicketStore store, TimeProvider time)
    {
        var o = options.Value;
        var calendar = BusinessCalendar.From(o);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, calendar.Zone).DateTime);
        var open = calendar.IsOpen(now);
        var status = new SupportStatus
        {
            IsOpen = open,
            NextOpensAt = open ? null : calendar.NextOpening(now),
            Hours = new SupportHours
            {
                TimeZone = o.SupportTimeZone,
                OpensAtHour = o.SupportOpensAtHour,
                ClosesAtHour = o.SupportClosesAtHour,
                Days = [.. o.SupportDays.Distinct().Order().Select(d => d.ToString().ToLowerInvariant())],
                Holidays = [.. o.SupportHolidays.Where(d => d >= today).Distinct().Order().Take(20).Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            },
            AgentsOnline = presence.CountOnline(),
            TicketsWaiting = await store.CountTicketsAsync(Waiting, http.RequestAborted).ConfigureAwait(false),
            ResponseTargets = [.. o.FirstResponseTargetMinutes
                .Select(t => new ResponseTarget { Priority = new TicketPriority(t.Key), FirstResponseMinutes = t.Value })
                .OrderBy(t => t.FirstResponseMinutes)],
        };
        return TypedResults.Json(status, WireJson.Support.SupportStatus);
    }
}

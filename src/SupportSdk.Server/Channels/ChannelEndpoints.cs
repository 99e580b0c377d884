using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Channels;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Security;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Channels;

/// <summary>The signed official-channel manifest and impersonation reports.</summary>
internal static class ChannelEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/channels/official", Official).Allow(PrincipalKinds.Anonymous).WithTags("Channels")
            .Produces<SignedChannelManifest>().WithName("GetOfficialChannels");
        v1.MapPost("/channels/reports", ReportAsync).Idempotent().Allow(PrincipalKinds.User).WithTags("Channels")
            .Accepts<ChannelReportRequest>("application/json").Produces<ChannelReport>(201).WithName("ReportImpersonator");
        v1.MapGet("/agent/channel-reports", ListAsync).Allow(PrincipalKinds.Agent).WithTags("Agent")
            .Produces<Page<ChannelReport>>().WithName("AgentListChannelReports");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<SignedChannelManifest> Official(HttpContext http, ManifestPublisher publisher)
    {
        var signed = publisher.GetSigned()
            ?? throw new ApiError(404, ErrorCodes.ChannelsNotConfigured, "This server publishes no official channels.");
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Json(signed, WireJson.Channels.SignedChannelManifest);
    }

    private static async Task<IResult> ReportAsync(HttpContext http, ManifestPublisher publisher, MessageGuard guard, IChannelReportStore store,
        SupportSdk.Server.Webhooks.WebhookEvents webhooks, TimeProvider time)
    {
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.ChannelReportRequest).ConfigureAwait(false);
        new Validation()
            .Text("input", request.Input, 1, 500)
            .Line("input", request.Input)
            .Line("where", request.Where)
            .Check(request.Where is null || request.Where.Length <= 100, "where", "At most 100 characters.")
            .Check(request.Note is null || request.Note.Length <= 2000, "note", "At most 2,000 characters.")
            .ThrowIfInvalid();
        request = guard.Screen(request);
        var reporter = http.Principal();
        request = new ChannelReportRequest
        {
            // A phished customer may paste the very message that asked for their anti-phishing code: never kept.
            Input = SupportSdk.Server.Security.AntiPhishing.Redact(request.Input, reporter),
            Where = SupportSdk.Server.Security.AntiPhishing.RedactOptional(request.Where, reporter),
            Note = SupportSdk.Server.Security.AntiPhishing.RedactOptional(request.Note, reporter),
        };
        var verification = publisher.Verifier?.Verify(request.Input.Trim());
        var report = new ChannelReport
        {
            Id = Ids.New("rpt_", time),
            Input = request.Input.Trim(),
            Verdict = (verification?.Verdict ?? ChannelVerdict.Unknown).ToWireName(),
            Kind = verification is null ? "unknown" : verification.Kind.ToWireName(),
            Matched = verification?.Matched,
            Reason = verification?.Reason,
            Where = request.Where?.Trim(),
            Note = request.Note?.Trim(),
            ReporterId = http.Principal().Id,
            CreatedAt = time.StoredNow(),
        };
        var recorded = Idempotency.ClaimOf(http)?.Complete(Idempotency.Json(201, report, WireJson.Support.ChannelReport));
        await store.AddChannelReportAsync(report, [webhooks.ChannelReportCreated(report)], recorded, CancellationToken.None).ConfigureAwait(false);
        webhooks.Committed();
        return TypedResults.Json(report, WireJson.Support.ChannelReport, statusCode: 201);
    }

    private static async Task<IResult> ListAsync(HttpContext http, IChannelReportStore store)
    {
        var limit = Cursors.Limit(http.Request);
        var before = Cursors.Decode(http.Request, "reports", id => Ids.LooksValid(id, "rpt_"));
        var items = await store.ListChannelReportsAsync(before, limit + 1, http.RequestAborted).ConfigureAwait(false);
        var page = new Page<ChannelReport>
        {
            Items = items.Count > limit ? items.Take(limit).ToList() : items,
            NextCursor = items.Count > limit ? Cursors.Encode("reports", items[limit - 1].Id) : null,
        };
        return TypedResults.Json(page, WireJson.Support.PageChannelReport);
    }
}

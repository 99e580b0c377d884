using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Email;

/// <summary><c>POST /v1/email/inbound</c> (API key): a raw MIME mail from a mail provider's inbound hook.</summary>
internal static class EmailEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPut("/tickets/{id}/email", SetTicketEmailAsync).Allow(PrincipalKinds.User).WithTags("Tickets")
            .Accepts<TicketEmailSettings>("application/json").Produces<TicketEmailSettings>().WithName("SetTicketEmail");
        v1.MapPost("/email/inbound", ReceiveAsync).Idempotent().Allow(PrincipalKinds.ApiKey).WithTags("Email").WithMetadata(AcceptsMail.Instance)
            .Accepts<string>("message/rfc822", "text/plain", "application/octet-stream").Produces<InboundEmailResult>(201).Produces<InboundEmailResult>(202).WithName("ReceiveEmail");
    }

    /// <summary>The customer chooses whether support's replies to this ticket also come by mail (to the address the
    /// exchange's <see cref="IEmailDirectory"/> gives, with their anti-phishing code).</summary>
    private static async Task<IResult> SetTicketEmailAsync(string id, HttpContext http, TicketWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.TicketEmailSettings).ConfigureAwait(false);
        await workflow.ChangeAsync(id, caller, null, current =>
        {
            var tags = (current.Tags ?? []).Where(t => t != EmailInbox.EmailTag).ToList();
            if (request.Enabled)
            {
                tags.Add(EmailInbox.EmailTag);
            }

            return Task.FromResult<(Ticket, TicketMessage?)>((current.With(tags: tags), null));
        }).ConfigureAwait(false);
        return TypedResults.Json(new TicketEmailSettings { Enabled = request.Enabled }, WireJson.Support.TicketEmailSettings);
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, EmailInbox inbox)
    {
        // Read whole (the body limit is the mail size limit) so a malformed mail is refused before anything is kept.
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (buffer.Length == 0)
        {
            throw new ApiError(400, ErrorCodes.InvalidEmail, "The request holds no mail.", "Send the raw MIME message as the body.");
        }

        buffer.Position = 0;
        InboundEmailResult result;
        try
        {
            result = await inbox.ReceiveAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new ApiError(400, ErrorCodes.InvalidEmail, "The mail could not be read.", e.Message);
        }

        return TypedResults.Json(result, WireJson.Support.InboundEmailResult,
            statusCode: result.Outcome is InboundEmailOutcomes.TicketCreated or InboundEmailOutcomes.MessageAdded ? 201 : 202);
    }
}

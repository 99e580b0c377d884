using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;

namespace SupportSdk.Server.Email;

/// <summary><c>POST /v1/email/inbound</c> (API key): a raw MIME mail from a mail provider's inbound hook.</summary>
internal static class EmailEndpoints
{
    public static void Map(RouteGroupBuilder v1) =>
        v1.MapPost("/email/inbound", ReceiveAsync).Idempotent().Allow(PrincipalKinds.ApiKey).WithTags("Email").WithMetadata(AcceptsMail.Instance)
            .Accepts<string>("message/rfc822", "text/plain", "application/octet-stream").Produces<InboundEmailResult>(201).Produces<InboundEmailResult>(202).WithName("ReceiveEmail");

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

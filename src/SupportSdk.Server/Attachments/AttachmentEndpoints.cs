using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using System.Text;
using SupportSdk.Security;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Security;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Attachments;

internal static class AttachmentEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/attachments", UploadAsync).Idempotent().Allow(PrincipalKinds.User | PrincipalKinds.Agent)
            .Accepts<IFormFile>("multipart/form-data").Produces<AttachmentInfo>(201).WithName("UploadAttachment").DisableAntiforgery()
            .WithMetadata(AcceptsUpload.Instance);
        v1.MapGet("/attachments/{id}", DownloadAsync).Allow(PrincipalKinds.User | PrincipalKinds.Agent)
            .Produces(200, contentType: "application/octet-stream").WithName("DownloadAttachment");
    }

    private static async Task<IResult> UploadAsync(HttpContext http, IAttachmentStore store, MessageGuard guard, IOptions<SupportServerOptions> options, TimeProvider time)
    {
        if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiError(415, ErrorCodes.UnsupportedMediaType, "Upload the file as multipart/form-data with a part named 'file'.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new ApiError(400, ErrorCodes.ValidationFailed, "The multipart body could not be read.");
        }

        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1)
        {
            throw ApiError.Validation("file", "Send exactly one part named 'file'.");
        }

        var max = options.Value.MaxAttachmentBytes;
        if (file.Length == 0 || file.Length > max)
        {
            throw file.Length == 0
                ? ApiError.Validation("file", "The file is empty.")
                : new ApiError(413, ErrorCodes.PayloadTooLarge, "The file is too large.", $"At most {max} bytes.");
        }

        if (UnsafeCharacters.Contains(file.FileName))
        {
            throw ApiError.InvalidCharacters("fileName");
        }

        var owner = http.Principal().Scope;
        var stored = await store.SumAttachmentBytesAsync(owner, http.RequestAborted).ConfigureAwait(false);
        if (stored + file.Length > options.Value.AttachmentQuotaBytes)
        {
            throw new ApiError(413, ErrorCodes.AttachmentQuotaExceeded, "Your stored attachments would exceed your quota.",
                $"At most {options.Value.AttachmentQuotaBytes} bytes in all; uploads never attached to a message are deleted after {options.Value.UnattachedUploadLifetime.TotalHours:0.#} hours.");
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, http.RequestAborted).ConfigureAwait(false);
        }

        var type = ContentSniffer.Sniff(content)
            ?? throw new ApiError(415, ErrorCodes.UnsupportedMediaType, "This kind of file is not accepted.", "Attach PNG or JPEG images, PDF documents or plain text.");

        // The file name and a text file's content are the customer's words too: screened like a message (422 when
        // they hold a secret the policy blocks; stored redacted when it redacts).
        var isText = type == ContentSniffer.PlainText;
        var screened = guard.Screen(new CustomerField("fileName", SafeFileName(file.FileName)),
            new CustomerField("content", isText ? Encoding.UTF8.GetString(content) : null));
        if (isText && !string.Equals(screened[1], Encoding.UTF8.GetString(content), StringComparison.Ordinal))
        {
            content = Encoding.UTF8.GetBytes(screened[1]!);
        }

        var info = new AttachmentInfo
        {
            Id = Ids.New("att_", time),
            FileName = screened[0]!,
            ContentType = type,
            Size = content.Length,
            CreatedAt = time.StoredNow(),
        };
        await store.AddAttachmentAsync(new StoredAttachment(info, owner, null, null), content, CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Json(info, WireJson.Support.AttachmentInfo, statusCode: 201);
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext http, AttachmentRules rules, IAttachmentStore store)
    {
        var attachment = await rules.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        var content = await store.ReadAttachmentAsync(attachment.Info.Id, http.RequestAborted).ConfigureAwait(false)
            ?? throw new ApiError(404, ErrorCodes.AttachmentNotFound, "The attachment does not exist.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(content, attachment.Info.ContentType, attachment.Info.FileName);
    }

    private static string SafeFileName(string? name)
    {
        var file = Path.GetFileName(name ?? string.Empty);
        var safe = new string([.. file.Where(c => c is not ('"' or '\\' or '/' or ':'))]).Trim();
        return safe.Length == 0 ? "attachment" : safe.Length > 120 ? safe[..120] : safe;
    }
}

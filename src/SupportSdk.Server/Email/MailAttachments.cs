using System.Text;
using MimeKit;
using SupportSdk.Server.Attachments;

namespace SupportSdk.Server.Email;

/// <summary>A mail's attached files, decoded and sniffed by the same rules as uploads: kept when they are PNG, JPEG,
/// PDF or UTF-8 text within the attachment size cap (text is screened for secrets with the mail), named in the
/// message otherwise. At most <see cref="AttachmentRules.MaxPerMessage"/>.</summary>
internal static class MailAttachments
{
    internal sealed record MailFile(string FileName, byte[] Content, string? Type, string? Refused)
    {
        public string? Text => Type == ContentSniffer.PlainText ? Encoding.UTF8.GetString(Content) : null;
    }

    public static List<MailFile> Read(MimeMessage message, long maxBytes)
    {
        var files = new List<MailFile>();
        var kept = 0;
        foreach (var part in message.Attachments.OfType<MimePart>().Take(50))
        {
            var name = FileName(part.FileName);
            if (kept >= AttachmentRules.MaxPerMessage)
            {
                files.Add(new MailFile(name, [], null, "more than " + AttachmentRules.MaxPerMessage + " files"));
                continue;
            }

            using var decoded = new MemoryStream();
            try
            {
                part.Content?.DecodeTo(decoded);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                files.Add(new MailFile(name, [], null, "unreadable"));
                continue;
            }

            if (decoded.Length == 0 || decoded.Length > maxBytes)
            {
                files.Add(new MailFile(name, [], null, decoded.Length == 0 ? "empty" : "larger than " + maxBytes + " bytes"));
                continue;
            }

            var content = decoded.ToArray();
            var type = ContentSniffer.Sniff(content);
            files.Add(type is null ? new MailFile(name, [], null, "not a PNG, JPEG, PDF or text file") : new MailFile(name, content, type, null));
            kept += type is null ? 0 : 1;
        }

        return files;
    }

    private static string FileName(string? name)
    {
        var file = Path.GetFileName(name ?? string.Empty);
        var safe = new string([.. file.Where(c => c is not ('"' or '\\' or '/' or ':') && !char.IsControl(c))]).Trim();
        return safe.Length == 0 ? "attachment" : safe.Length > 120 ? safe[..120] : safe;
    }
}

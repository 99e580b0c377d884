using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace SupportSdk.Server.Email;

/// <summary>
/// What support needs from one received mail: the sender, the subject, the new text (HTML made plain, quoted history
/// and signature cut), the ticket it answers (support's reply address or Message-Ids), and whether it is an
/// automatic mail or a loop (never answered) or claims the exchange's own domain without passing authentication.
/// </summary>
internal sealed partial record InboundMail(
    string From,
    string? FromName,
    string Subject,
    string Body,
    string? TicketId,
    string? Automatic,
    bool Spoofed,
    bool Chinese)
{
    public const string NoSubject = "(no subject)";

    /// <exception cref="FormatException">No sender.</exception>
    public static InboundMail Read(MimeMessage message, string supportDomain, IReadOnlyList<string> ownDomains)
    {
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender
            ?? throw new FormatException("The mail has no From address.");
        var from = sender.Address.Trim().ToLowerInvariant();
        if (from.Length == 0 || from.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            throw new FormatException("The mail's From address is not an address.");
        }

        var subject = Clean(message.Subject);
        var text = message.TextBody is { Length: > 0 } plain ? plain
            : message.HtmlBody is { Length: > 0 } html ? HtmlMailText.Convert(html)
            : string.Empty;
        var body = Trim(text);
        return new InboundMail(
            from,
            string.IsNullOrWhiteSpace(sender.Name) ? null : Clean(sender.Name),
            subject.Length == 0 ? NoSubject : subject,
            body,
            TicketOf(message, supportDomain),
            AutomaticReason(message, supportDomain),
            Spoof(message, from, ownDomains),
            HanCharacter().IsMatch(subject + body));
    }

    /// <summary>Why a mail must not be answered (an auto-reply, a list, support's own mail coming back), or null.</summary>
    private static string? AutomaticReason(MimeMessage message, string supportDomain)
    {
        var auto = message.Headers[HeaderId.AutoSubmitted];
        if (auto is not null && !auto.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return "auto_submitted";
        }

        if (message.Headers["Precedence"]?.Trim().ToLowerInvariant() is "bulk" or "junk" or "list" or "auto_reply")
        {
            return "precedence";
        }

        if (message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond") || message.Headers.Contains("X-Auto-Response-Suppress")
            && message.Headers["X-Auto-Response-Suppress"]!.Contains("All", StringComparison.OrdinalIgnoreCase))
        {
            return "auto_reply";
        }

        return message.MessageId is { } id && id.EndsWith("@" + supportDomain, StringComparison.OrdinalIgnoreCase) ? "loop" : null;
    }

    /// <summary>A mail claiming one of the exchange's own mail domains whose authentication (as the receiving mail server
    /// recorded it in Authentication-Results) did not pass DMARC, or DKIM and SPF together.</summary>
    private static bool Spoof(MimeMessage message, string from, IReadOnlyList<string> ownDomains)
    {
        var domain = from[(from.LastIndexOf('@') + 1)..];
        if (!ownDomains.Any(d => domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var results = string.Join(";", message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => h.Value)).ToLowerInvariant();
        var passed = results.Contains("dmarc=pass", StringComparison.Ordinal)
            || results.Contains("dkim=pass", StringComparison.Ordinal) && results.Contains("spf=pass", StringComparison.Ordinal);
        return !passed;
    }

    private static string? TicketOf(MimeMessage message, string supportDomain)
    {
        foreach (var mailbox in message.To.Mailboxes.Concat(message.Cc.Mailboxes))
        {
            if (ReplyAddress().Match(mailbox.Address) is { Success: true } m && m.Groups["domain"].Value.Equals(supportDomain, StringComparison.OrdinalIgnoreCase))
            {
                return m.Groups["ticket"].Value;
            }
        }

        foreach (var id in (message.InReplyTo is null ? [] : new[] { message.InReplyTo }).Concat(message.References.Reverse()))
        {
            if (SupportMessageId().Match(id) is { Success: true } m && m.Groups["domain"].Value.Equals(supportDomain, StringComparison.OrdinalIgnoreCase))
            {
                return m.Groups["ticket"].Value;
            }
        }

        return null;
    }

    /// <summary>The new text of a reply: from the first line of quoted history ("On … wrote:", "在…写道：", an
    /// "-----Original Message-----" block, '&gt;' lines) or the signature ("-- ") on, cut — unless nothing would be left.</summary>
    private static string Trim(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var kept = new StringBuilder();
        foreach (var line in lines)
        {
            var trimmed = line.TrimEnd();
            if (trimmed == "--" || trimmed == "-- " || line == "-- " || trimmed.StartsWith('>') || QuoteHeader().IsMatch(trimmed))
            {
                break;
            }

            kept.Append(trimmed).Append('\n');
        }

        var result = kept.ToString().Trim();
        return result.Length > 0 ? result : text.Trim();
    }

    private static string Clean(string? text) => string.Concat((text ?? string.Empty).Select(c => char.IsControl(c) ? ' ' : c)).Trim();

    public static string ReplyAddressOf(string ticketId, string supportDomain) => "support+" + ticketId + "@" + supportDomain;

    [GeneratedRegex(@"^support\+(?<ticket>tkt_[0-9a-z]{6,40})@(?<domain>[^@\s]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyAddress();

    [GeneratedRegex(@"^<?(?<ticket>tkt_[0-9a-z]{6,40})\.[^@\s]*@(?<domain>[^@\s>]+)>?$", RegexOptions.IgnoreCase)]
    private static partial Regex SupportMessageId();

    [GeneratedRegex(@"^(On\s.+\swrote:|在.+写道[:：]|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*原始邮件\s*-{2,}|From:\s.+<[^>]+@[^>]+>)$", RegexOptions.IgnoreCase)]
    private static partial Regex QuoteHeader();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}

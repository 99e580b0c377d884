using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Cryptography;

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
    bool Authenticated,
    bool Spoofed,
    bool Chinese)
{
    public const string NoSubject = "(no subject)";

    /// <exception cref="FormatException">No sender.</exception>
    /// <summary>The most text of a body read: enough for any message a ticket keeps, bounded for the trimming below.</summary>
    private const int MaxText = 64 * 1024;

    public static InboundMail Read(MimeMessage message, string supportDomain, IReadOnlyList<string> ownDomains, string? trustedAuthServId)
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
        var body = Trim(text.Length > MaxText ? text[..MaxText] : text);
        var authenticated = IsAuthenticated(message, from, trustedAuthServId);
        return new InboundMail(
            from,
            string.IsNullOrWhiteSpace(sender.Name) ? null : Clean(sender.Name),
            subject.Length == 0 ? NoSubject : subject,
            body,
            TicketOf(message, supportDomain),
            AutomaticReason(message, from, supportDomain),
            authenticated,
            IsOwnDomain(from, ownDomains) && !authenticated,
            HanCharacter().IsMatch(subject + body));
    }

    /// <summary>Why a mail must not be answered (an auto-reply, a list, support's own mail coming back), or null.</summary>
    private static string? AutomaticReason(MimeMessage message, string from, string supportDomain)
    {
        // Bounces and delivery reports: never answered, and they quote support's own mail.
        if (message.Body is MultipartReport || from.StartsWith("mailer-daemon@", StringComparison.Ordinal) || from.StartsWith("postmaster@", StringComparison.Ordinal))
        {
            return "bounce";
        }

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

    private static bool IsOwnDomain(string from, IReadOnlyList<string> ownDomains)
    {
        var domain = from[(from.LastIndexOf('@') + 1)..];
        return ownDomains.Any(d => domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the From address is proven: an Authentication-Results header written by the exchange's own receiving
    /// server (its authserv-id is <paramref name="trustedAuthServId"/>; any other such header is the sender's word and
    /// ignored) says <c>dmarc=pass</c> for the From domain, or <c>dkim=pass</c> with a signing domain aligned with it.
    /// Without a trusted server configured, no mail is authenticated.
    /// </summary>
    private static bool IsAuthenticated(MimeMessage message, string from, string? trustedAuthServId)
    {
        if (string.IsNullOrWhiteSpace(trustedAuthServId))
        {
            return false;
        }

        var domain = from[(from.LastIndexOf('@') + 1)..];
        bool Aligned(string d) => d.Equals(domain, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase);
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults))
        {
            if (!AuthenticationResults.TryParse(System.Text.Encoding.UTF8.GetBytes(header.Value), out var results)
                || !string.Equals(results.AuthenticationServiceIdentifier, trustedAuthServId.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var result in results.Results)
            {
                var value = result.Result?.ToLowerInvariant();
                string? Property(string name) => result.Properties.FirstOrDefault(p => string.Equals(p.Property, name, StringComparison.OrdinalIgnoreCase))?.Value;
                if (value == "pass" && string.Equals(result.Method, "dmarc", StringComparison.OrdinalIgnoreCase) && Property("from") is { } d1 && Aligned(d1))
                {
                    return true;
                }

                if (value == "pass" && string.Equals(result.Method, "dkim", StringComparison.OrdinalIgnoreCase) && Property("d") is { } d2 && Aligned(d2))
                {
                    return true;
                }
            }
        }

        return false;
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
            if (trimmed == "--" || trimmed == "-- " || line == "-- " || trimmed.StartsWith('>') || QuoteHeader().IsMatch(trimmed) || OwnCodeLine().IsMatch(trimmed))
            {
                break;
            }

            kept.Append(trimmed).Append('\n');
        }

        // Never the quoted history instead (it holds support's own words, and the code): nothing new is nothing.
        return kept.ToString().Trim();
    }

    private static string Clean(string? text) => string.Concat((text ?? string.Empty).Select(c => char.IsControl(c) ? ' ' : c)).Trim();

    public static string ReplyAddressOf(string ticketId, string supportDomain) => "support+" + ticketId + "@" + supportDomain;

    [GeneratedRegex(@"^support\+(?<ticket>tkt_[0-9a-z]{6,40})@(?<domain>[^@\s]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyAddress();

    [GeneratedRegex(@"^<?(?<ticket>tkt_[0-9a-z]{6,40})\.[^@\s]*@(?<domain>[^@\s>]+)>?$", RegexOptions.IgnoreCase)]
    private static partial Regex SupportMessageId();

    [GeneratedRegex(@"^(On\s.+\swrote:|在.+写道[:：]|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*原始邮件\s*-{2,}|(From|发件人)[:：]\s.+)$",
        RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex QuoteHeader();

    // The first line of support's own mail, quoted back: it holds the customer's anti-phishing code.
    [GeneratedRegex(@"^(Your anti-phishing code:|您的防钓鱼码[:：])", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OwnCodeLine();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}

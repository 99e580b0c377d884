using System.Text;
using System.Text.RegularExpressions;
using SupportSdk.Server.Identity;

namespace SupportSdk.Server.Security;

/// <summary>
/// The customer's anti-phishing code (from their user token): stamped on support's messages as they are sent to that
/// customer — never stored with them, so exports, transcripts, webhooks and agents' views never hold it — and cut
/// out of whatever the customer writes, so nobody on support's side can learn it from them.
/// </summary>
internal static partial class AntiPhishing
{
    public const string Removed = "[anti-phishing code removed]";

    public static bool IsCode(string? code) => code is not null && CodePattern().IsMatch(code);

    /// <summary>A support message (agent, bot, system) as <paramref name="reader"/> receives it: with their code.</summary>
    public static TicketMessage ForReader(TicketMessage message, SupportPrincipal reader) =>
        CodeFor(reader) is { } code && message.From.Role != AuthorRole.Customer
            ? new TicketMessage
            {
                Id = message.Id, Seq = message.Seq, From = message.From, Body = message.Body, Attachments = message.Attachments, Flags = message.Flags,
                CreatedAt = message.CreatedAt, AntiPhishingCode = code,
            }
            : message;

    /// <summary>A chat event as <paramref name="reader"/> receives it: support's messages with their code.</summary>
    public static ChatFrame ForReader(ChatFrame frame, SupportPrincipal reader) =>
        CodeFor(reader) is { } code && frame.Type == ChatEventKind.Message && frame.From is { } from && from.Role != AuthorRole.Customer
            ? new ChatFrame
            {
                Type = frame.Type, Seq = frame.Seq, Id = frame.Id, ClientMessageId = frame.ClientMessageId, From = frame.From, Text = frame.Text,
                SentAt = frame.SentAt, Flags = frame.Flags, Article = frame.Article, QuickReplies = frame.QuickReplies, Deposit = frame.Deposit,
                UpToSeq = frame.UpToSeq, Position = frame.Position, EstimatedWaitSeconds = frame.EstimatedWaitSeconds, Reason = frame.Reason,
                Code = frame.Code, RetryAfterMs = frame.RetryAfterMs, AntiPhishingCode = code,
            }
            : frame;

    /// <summary>What a customer wrote, with their own code cut out wherever it stands as a word (any case, and in
    /// full-width or other compatibility forms: a text holding it is NFKC-normalized first).</summary>
    public static string Redact(string text, SupportPrincipal author)
    {
        if (CodeFor(author) is not { } code)
        {
            return text;
        }

        if (text.IndexOf(code, StringComparison.OrdinalIgnoreCase) < 0)
        {
            var normal = text.Normalize(NormalizationForm.FormKC);
            if (normal.IndexOf(code, StringComparison.OrdinalIgnoreCase) < 0)
            {
                return text;
            }

            text = normal;
        }

        var result = new StringBuilder(text.Length);
        var at = 0;
        for (var i = text.IndexOf(code, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(code, at, StringComparison.OrdinalIgnoreCase))
        {
            var end = i + code.Length;
            var whole = (i == 0 || !IsCodeChar(text[i - 1])) && (end == text.Length || !IsCodeChar(text[end]));
            result.Append(text, at, i - at).Append(whole ? Removed : text.Substring(i, code.Length));
            at = end;
        }

        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary><see cref="Redact"/> for an optional text.</summary>
    public static string? RedactOptional(string? text, SupportPrincipal author) => text is null ? null : Redact(text, author);

    private static string? CodeFor(SupportPrincipal principal) => principal.Kind == PrincipalKinds.User ? principal.AntiPhishingCode : null;

    private static bool IsCodeChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    [GeneratedRegex("^[A-Za-z0-9_-]{4,20}$")]
    private static partial Regex CodePattern();
}

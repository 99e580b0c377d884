using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Channels;
using SupportSdk.Server.Chat;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;
using SupportSdk.Transcripts;

namespace SupportSdk.Server.Transcripts;

/// <summary>
/// Signed transcripts a customer can hand to anyone: the visible messages of a ticket or a chat (never internal
/// notes, tags or the anti-phishing code), hash-chained and signed by the channel key, as JSON or as a readable page
/// in the customer's language that carries the same JSON for <c>/verify</c>.
/// </summary>
internal sealed class TranscriptExports(ManifestPublisher channels, ITicketStore tickets, ChatTranscripts chats, TimeProvider time, IOptions<SupportServerOptions> options)
{
    private const int Page = 500;

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapGet("/tickets/{id}/transcript", GetTicketTranscriptAsync).Allow(PrincipalKinds.User).WithTags("Tickets")
            .Produces<SignedTranscript>().Produces<string>(200, "text/html").WithName("GetTicketTranscript");
        v1.MapGet("/channels/keys", Keys).Allow(PrincipalKinds.Anonymous).WithTags("Channels")
            .Produces<SupportSdk.Channels.ChannelKeys>().WithName("GetChannelKeys");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<SupportSdk.Channels.ChannelKeys> Keys(HttpContext http, ManifestPublisher channels)
    {
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Json(new SupportSdk.Channels.ChannelKeys { Keys = channels.TrustedKeys() }, WireJson.Channels.ChannelKeys);
    }

    private static async Task<IResult> GetTicketTranscriptAsync(string id, HttpContext http, TicketWorkflow workflow, TranscriptExports exports)
    {
        var ticket = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        var format = Format(http, "signed");
        var signed = await exports.TicketAsync(ticket, http.RequestAborted).ConfigureAwait(false);
        return exports.Result(signed, format);
    }

    /// <summary>The chat route's <c>signed</c> and <c>html</c> formats.</summary>
    public async Task<IResult> ChatAsync(ChatRecord chat, string format, CancellationToken cancellationToken)
    {
        var events = await chats.EventsAsync(chat.Id, cancellationToken).ConfigureAwait(false);
        var messages = events.Where(e => e.Type == ChatEventKind.Message && e.Text is not null)
            .Select(e => new TranscriptMessage { Id = e.Id ?? string.Empty, Role = e.From?.Role.Value ?? "system", Author = e.From?.Name ?? string.Empty, Text = e.Text!, SentAt = e.SentAt ?? chat.CreatedAt });
        return Result(Sign(chat.Id, "chat", chat.Topic ?? string.Empty, chat.Locale, messages), format);
    }

    public static string Format(HttpContext http, string fallback)
    {
        var format = http.Request.Query["format"].ToString();
        return format.Length == 0 ? fallback : format is "signed" or "html" ? format : throw ApiError.Query("format", "Use signed or html.");
    }

    public async Task<SignedTranscript> TicketAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var messages = new List<TicketMessage>();
        while (true)
        {
            var page = await tickets.ListMessagesAsync(ticket.Id, messages.Count == 0 ? 0 : messages[^1].Seq, Page, cancellationToken).ConfigureAwait(false);
            messages.AddRange(page);
            if (page.Count < Page)
            {
                break;
            }
        }

        return Sign(ticket.Id, "ticket", ticket.Subject, ticket.Locale, messages.Select(m => new TranscriptMessage
        {
            Id = m.Id, Role = m.From.Role.Value, Author = m.From.Name, Text = WithAttachments(m), SentAt = m.CreatedAt,
        }));
    }

    private static string WithAttachments(TicketMessage m) =>
        m.Attachments.Count == 0 ? m.Body : m.Body + string.Concat(m.Attachments.Select(a => "\n[attachment " + a.Id + ": " + a.FileName + "]"));

    private SignedTranscript Sign(string id, string kind, string subject, string locale, IEnumerable<TranscriptMessage> messages) =>
        TranscriptSigner.Sign(new SignedTranscript { Conversation = id, Kind = kind, Subject = subject, Locale = locale }, messages, channels.SigningKey, time.GetUtcNow());

    private IResult Result(SignedTranscript signed, string format) => format == "html"
        ? TypedResults.Content(TranscriptPage.Render(signed, options.Value.OfficialChannels.Brand), "text/html; charset=utf-8")
        : TypedResults.Json(signed, WireJson.Transcripts.SignedTranscript);
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using SupportSdk.Core;
using SupportSdk.Security;

namespace SupportSdk;

/// <summary>
/// The signed-in user's tickets and attachments (user-token credential). Create calls carry an idempotency key, so a
/// retried create can never open a second ticket.
/// </summary>
public class TicketsClient
{
    private readonly SupportPipeline? _pipeline;
    private readonly MessageScreening? _screening;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected TicketsClient()
    {
    }

    internal TicketsClient(SupportPipeline pipeline, MessageScreening screening)
    {
        _pipeline = pipeline;
        _screening = screening;
    }

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    private MessageScreening Screening => _screening ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Opens a ticket.</summary>
    /// <param name="request">The ticket.</param>
    /// <param name="idempotencyKey">Your own key for this logical create (e.g. kept across app restarts); by default one is made per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new ticket.</returns>
    /// <exception cref="SensitiveDataException">The subject or body holds a secret <see cref="SupportClientOptions.SecretPolicy"/> blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">The server refused the ticket or could not be reached.</exception>
    /// <exception cref="SecureChannelException">The connection is not the secure channel the options require.</exception>
    public virtual Task<Ticket> CreateTicketAsync(CreateTicketRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = Screening.Outgoing(request);
        return Pipeline.SendAsync("Tickets.Create", HttpMethod.Post, "v1/tickets", SupportPipeline.Json(request, SupportJsonContext.Default.CreateTicketRequest),
            SupportJsonContext.Default.Ticket, WithIdempotencyKey(idempotencyKey), cancellationToken);
    }

    /// <summary>Gets one of the user's tickets.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ticket.</returns>
    /// <exception cref="SupportApiException">404 <c>ticket_not_found</c> when it does not exist or is not the user's.</exception>
    public virtual Task<Ticket> GetTicketAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return Pipeline.SendAsync("Tickets.Get", HttpMethod.Get, Query.Path("v1/tickets/{0}", ticketId).ToString(), null,
            SupportJsonContext.Default.Ticket, null, cancellationToken);
    }

    /// <summary>Gets the ticket's conversation signed by the exchange's channel key: a transcript anyone can check with
    /// <see cref="ChannelsClient.VerifyTranscript"/> or <c>exchange-cli transcript verify</c>.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signed transcript.</returns>
    /// <exception cref="SupportApiException">404 <c>ticket_not_found</c> when it does not exist or is not the user's.</exception>
    public virtual Task<SupportSdk.Transcripts.SignedTranscript> GetSignedTranscriptAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return Pipeline.SendAsync("Tickets.Transcript", HttpMethod.Get, Query.Path("v1/tickets/{0}/transcript", ticketId).Add("format", "signed").ToString(), null,
            SupportSdk.Transcripts.TranscriptsJsonContext.Default.SignedTranscript, null, cancellationToken);
    }

    /// <summary>Turns mail on or off for a ticket: support's replies then also reach the user by e-mail (to the address
    /// the exchange keeps, with the user's anti-phishing code in the first line). On by default for tickets opened by mail.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="enabled">Whether to receive mail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The setting now.</returns>
    /// <exception cref="SupportApiException">404 <c>ticket_not_found</c> when it does not exist or is not the user's.</exception>
    public virtual Task<TicketEmailSettings> SetEmailUpdatesAsync(string ticketId, bool enabled, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return Pipeline.SendAsync("Tickets.Email", HttpMethod.Put, Query.Path("v1/tickets/{0}/email", ticketId).ToString(),
            SupportPipeline.Json(new TicketEmailSettings { Enabled = enabled }, SupportJsonContext.Default.TicketEmailSettings), SupportJsonContext.Default.TicketEmailSettings,
            null, cancellationToken);
    }

    /// <summary>Lists the user's tickets, newest first, fetching pages as they are enumerated.</summary>
    /// <param name="status">Only tickets in this status; <see langword="null"/> for all.</param>
    /// <param name="pageSize">Tickets per page (1–100).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The tickets.</returns>
    public virtual AsyncPageable<Ticket> GetTicketsAsync(TicketStatus? status = null, int pageSize = 20, CancellationToken cancellationToken = default) =>
        new((cursor, ct) => Pipeline.SendAsync("Tickets.List", HttpMethod.Get,
            Query.Path("v1/tickets").Add("status", status?.Value).Add("limit", pageSize).Add("cursor", cursor).ToString(), null,
            SupportJsonContext.Default.PageTicket, null, ct), cancellationToken);

    /// <summary>Changes priority or status (<c>open</c> to reopen, <c>resolved</c>, <c>closed</c>) if the ticket is still at <paramref name="ticket"/>'s version.</summary>
    /// <param name="ticket">The ticket as last read; its version is sent as <c>If-Match</c>.</param>
    /// <param name="update">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated ticket.</returns>
    /// <exception cref="SupportApiException">412 <c>precondition_failed</c> when the ticket changed since it was read.</exception>
    public virtual Task<Ticket> UpdateTicketAsync(Ticket ticket, UpdateTicketRequest update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(update);
        return Pipeline.SendAsync("Tickets.Update", HttpMethod.Patch, Query.Path("v1/tickets/{0}", ticket.Id).ToString(),
            SupportPipeline.Json(update, SupportJsonContext.Default.UpdateTicketRequest), SupportJsonContext.Default.Ticket,
            r => r.Headers.IfMatch.Add(new EntityTagHeaderValue("\"" + ticket.Version.ToString(CultureInfo.InvariantCulture) + "\"")), cancellationToken);
    }

    /// <summary>Adds the user's reply.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="reply">The reply.</param>
    /// <param name="idempotencyKey">Your own key for this reply; by default one is made per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message.</returns>
    /// <exception cref="SensitiveDataException">The reply holds a secret <see cref="SupportClientOptions.SecretPolicy"/> blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">409 <c>invalid_state_transition</c> when the ticket is closed.</exception>
    public virtual Task<TicketMessage> AddMessageAsync(string ticketId, ReplyRequest reply, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ArgumentNullException.ThrowIfNull(reply);
        reply = Screening.Outgoing(reply);
        return Pipeline.SendAsync("Tickets.Reply", HttpMethod.Post, Query.Path("v1/tickets/{0}/messages", ticketId).ToString(),
            SupportPipeline.Json(reply, SupportJsonContext.Default.ReplyRequest), SupportJsonContext.Default.TicketMessage, WithIdempotencyKey(idempotencyKey), cancellationToken);
    }

    /// <summary>Lists a ticket's messages, oldest first. Agent and bot messages carry the scam flags
    /// (<see cref="MessageFlags"/>): the server's, and the SDK's own check of the same rules.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="pageSize">Messages per page (1–200).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The messages.</returns>
    public virtual AsyncPageable<TicketMessage> GetMessagesAsync(string ticketId, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return new(async (cursor, ct) => await Screening.IncomingAsync(await Pipeline.SendAsync("Tickets.Messages", HttpMethod.Get,
            Query.Path("v1/tickets/{0}/messages", ticketId).Add("limit", pageSize).Add("cursor", cursor).ToString(), null,
            SupportJsonContext.Default.PageTicketMessage, null, ct).ConfigureAwait(false), ct).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>Asks for the ticket to go to the next support tier.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="reason">Why (optional).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated ticket.</returns>
    /// <exception cref="SensitiveDataException">The reason holds a secret <see cref="SupportClientOptions.SecretPolicy"/> blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Ticket> EscalateTicketAsync(string ticketId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        var request = Screening.Outgoing(new EscalateRequest { Reason = reason });
        return Pipeline.SendAsync("Tickets.Escalate", HttpMethod.Post, Query.Path("v1/tickets/{0}/escalate", ticketId).ToString(),
            SupportPipeline.Json(request, SupportJsonContext.Default.EscalateRequest), SupportJsonContext.Default.Ticket, null, cancellationToken);
    }

    /// <summary>Closes the ticket (closing a closed ticket changes nothing).</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The closed ticket.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Ticket> CloseTicketAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return Pipeline.SendAsync("Tickets.Close", HttpMethod.Post, Query.Path("v1/tickets/{0}/close", ticketId).ToString(), null,
            SupportJsonContext.Default.Ticket, null, cancellationToken);
    }

    /// <summary>Rates a resolved or closed ticket, once.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="rating">Score 1–5 and an optional comment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rated ticket.</returns>
    /// <exception cref="SensitiveDataException">The comment holds a secret <see cref="SupportClientOptions.SecretPolicy"/> blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">409 <c>already_rated</c> or <c>invalid_state_transition</c>.</exception>
    public virtual Task<Ticket> RateTicketAsync(string ticketId, RateTicketRequest rating, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ArgumentNullException.ThrowIfNull(rating);
        rating = Screening.Outgoing(rating);
        return Pipeline.SendAsync("Tickets.Rate", HttpMethod.Post, Query.Path("v1/tickets/{0}/rating", ticketId).ToString(),
            SupportPipeline.Json(rating, SupportJsonContext.Default.RateTicketRequest), SupportJsonContext.Default.Ticket, null, cancellationToken);
    }

    /// <summary>Uploads a file (PNG, JPEG, PDF or text) to attach to a ticket or reply by its id.</summary>
    /// <param name="content">The file's bytes; read fully before sending so that a retry sends the same bytes.</param>
    /// <param name="fileName">The file name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored attachment.</returns>
    /// <exception cref="SensitiveDataException">The file name, or the text of a text file, holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">413 when too large; 415 when not an allowed type.</exception>
    public virtual async Task<AttachmentInfo> UploadAttachmentAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();

        // The file name, and the words of a text file, are screened like a message before anything is sent.
        var text = AttachmentText.TryDecode(bytes);
        var screened = Screening.Outgoing(new CustomerField("fileName", fileName), new CustomerField("content", text));
        fileName = screened[0]!;
        if (text is not null && !ReferenceEquals(screened[1], text))
        {
            bytes = Encoding.UTF8.GetBytes(screened[1]!);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await Pipeline.SendAsync("Attachments.Upload", HttpMethod.Post, "v1/attachments", form, SupportJsonContext.Default.AttachmentInfo, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads an attachment the user may see.</summary>
    /// <param name="attachmentId">The attachment id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The file.</returns>
    /// <exception cref="SupportApiException">404 <c>attachment_not_found</c>.</exception>
    public virtual async Task<AttachmentDownload> DownloadAttachmentAsync(string attachmentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attachmentId);
        using var response = await Pipeline.SendRawAsync("Attachments.Download", HttpMethod.Get, Query.Path("v1/attachments/{0}", attachmentId).ToString(), null, null, cancellationToken).ConfigureAwait(false);
        var bytes = ((Http.BufferedBody)response.Content).ToArray();
        return new AttachmentDownload(bytes, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream",
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    internal static Action<HttpRequestMessage>? WithIdempotencyKey(string? key) =>
        key is null ? null : r => r.Headers.TryAddWithoutValidation(Http.SupportHandler.IdempotencyKeyHeader, key);
}

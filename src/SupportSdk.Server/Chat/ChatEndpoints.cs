using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Hosting;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The customer's chat endpoints (user tokens). Every route answers 404 <c>chat_not_found</c> for a chat the caller
/// does not own. The handlers shared with agents (messages, send, read, events, stream, close) live here too.
/// </summary>
internal static class ChatEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var chats = v1.MapGroup("/chats").Allow(PrincipalKinds.User).WithTags("Chat");
        chats.MapPost("", StartAsync).Idempotent().AcceptsOptionalJson<StartChatRequest>().Produces<SupportSdk.ChatThread>(201).Produces<SupportSdk.ChatThread>(200).WithName("StartChat");
        chats.MapGet("", ListAsync).Produces<Page<SupportSdk.ChatThread>>().WithName("ListChats");
        chats.MapGet("/{id}", ChatHandlers.GetAsync).Produces<SupportSdk.ChatThread>().WithName("GetChat");
        chats.MapGet("/{id}/messages", ChatHandlers.MessagesAsync).Produces<Page<ChatFrame>>().WithName("ListChatMessages");
        chats.MapPost("/{id}/messages", ChatHandlers.SendAsync).Idempotent().Accepts<SendChatMessageRequest>("application/json").Produces<ChatFrame>(201).WithName("SendChatMessage");
        chats.MapGet("/{id}/stream", ChatHandlers.StreamAsync).WithName("ChatStream");
        chats.MapGet("/{id}/events", ChatHandlers.EventsAsync).Produces<ChatEventBatch>().WithName("PollChatEvents");
        chats.MapPost("/{id}/read", ChatHandlers.ReadAsync).Idempotent().Accepts<MarkChatReadRequest>("application/json").Produces(204).WithName("MarkChatRead");
        chats.MapPost("/{id}/close", ChatHandlers.CloseAsync).Idempotent().Produces<SupportSdk.ChatThread>().WithName("CloseChat");
        chats.MapPost("/{id}/ticket", TicketAsync).Idempotent().Produces<Ticket>(201).WithName("ConvertChatToTicket");
        chats.MapGet("/{id}/transcript", TranscriptAsync).Produces<ChatEventBatch>().Produces<SupportSdk.Transcripts.SignedTranscript>().Produces<string>(200, "text/plain").WithName("GetChatTranscript");
    }

    private static async Task<IResult> StartAsync(HttpContext http, ChatWorkflow workflow, IOptions<SupportServerOptions> options)
    {
        var request = http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType()
            ? new StartChatRequest()
            : await JsonBody.ReadAsync(http, ChatJsonContext.Default.StartChatRequest).ConfigureAwait(false);
        var caller = http.Principal();
        new Validation().Check(request.Topic is null || request.Topic.Length <= ChatWorkflow.MaxTopic, "topic", $"At most {ChatWorkflow.MaxTopic} characters.")
            .Line("topic", request.Topic).ThrowIfInvalid();
        var locale = Locales.Require(request.Locale, caller.Locale ?? options.Value.DefaultLocale, "locale");
        var (chat, created) = await workflow.StartAsync(caller, request.Topic, locale, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.Location = SupportApiPrefix.PathOf(http, "chats/" + chat.Id);
        return TypedResults.Json(await workflow.Queue.DescribeAsync(chat, CancellationToken.None).ConfigureAwait(false), WireJson.Chat.ChatThread, statusCode: created ? 201 : 200);
    }

    private static async Task<IResult> ListAsync(HttpContext http, ChatWorkflow workflow)
    {
        var status = Cursors.Enum<ChatStatus>(http.Request, "status");
        var limit = Cursors.Limit(http.Request);
        var before = Cursors.Decode(http.Request, "chats", id => Ids.LooksValid(id, "cht_"));
        var items = await workflow.Store.ListChatsAsync(new ChatFilter(http.Principal().Id, status, before, limit + 1), http.RequestAborted).ConfigureAwait(false);
        var positions = items.Any(c => c.Status == ChatStatus.Queued) ? await workflow.Queue.PositionsAsync(http.RequestAborted).ConfigureAwait(false) : [];
        var page = new Page<SupportSdk.ChatThread>
        {
            Items = [.. items.Take(limit).Select(c => workflow.Queue.ToWire(c, positions.TryGetValue(c.Id, out var p) ? p : null))],
            NextCursor = items.Count > limit ? Cursors.Encode("chats", items[limit - 1].Id) : null,
        };
        return TypedResults.Json(page, WireJson.Chat.PageChatThread);
    }








    private static async Task<IResult> TicketAsync(string id, HttpContext http, ChatWorkflow workflow, ChatLifecycle lifecycle)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var (ticket, created) = await lifecycle.ConvertToTicketAsync(id, caller).ConfigureAwait(false);
        http.Response.Headers.Location = SupportApiPrefix.PathOf(http, "tickets/" + ticket.Id);
        return TypedResults.Json(SupportSdk.Server.Tickets.TicketCopy.ViewFor(ticket, http.Principal()), WireJson.Support.Ticket, statusCode: created ? 201 : 200);
    }

    private static async Task<IResult> TranscriptAsync(string id, HttpContext http, ChatWorkflow workflow, ChatTranscripts transcripts,
        SupportSdk.Server.Transcripts.TranscriptExports exports)
    {
        var chat = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        var format = http.Request.Query["format"].ToString();
        return format switch
        {
            "" or "text" => TypedResults.Text(await transcripts.TextAsync(chat, http.RequestAborted).ConfigureAwait(false), "text/plain; charset=utf-8"),
            "json" => TypedResults.Json(await transcripts.JsonAsync(chat, http.RequestAborted).ConfigureAwait(false), WireJson.Chat.ChatEventBatch),
            "signed" or "html" => await exports.ChatAsync(chat, format, http.RequestAborted).ConfigureAwait(false),
            _ => throw ApiError.Query("format", "Use text, json, signed or html."),
        };
    }


}

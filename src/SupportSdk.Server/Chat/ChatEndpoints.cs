using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
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
        chats.MapPost("", StartAsync).Accepts<StartChatRequest>("application/json").Produces<SupportSdk.ChatThread>(201).Produces<SupportSdk.ChatThread>(200).WithName("StartChat");
        chats.MapGet("", ListAsync).Produces<Page<SupportSdk.ChatThread>>().WithName("ListChats");
        chats.MapGet("/{id}", GetAsync).Produces<SupportSdk.ChatThread>().WithName("GetChat");
        chats.MapGet("/{id}/messages", MessagesAsync).Produces<Page<ChatFrame>>().WithName("ListChatMessages");
        chats.MapPost("/{id}/messages", SendAsync).Accepts<SendChatMessageRequest>("application/json").Produces<ChatFrame>(201).WithName("SendChatMessage");
        chats.MapGet("/{id}/stream", StreamAsync).WithName("ChatStream");
        chats.MapGet("/{id}/events", EventsAsync).Produces<ChatEventBatch>().WithName("PollChatEvents");
        chats.MapPost("/{id}/read", ReadAsync).Accepts<MarkChatReadRequest>("application/json").Produces(204).WithName("MarkChatRead");
        chats.MapPost("/{id}/close", CloseAsync).Produces<SupportSdk.ChatThread>().WithName("CloseChat");
        chats.MapPost("/{id}/ticket", TicketAsync).Produces<Ticket>(201).WithName("ConvertChatToTicket");
        chats.MapGet("/{id}/transcript", TranscriptAsync).Produces<ChatEventBatch>().Produces<string>(200, "text/plain").WithName("GetChatTranscript");
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
        http.Response.Headers.Location = "/v1/chats/" + chat.Id;
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

    internal static async Task<IResult> GetAsync(string id, HttpContext http, ChatWorkflow workflow)
    {
        var chat = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(await workflow.Queue.DescribeAsync(chat, http.RequestAborted).ConfigureAwait(false), WireJson.Chat.ChatThread);
    }

    /// <summary>Message frames only, after <c>after</c> (or the cursor), oldest first.</summary>
    internal static async Task<IResult> MessagesAsync(string id, HttpContext http, ChatWorkflow workflow)
    {
        var chat = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        var limit = Cursors.Limit(http.Request, 50, 200);
        var cursor = Cursors.Decode(http.Request, "chat-messages", p => long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        var after = cursor is null ? After(http.Request) : long.Parse(cursor, CultureInfo.InvariantCulture);
        var items = await workflow.Store.ListChatEventsAsync(chat.Id, after, limit + 1, true, http.RequestAborted).ConfigureAwait(false);
        var page = new Page<ChatFrame>
        {
            Items = items.Count > limit ? [.. items.Take(limit)] : items,
            NextCursor = items.Count > limit ? Cursors.Encode("chat-messages", (items[limit - 1].Seq ?? 0).ToString(CultureInfo.InvariantCulture)) : null,
        };
        return TypedResults.Json(page, WireJson.Chat.PageChatFrame);
    }

    internal static async Task<IResult> SendAsync(string id, HttpContext http, ChatWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, ChatJsonContext.Default.SendChatMessageRequest).ConfigureAwait(false);
        var (frame, created) = await workflow.SendAsync(id, caller, request, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(frame, WireJson.Chat.ChatFrame, statusCode: created ? 201 : 200);
    }

    internal static async Task<IResult> StreamAsync(string id, HttpContext http, ChatWorkflow workflow, ChatStreams streams)
    {
        var chat = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        await streams.RunAsync(http, chat, After(http.Request)).ConfigureAwait(false);
        return Results.Empty;
    }

    internal static async Task<IResult> EventsAsync(string id, HttpContext http, ChatWorkflow workflow, ChatLongPoll poll)
    {
        var caller = http.Principal();
        var chat = await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var after = After(http.Request);
        var wait = Wait(http.Request);
        var batch = await poll.PollAsync(chat, ChatWorkflow.RoleOf(caller), after, wait, http.RequestAborted).ConfigureAwait(false);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(batch, WireJson.Chat.ChatEventBatch);
    }

    internal static async Task<IResult> ReadAsync(string id, HttpContext http, ChatWorkflow workflow)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, ChatJsonContext.Default.MarkChatReadRequest).ConfigureAwait(false);
        await workflow.MarkReadAsync(id, caller, request.UpToSeq, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static async Task<IResult> CloseAsync(string id, HttpContext http, ChatWorkflow workflow, ChatLifecycle lifecycle)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var chat = await lifecycle.CloseAsync(id, caller).ConfigureAwait(false);
        return TypedResults.Json(await workflow.Queue.DescribeAsync(chat, CancellationToken.None).ConfigureAwait(false), WireJson.Chat.ChatThread);
    }

    private static async Task<IResult> TicketAsync(string id, HttpContext http, ChatWorkflow workflow, ChatLifecycle lifecycle)
    {
        var caller = http.Principal();
        await workflow.GetVisibleAsync(id, caller, http.RequestAborted).ConfigureAwait(false);
        var (ticket, created) = await lifecycle.ConvertToTicketAsync(id, caller).ConfigureAwait(false);
        http.Response.Headers.Location = "/v1/tickets/" + ticket.Id;
        return TypedResults.Json(ticket, WireJson.Support.Ticket, statusCode: created ? 201 : 200);
    }

    private static async Task<IResult> TranscriptAsync(string id, HttpContext http, ChatWorkflow workflow, ChatTranscripts transcripts)
    {
        var chat = await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        var format = http.Request.Query["format"].ToString();
        return format switch
        {
            "" or "text" => TypedResults.Text(await transcripts.TextAsync(chat, http.RequestAborted).ConfigureAwait(false), "text/plain; charset=utf-8"),
            "json" => TypedResults.Json(await transcripts.JsonAsync(chat, http.RequestAborted).ConfigureAwait(false), WireJson.Chat.ChatEventBatch),
            _ => throw ApiError.Query("format", "Use text or json."),
        };
    }

    /// <summary>The <c>after</c> seq: a whole number ≥ 0, default 0.</summary>
    internal static long After(HttpRequest request)
    {
        var raw = request.Query["after"].ToString();
        return raw.Length == 0 ? 0
            : long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after
            : throw ApiError.Query("after", "Use the seq of the last event you have: a whole number, 0 or more.");
    }

    /// <summary>The long-poll <c>wait</c>: 0 to 30 seconds, default 0.</summary>
    private static TimeSpan Wait(HttpRequest request)
    {
        var raw = request.Query["wait"].ToString();
        var max = (int)ChatLongPoll.MaxWait.TotalSeconds;
        return raw.Length == 0 ? TimeSpan.Zero
            : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= max ? TimeSpan.FromSeconds(seconds)
            : throw ApiError.Query("wait", $"Use 0 to {max} seconds.");
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The chat handlers customers and agents share (a chat, its messages, sending, the stream and long-poll, read
/// receipts, closing): each side maps them under its own routes and policy; who may see which chat is the
/// workflow's rule, not the route's.
/// </summary>
internal static class ChatHandlers
{
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
            Items = [.. items.Take(limit).Select(f => SupportSdk.Server.Security.AntiPhishing.ForReader(f, http.Principal()))],
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
        if (caller.AntiPhishingCode is not null)
        {
            batch = new ChatEventBatch { Events = [.. batch.Events.Select(f => SupportSdk.Server.Security.AntiPhishing.ForReader(f, caller))], LastSeq = batch.LastSeq, Closed = batch.Closed };
        }

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

    /// <summary>The <c>after</c> seq: a whole number ≥ 0, default 0.</summary>
    internal static long After(HttpRequest request)
    {
        var raw = request.Query["after"].ToString();
        return raw.Length == 0 ? 0
            : long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after
            : throw ApiError.Query("after", "Use the seq of the last event you have: a whole number, 0 or more.");
    }

    /// <summary>The long-poll <c>wait</c>: 0 to 30 seconds, default 0.</summary>
    internal static TimeSpan Wait(HttpRequest request)
    {
        var raw = request.Query["wait"].ToString();
        var max = (int)ChatLongPoll.MaxWait.TotalSeconds;
        return raw.Length == 0 ? TimeSpan.Zero
            : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= max ? TimeSpan.FromSeconds(seconds)
            : throw ApiError.Query("wait", $"Use 0 to {max} seconds.");
    }
}

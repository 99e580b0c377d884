using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>The agent's side of chat (agent keys): the queue, accepting, the same stream and send, transfer, close.</summary>
internal static class AgentChatEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var agent = v1.MapGroup("/agent/chats").Allow(PrincipalKinds.Agent).WithTags("Agent");
        agent.MapGet("", ListAsync).Produces<Page<SupportSdk.ChatThread>>().WithName("AgentListChats");
        agent.MapGet("/{id}", ChatHandlers.GetAsync).Produces<SupportSdk.ChatThread>().WithName("AgentGetChat");
        agent.MapPost("/{id}/accept", AcceptAsync).Idempotent().Produces<SupportSdk.ChatThread>().WithName("AgentAcceptChat");
        agent.MapGet("/{id}/stream", ChatHandlers.StreamAsync).WithName("AgentChatStream");
        agent.MapGet("/{id}/events", ChatHandlers.EventsAsync).Produces<ChatEventBatch>().WithName("AgentPollChatEvents");
        agent.MapGet("/{id}/messages", ChatHandlers.MessagesAsync).Produces<Page<ChatFrame>>().WithName("AgentListChatMessages");
        agent.MapPost("/{id}/messages", ChatHandlers.SendAsync).Idempotent().Accepts<SendChatMessageRequest>("application/json").Produces<ChatFrame>(201).WithName("AgentSendChatMessage");
        agent.MapPost("/{id}/read", ChatHandlers.ReadAsync).Idempotent().Accepts<MarkChatReadRequest>("application/json").Produces(204).WithName("AgentMarkChatRead");
        agent.MapPost("/{id}/transfer", TransferAsync).Idempotent().AcceptsOptionalJson<TransferChatRequest>().Produces<SupportSdk.ChatThread>().WithName("AgentTransferChat");
        agent.MapPost("/{id}/close", ChatHandlers.CloseAsync).Idempotent().Produces<SupportSdk.ChatThread>().WithName("AgentCloseChat");
    }

    /// <summary><c>state=queued</c> (default; oldest first, i.e. queue order) or <c>active</c>.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, ChatWorkflow workflow)
    {
        var state = Cursors.Enum<ChatStatus>(http.Request, "state") ?? ChatStatus.Queued;
        if (state != ChatStatus.Queued && state != ChatStatus.Active)
        {
            throw ApiError.Query("state", "Use queued or active.");
        }

        var limit = Cursors.Limit(http.Request);
        var position = Cursors.Decode(http.Request, "agent-chats-" + state.Value, p => ParseKey(p) is not null);
        var items = await workflow.Store.ListChatsByStateAsync(state, position is null ? null : ParseKey(position), limit + 1, http.RequestAborted).ConfigureAwait(false);
        var positions = state == ChatStatus.Queued ? await workflow.Queue.PositionsAsync(http.RequestAborted).ConfigureAwait(false) : [];
        var page = new Page<SupportSdk.ChatThread>
        {
            Items = [.. items.Take(limit).Select(c => workflow.Queue.ToWire(c, positions.TryGetValue(c.Id, out var p) ? p : null))],
            NextCursor = items.Count > limit ? Cursors.Encode("agent-chats-" + state.Value, Key(items[limit - 1])) : null,
        };
        return TypedResults.Json(page, WireJson.Chat.PageChatThread);
    }

    private static async Task<IResult> AcceptAsync(string id, HttpContext http, ChatWorkflow workflow, ChatLifecycle lifecycle)
    {
        var agent = http.Principal();
        await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var chat = await lifecycle.AcceptAsync(id, agent).ConfigureAwait(false);
        return TypedResults.Json(await workflow.Queue.DescribeAsync(chat, CancellationToken.None).ConfigureAwait(false), WireJson.Chat.ChatThread);
    }

    private static async Task<IResult> TransferAsync(string id, HttpContext http, ChatWorkflow workflow, ChatLifecycle lifecycle)
    {
        var agent = http.Principal();
        await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var request = http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType()
            ? new TransferChatRequest()
            : await JsonBody.ReadAsync(http, ChatJsonContext.Default.TransferChatRequest).ConfigureAwait(false);
        new Validation().Check(request.Reason is null || request.Reason.Length <= ChatLifecycle.MaxReason, "reason", $"At most {ChatLifecycle.MaxReason} characters.").ThrowIfInvalid();
        var chat = await lifecycle.TransferAsync(id, agent, request.Reason).ConfigureAwait(false);
        return TypedResults.Json(await workflow.Queue.DescribeAsync(chat, CancellationToken.None).ConfigureAwait(false), WireJson.Chat.ChatThread);
    }

    private static string Key(ChatRecord chat) =>
        (chat.QueuedAt?.ToUnixTimeMilliseconds() ?? 0).ToString(CultureInfo.InvariantCulture) + "|" + chat.Id;

    private static ChatQueueKey? ParseKey(string position)
    {
        var bar = position.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && long.TryParse(position.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && Ids.LooksValid(position[(bar + 1)..], "cht_")
            ? new ChatQueueKey(ms, position[(bar + 1)..])
            : null;
    }
}

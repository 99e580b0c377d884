using SupportSdk.LiveChat;
using SupportSdk.Core;

namespace SupportSdk;

/// <summary>The agent side of live chat (agent key): the queue, accepting, a session per chat, transfers.</summary>
public class AgentChatsClient
{
    private readonly ChatConnector? _connector;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected AgentChatsClient()
    {
    }

    internal AgentChatsClient(ChatConnector connector) => _connector = connector;

    private ChatConnector Connector => _connector ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Lists chats in a status: <c>queued</c> (oldest first) or <c>active</c>.</summary>
    /// <param name="status">The status.</param>
    /// <param name="pageSize">Chats per page (1–100).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The chats.</returns>
    public virtual AsyncPageable<ChatThread> GetChatsAsync(ChatStatus status, int pageSize = 20, CancellationToken cancellationToken = default) =>
        new((cursor, ct) => Connector.Pipeline.SendAsync("AgentChat.List", HttpMethod.Get,
            Query.Path("v1/agent/chats").Add("state", status.Value).Add("limit", pageSize).Add("cursor", cursor).ToString(), null, ChatJsonContext.Default.PageChatThread, null, ct),
            cancellationToken);

    /// <summary>Gets a chat.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chat.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual Task<ChatThread> GetChatAsync(string chatId, CancellationToken cancellationToken = default) =>
        Call("AgentChat.Get", HttpMethod.Get, chatId, string.Empty, cancellationToken);

    /// <summary>Takes a queued chat; the customer sees the agent join.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chat, now active.</returns>
    /// <exception cref="SupportApiException">409 when another agent took it or it is closed.</exception>
    public virtual Task<ChatThread> AcceptChatAsync(string chatId, CancellationToken cancellationToken = default) =>
        Call("AgentChat.Accept", HttpMethod.Post, chatId, "/accept", cancellationToken);

    /// <summary>Moves the chat to the next support tier and back to the queue.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="reason">Why (optional).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chat.</returns>
    /// <exception cref="SupportApiException">The server refused.</exception>
    public virtual Task<ChatThread> TransferChatAsync(string chatId, string? reason = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        return Connector.Pipeline.SendAsync("AgentChat.Transfer", HttpMethod.Post, Path(chatId) + "/transfer",
            SupportPipeline.Json(new TransferChatRequest { Reason = reason }, ChatJsonContext.Default.TransferChatRequest), ChatJsonContext.Default.ChatThread, null, cancellationToken);
    }

    /// <summary>Closes the chat for both sides.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The closed chat.</returns>
    /// <exception cref="SupportApiException">The server refused.</exception>
    public virtual Task<ChatThread> CloseChatAsync(string chatId, CancellationToken cancellationToken = default) =>
        Call("AgentChat.Close", HttpMethod.Post, chatId, "/close", cancellationToken);

    /// <summary>Connects to a chat as its agent: the same session as the customer's, on the agent routes.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="afterSeq">The last seq already seen; 0 for the whole chat.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected session.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual async Task<ChatSession> ConnectChatAsync(string chatId, long afterSeq = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        await GetChatAsync(chatId, cancellationToken).ConfigureAwait(false);
        return Connector.Open(chatId, Path(chatId), afterSeq, screenOutgoing: false);
    }

    private Task<ChatThread> Call(string operation, HttpMethod method, string chatId, string suffix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        return Connector.Pipeline.SendAsync(operation, method, Path(chatId) + suffix, null, ChatJsonContext.Default.ChatThread, null, cancellationToken);
    }

    private static string Path(string chatId) => Query.Path("v1/agent/chats/{0}", chatId).ToString();
}

using SupportSdk.LiveChat;
using SupportSdk.Core;

namespace SupportSdk;

/// <summary>
/// The user's live chats: start one (the bot answers first, a human takes over on request) and get a connected
/// <see cref="ChatSession"/>, resume one after a restart, read history and transcripts, turn a chat into a ticket.
/// </summary>
public class ChatClient
{
    private readonly ChatConnector? _connector;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected ChatClient()
    {
    }

    internal ChatClient(ChatConnector connector) => _connector = connector;

    private ChatConnector Connector => _connector ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Starts a chat and connects to it.</summary>
    /// <param name="request">Topic and locale (both optional).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected session; dispose it to disconnect.</returns>
    /// <exception cref="SensitiveDataException">The topic holds a secret the policy blocks; nothing was sent.</exception>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual async Task<ChatSession> StartChatAsync(StartChatRequest? request = null, CancellationToken cancellationToken = default)
    {
        request = Connector.Screening.Outgoing(request ?? new StartChatRequest());

        var chat = await Connector.Pipeline.SendAsync("Chat.Start", HttpMethod.Post, "v1/chats",
            SupportPipeline.Json(request, ChatJsonContext.Default.StartChatRequest), ChatJsonContext.Default.ChatThread, null, cancellationToken).ConfigureAwait(false);
        return Connector.Open(chat.Id, Path(chat.Id), 0, screenOutgoing: true);
    }

    /// <summary>Connects to one of the user's chats, delivering the events after <paramref name="afterSeq"/>.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="afterSeq">The last seq the app already has (<see cref="ChatSession.LastSeq"/>); 0 for the whole chat.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connected session.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual async Task<ChatSession> ResumeChatAsync(string chatId, long afterSeq = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        await GetChatAsync(chatId, cancellationToken).ConfigureAwait(false);
        return Connector.Open(chatId, Path(chatId), afterSeq, screenOutgoing: true);
    }

    /// <summary>Gets one of the user's chats (status, queue position, agent).</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The chat.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual Task<ChatThread> GetChatAsync(string chatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        return Connector.Pipeline.SendAsync("Chat.Get", HttpMethod.Get, Path(chatId), null, ChatJsonContext.Default.ChatThread, null, cancellationToken);
    }

    /// <summary>Lists the user's chats, newest first.</summary>
    /// <param name="pageSize">Chats per page (1–100).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The chats.</returns>
    public virtual AsyncPageable<ChatThread> GetChatsAsync(int pageSize = 20, CancellationToken cancellationToken = default) =>
        new((cursor, ct) => Connector.Pipeline.SendAsync("Chat.List", HttpMethod.Get,
            Query.Path("v1/chats").Add("limit", pageSize).Add("cursor", cursor).ToString(), null, ChatJsonContext.Default.PageChatThread, null, ct),
            cancellationToken);

    /// <summary>Gets the chat's transcript as plain text (secrets appear as the server stored them: redacted).</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The transcript.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual async Task<string> GetTranscriptAsync(string chatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        using var response = await Connector.Pipeline.SendRawAsync("Chat.Transcript", HttpMethod.Get, Path(chatId) + "/transcript?format=text", null, null, cancellationToken)
            .ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the chat's messages signed by the exchange's channel key (see <see cref="ChannelsClient.VerifyTranscript"/>).</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The signed transcript.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual Task<SupportSdk.Transcripts.SignedTranscript> GetSignedTranscriptAsync(string chatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        return Connector.Pipeline.SendAsync("Chat.SignedTranscript", HttpMethod.Get, Path(chatId) + "/transcript?format=signed", null,
            SupportSdk.Transcripts.TranscriptsJsonContext.Default.SignedTranscript, null, cancellationToken);
    }

    /// <summary>Turns the chat into a ticket carrying its transcript (e.g. outside support hours). Calling it again
    /// returns the same ticket.</summary>
    /// <param name="chatId">The chat id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ticket.</returns>
    /// <exception cref="SupportApiException">404 <c>chat_not_found</c>.</exception>
    public virtual Task<Ticket> ConvertChatToTicketAsync(string chatId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        return Connector.Pipeline.SendAsync("Chat.ToTicket", HttpMethod.Post, Path(chatId) + "/ticket", null, SupportJsonContext.Default.Ticket,
            TicketsClient.WithIdempotencyKey("chat-ticket-" + chatId), cancellationToken);
    }

    private static string Path(string chatId) => Query.Path("v1/chats/{0}", chatId).ToString();

}

namespace SupportSdk.Server.Chat;

/// <summary>Builds the frames of the chat protocol (see <see cref="ChatFrame"/> for which fields each kind carries).</summary>
internal static class ChatFrames
{
    /// <summary>Whether frames of this kind are stored and numbered (message, agent_joined, handoff, closed).</summary>
    public static bool IsDurable(ChatEventKind kind) =>
        kind == ChatEventKind.Message || kind == ChatEventKind.AgentJoined || kind == ChatEventKind.Handoff || kind == ChatEventKind.Closed;

    public static ChatFrame Message(string id, string? clientMessageId, Author from, string text, DateTimeOffset sentAt, IReadOnlyList<string> flags,
        ChatArticle? article = null, IReadOnlyList<string>? quickReplies = null, DepositLookup? deposit = null) => new()
        {
            Type = ChatEventKind.Message,
            Id = id,
            ClientMessageId = clientMessageId,
            From = from,
            Text = text,
            SentAt = sentAt,
            Flags = flags,
            Article = article,
            QuickReplies = quickReplies,
            Deposit = deposit,
        };

    public static ChatFrame AgentJoined(Author agent, DateTimeOffset at) => new() { Type = ChatEventKind.AgentJoined, From = agent, SentAt = at };

    public static ChatFrame Handoff(string reason, DateTimeOffset at) => new() { Type = ChatEventKind.Handoff, Reason = reason, SentAt = at };

    public static ChatFrame Closed(string reason, Author by, DateTimeOffset at) => new() { Type = ChatEventKind.Closed, Reason = reason, From = by, SentAt = at };

    public static ChatFrame Ack(string clientMessageId, long seq) => new() { Type = ChatEventKind.Ack, ClientMessageId = clientMessageId, Seq = seq };

    public static ChatFrame Typing(Author from) => new() { Type = ChatEventKind.Typing, From = from };

    public static ChatFrame Read(Author from, long upToSeq) => new() { Type = ChatEventKind.Read, From = from, UpToSeq = upToSeq };

    public static ChatFrame Queue(int position, int estimatedWaitSeconds) =>
        new() { Type = ChatEventKind.Queue, Position = position, EstimatedWaitSeconds = estimatedWaitSeconds };

    public static ChatFrame Heartbeat(long lastSeq) => new() { Type = ChatEventKind.Heartbeat, Seq = lastSeq };

    /// <summary>A send refused for the caller's frame rate: names it and says how long to wait.</summary>
    public static ChatFrame RateLimited(string? clientMessageId, TimeSpan retryAfter, int perSecond) => new()
    {
        Type = ChatEventKind.Error,
        Code = ErrorCodes.RateLimited,
        ClientMessageId = clientMessageId,
        Text = $"Slow down: at most {perSecond} frames per second. Send this message again after retryAfterMs, before any later one.",
        RetryAfterMs = (int)Math.Clamp(Math.Ceiling(retryAfter.TotalMilliseconds), 1, 60_000),
    };

    public static ChatFrame Error(string code, string text, string? clientMessageId = null) =>
        new() { Type = ChatEventKind.Error, Code = code, Text = text, ClientMessageId = clientMessageId };
}

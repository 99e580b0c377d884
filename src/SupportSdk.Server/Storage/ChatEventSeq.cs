namespace SupportSdk.Server.Storage;

/// <summary>Numbers a durable chat event: the stored frame is the event with its per-chat seq.</summary>
internal static class ChatEventSeq
{
    public static ChatFrame With(ChatFrame frame, long seq) => new()
    {
        Type = frame.Type,
        Seq = seq,
        Id = frame.Id,
        ClientMessageId = frame.ClientMessageId,
        From = frame.From,
        Text = frame.Text,
        SentAt = frame.SentAt,
        Flags = frame.Flags,
        Article = frame.Article,
        QuickReplies = frame.QuickReplies,
        Deposit = frame.Deposit,
        UpToSeq = frame.UpToSeq,
        Position = frame.Position,
        EstimatedWaitSeconds = frame.EstimatedWaitSeconds,
        Reason = frame.Reason,
        Code = frame.Code,
    };
}

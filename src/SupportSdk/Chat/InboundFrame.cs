namespace SupportSdk.LiveChat;

/// <summary>
/// A server frame as the session handles it: the fields of <see cref="ChatFrame"/>, but settable, so that a WebSocket
/// connection reads every frame into one instance instead of a new <see cref="ChatFrame"/> each time. The session
/// copies what it keeps (into a <see cref="ChatEvent"/>, a receipt) before it asks the connection for the next frame;
/// nothing holds on to an instance across frames.
/// </summary>
internal sealed class InboundFrame
{
    public ChatEventKind Type { get; set; }

    public long? Seq { get; set; }

    public string? Id { get; set; }

    public string? ClientMessageId { get; set; }

    public Author? From { get; set; }

    public string? Text { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public IReadOnlyList<string>? Flags { get; set; }

    public ChatArticle? Article { get; set; }

    public IReadOnlyList<string>? QuickReplies { get; set; }

    public DepositLookup? Deposit { get; set; }

    public string? AntiPhishingCode { get; set; }

    public long? UpToSeq { get; set; }

    public int? Position { get; set; }

    public int? EstimatedWaitSeconds { get; set; }

    public string? Reason { get; set; }

    public string? Code { get; set; }

    public int? RetryAfterMs { get; set; }

    /// <summary>Gets or sets the author of an earlier frame on this connection, kept by <see cref="Clear"/>: the
    /// reader hands it out again when the next frame has the same author.</summary>
    public Author? LastFrom { get; set; }

    /// <summary>A new instance with the fields of <paramref name="frame"/> (REST backfill, long-polling).</summary>
    public static InboundFrame Of(ChatFrame frame) => new InboundFrame().Assign(frame);

    /// <summary>Takes every field of <paramref name="frame"/>.</summary>
    public InboundFrame Assign(ChatFrame frame)
    {
        Type = frame.Type;
        Seq = frame.Seq;
        Id = frame.Id;
        ClientMessageId = frame.ClientMessageId;
        From = frame.From;
        Text = frame.Text;
        SentAt = frame.SentAt;
        Flags = frame.Flags;
        Article = frame.Article;
        QuickReplies = frame.QuickReplies;
        Deposit = frame.Deposit;
        AntiPhishingCode = frame.AntiPhishingCode;
        UpToSeq = frame.UpToSeq;
        Position = frame.Position;
        EstimatedWaitSeconds = frame.EstimatedWaitSeconds;
        Reason = frame.Reason;
        Code = frame.Code;
        RetryAfterMs = frame.RetryAfterMs;
        return this;
    }

    /// <summary>Every field back to its default, before the next frame is read into this instance.</summary>
    public void Clear()
    {
        Type = default;
        Seq = null;
        Id = null;
        ClientMessageId = null;
        From = null;
        Text = null;
        SentAt = null;
        Flags = null;
        Article = null;
        QuickReplies = null;
        Deposit = null;
        AntiPhishingCode = null;
        UpToSeq = null;
        Position = null;
        EstimatedWaitSeconds = null;
        Reason = null;
        Code = null;
        RetryAfterMs = null;
    }
}

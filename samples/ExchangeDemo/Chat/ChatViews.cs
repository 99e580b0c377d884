using System.Globalization;
using SupportSdk;

namespace ExchangeDemo.Chat;

/// <summary>A chat event as the page's script receives it over Server-Sent Events.</summary>
public sealed record ChatEventView
{
    public required string Kind { get; init; }
    public long? Seq { get; init; }
    public string? Id { get; init; }
    public string? ClientMessageId { get; init; }
    public string? Role { get; init; }
    public string? Name { get; init; }
    public string? Text { get; init; }
    public IReadOnlyList<string>? Flags { get; init; }
    public ChatArticleView? Article { get; init; }
    public IReadOnlyList<string>? QuickReplies { get; init; }
    public ChatDepositView? Deposit { get; init; }
    public string? AntiPhishingCode { get; init; }
    public int? Position { get; init; }
    public int? WaitSeconds { get; init; }
    public long? UpToSeq { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset? At { get; init; }

    public static ChatEventView From(ChatEvent e) => e switch
    {
        ChatMessageEvent m => new()
        {
            Kind = "message", Seq = m.Seq, At = m.At, Id = m.Id, ClientMessageId = m.ClientMessageId, Role = m.From.Role.Value, Name = m.From.Name,
            Text = m.Text, Flags = m.Flags, QuickReplies = m.QuickReplies, Article = m.Article is { } a ? ChatArticleView.From(a) : null,
            AntiPhishingCode = m.IsOfficial ? m.AntiPhishingCode : null,
            Deposit = m.Deposit is { } d ? new ChatDepositView(d.Status, d.Confirmations, d.RequiredConfirmations) : null,
        },
        ChatQueueEvent q => new() { Kind = "queue", Position = q.Position, WaitSeconds = q.EstimatedWaitSeconds, At = q.At },
        ChatAgentJoinedEvent j => new() { Kind = "agent_joined", Seq = j.Seq, Name = j.AgentName, At = j.At },
        ChatHandoffEvent h => new() { Kind = "handoff", Seq = h.Seq, Reason = h.Reason, At = h.At },
        ChatTypingEvent t => new() { Kind = "typing", Role = t.From.Role.Value, Name = t.From.Name, At = t.At },
        ChatReadEvent r => new() { Kind = "read", Role = r.From.Role.Value, Name = r.From.Name, UpToSeq = r.UpToSeq, At = r.At },
        ChatClosedEvent c => new() { Kind = "closed", Seq = c.Seq, Reason = c.Reason, At = c.At },
        _ => new() { Kind = e.Kind.Value, Seq = e.Seq, At = e.At },
    };
}

/// <summary>The help-center article a bot answer offers, linked to the demo's own help center.</summary>
public sealed record ChatArticleView(string Title, string Url)
{
    public static ChatArticleView? From(ChatArticle article) =>
        long.TryParse(article.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new ChatArticleView(article.Title, "/help/articles/" + id.ToString(CultureInfo.InvariantCulture))
            : null;
}

/// <summary>The deposit lookup a bot answer reports: the page shows its status as a badge (the advice is the message's text).</summary>
public sealed record ChatDepositView(string Status, int? Confirmations, int? RequiredConfirmations);

public sealed record ChatStartRequest(string? Topic);

public sealed record ChatStarted(string ChatId);

public sealed record ChatSendRequest(string? Text);

public sealed record ChatSendResult(long Seq, string ClientMessageId);

public sealed record ChatReadRequest(long UpToSeq);

public sealed record ChatTicketResult(string TicketId, string Url);

/// <summary>Why a chat action failed, in the visitor's language.</summary>
public sealed record ChatProblem(string Code, string Message);

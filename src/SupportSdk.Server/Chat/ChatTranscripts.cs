using System.Globalization;
using System.Text;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>A chat's durable events as a readable text transcript or as JSON (every event, in seq order).</summary>
internal sealed class ChatTranscripts(IChatStore store)
{
    private const int Page = 500;

    public async Task<List<ChatFrame>> EventsAsync(string chatId, CancellationToken cancellationToken)
    {
        var events = new List<ChatFrame>();
        while (true)
        {
            var page = await store.ListChatEventsAsync(chatId, events.Count == 0 ? 0 : events[^1].Seq ?? 0, Page, false, cancellationToken).ConfigureAwait(false);
            events.AddRange(page);
            if (page.Count < Page)
            {
                return events;
            }
        }
    }

    public async Task<ChatEventBatch> JsonAsync(ChatRecord chat, CancellationToken cancellationToken)
    {
        var events = await EventsAsync(chat.Id, cancellationToken).ConfigureAwait(false);
        return new ChatEventBatch { Events = events, LastSeq = events.Count == 0 ? 0 : events[^1].Seq ?? 0, Closed = chat.Status == ChatStatus.Closed };
    }

    public async Task<string> TextAsync(ChatRecord chat, CancellationToken cancellationToken) =>
        Text(chat, await EventsAsync(chat.Id, cancellationToken).ConfigureAwait(false));

    /// <summary>One line per event: <c>[time] Name (role): text</c>, events such as handoffs as <c>— …</c> lines.</summary>
    public static string Text(ChatRecord chat, IReadOnlyList<ChatFrame> events)
    {
        var text = new StringBuilder();
        text.Append("Chat ").Append(chat.Id);
        if (chat.Topic is { Length: > 0 } topic)
        {
            text.Append(" — ").Append(topic);
        }

        text.AppendLine();
        text.Append("Customer: ").Append(chat.CustomerName).Append(" (").Append(chat.CustomerId).Append("), locale ").Append(chat.Locale)
            .Append(", started ").AppendLine(Time(chat.CreatedAt));
        text.AppendLine();
        foreach (var e in events)
        {
            text.Append('[').Append(e.SentAt is { } at ? Time(at) : "?").Append("] ");
            if (e.Type == ChatEventKind.Message)
            {
                text.Append(e.From?.Name).Append(" (").Append(e.From?.Role.Value).Append("): ").AppendLine(e.Text);
                if (e.Article is { } article)
                {
                    text.Append("    Article: ").Append(article.Title).AppendLine(article.Url is null ? string.Empty : " <" + article.Url + ">");
                }

                if (e.Flags is { Count: > 0 } flags)
                {
                    text.Append("    Flagged: ").AppendLine(string.Join(", ", flags));
                }
            }
            else if (e.Type == ChatEventKind.AgentJoined)
            {
                text.Append("— ").Append(e.From?.Name).AppendLine(" joined");
            }
            else if (e.Type == ChatEventKind.Handoff)
            {
                text.Append("— handed to the human queue (").Append(e.Reason).Append(')').AppendLine(e.Text is null ? string.Empty : ": " + e.Text);
            }
            else if (e.Type == ChatEventKind.Closed)
            {
                text.Append("— closed (").Append(e.Reason).AppendLine(")");
            }
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SupportSdk.Server.Faq;
using SupportSdk.Server.Http;
using SupportSdk.Server.Security;
using SupportSdk.Server.Status;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The first line of every chat. It answers from the help center when the search is confident, hands the chat to
/// the human queue when asked, when it is not confident, or after two unhelpful answers, and outside support hours
/// with nobody online it says so and offers to turn the chat into a ticket. It decides; the workflow stores.
/// </summary>
internal sealed partial class ChatBot(FaqCatalog catalog, AgentPresence presence, MessageGuard guard, IOptions<SupportServerOptions> options, TimeProvider time)
{
    /// <summary>
    /// The lowest top score the bot answers with. On the demo help center every off-topic probe ("my cat is sick",
    /// "I want a refund for my pizza", "我有个问题") scores below 2.55, while 57 of the 60 public queries score above
    /// 2.6 (the three below are one-to-two-word English queries, handed to a human instead).
    /// </summary>
    internal const double MinScore = 2.6;

    /// <summary>How far the top score must lead the second: near-ties are where the top hit is most often wrong.</summary>
    internal const double MinMargin = 1.05;

    /// <summary>Two answers called unhelpful hand the chat over.</summary>
    internal const int MaxUnhelpful = 2;

    private const int ShortAnswerChars = 320;

    public const string ReasonRequested = "requested";
    public const string ReasonLowConfidence = "low_confidence";
    public const string ReasonUnhelpful = "unhelpful";

    /// <summary>What happens when a chat starts: a handoff if the topic asks for a person, an answer if the topic
    /// finds one, a greeting otherwise.</summary>
    public async Task<ChatChange> StartAsync(ChatRecord chat, CancellationToken cancellationToken)
    {
        var texts = ChatBotTexts.For(chat.Locale);
        if (chat.Topic is { Length: > 0 } topic)
        {
            if (ChatBotPhrases.AsksForHuman(topic))
            {
                return Handoff(chat, ReasonRequested);
            }

            if (await AnswerAsync(chat, topic, cancellationToken).ConfigureAwait(false) is { } answer)
            {
                return answer;
            }
        }

        return new ChatChange(chat, [Say(chat, string.Format(CultureInfo.InvariantCulture, texts.Greeting, chat.CustomerName))]);
    }

    /// <summary>The bot's turn after a customer message, or null when the bot is not in charge of the chat.</summary>
    public async Task<ChatChange?> ReplyAsync(ChatRecord chat, string text, CancellationToken cancellationToken)
    {
        if (chat.Status != ChatStatus.Bot)
        {
            return null;
        }

        var texts = ChatBotTexts.For(chat.Locale);
        if (ChatBotPhrases.AsksForHuman(text))
        {
            return Handoff(chat, ReasonRequested);
        }

        if (chat.AwaitingFeedback && ChatBotPhrases.SaysUnhelpful(text))
        {
            var unhelpful = chat with { UnhelpfulAnswers = chat.UnhelpfulAnswers + 1, AwaitingFeedback = false };
            return unhelpful.UnhelpfulAnswers >= MaxUnhelpful
                ? Handoff(unhelpful, ReasonUnhelpful)
                : new ChatChange(unhelpful, [Say(chat, texts.Rephrase)]);
        }

        if (chat.AwaitingFeedback && ChatBotPhrases.SaysHelpful(text))
        {
            return new ChatChange(chat with { AwaitingFeedback = false }, [Say(chat, texts.Glad)]);
        }

        if (ChatBotPhrases.IsGreeting(text))
        {
            return new ChatChange(chat, [Say(chat, string.Format(CultureInfo.InvariantCulture, texts.Greeting, chat.CustomerName))]);
        }

        return await AnswerAsync(chat, text, cancellationToken).ConfigureAwait(false) ?? Handoff(chat, ReasonLowConfidence);
    }

    /// <summary>Whether support is staffed now: inside the configured hours, or any agent online.</summary>
    public bool IsStaffed() => OpeningHours.IsOpen(options.Value, time.GetUtcNow()) || presence.CountOnline() > 0;

    private async Task<ChatChange?> AnswerAsync(ChatRecord chat, string question, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var hits = snapshot.Search(question, chat.Locale, 2).Items;
        if (hits.Count == 0 || hits[0].Score < MinScore || (hits.Count > 1 && hits[0].Score < hits[1].Score * MinMargin))
        {
            return null;
        }

        var top = hits[0];
        var article = snapshot.Find(top.Id, top.Locale);
        var answer = ShortAnswer(article?.BodyText ?? top.Snippet);
        var texts = ChatBotTexts.For(chat.Locale);
        var message = Say(chat, answer.Length > 0 ? answer : top.Title, texts.AnswerReplies,
            new ChatArticle { Id = top.Id.ToString(CultureInfo.InvariantCulture), Title = top.Title, Url = top.Url });
        return new ChatChange(chat with { AwaitingFeedback = true }, [message]);
    }

    private ChatChange Handoff(ChatRecord chat, string reason)
    {
        var now = time.StoredNow();
        var queued = chat with { Status = ChatStatus.Queued, QueuedAt = now, AwaitingFeedback = false };
        if (IsStaffed())
        {
            return new ChatChange(queued, [ChatFrames.Handoff(reason, now)]);
        }

        var o = options.Value;
        var hours = $"{o.SupportOpensAtHour:00}:00–{o.SupportClosesAtHour:00}:00 {o.SupportTimeZone}";
        var texts = ChatBotTexts.For(chat.Locale);
        return new ChatChange(queued, [ChatFrames.Handoff(reason, now), Say(chat, string.Format(CultureInfo.InvariantCulture, texts.Offline, hours), texts.OfflineReplies)]);
    }

    private ChatFrame Say(ChatRecord chat, string text, IReadOnlyList<string>? quickReplies = null, ChatArticle? article = null) =>
        ChatFrames.Message(Ids.New("cmsg_", time), null, new Author { Role = AuthorRole.Bot, Name = ChatBotTexts.For(chat.Locale).BotName }, text,
            time.StoredNow(), guard.FlagsFor(text), article, quickReplies);

    /// <summary>
    /// The article's first whole sentences, plain text, about two to four lines: up to 320 columns, where a Chinese
    /// character counts two (it carries about as much as a short English word).
    /// </summary>
    internal static string ShortAnswer(string body)
    {
        var text = Whitespace().Replace(body, " ").Trim();
        var answer = new StringBuilder();
        var width = 0;
        foreach (var sentence in SentenceEnd().Split(text))
        {
            if (sentence.Length == 0)
            {
                continue;
            }

            var sentenceWidth = Width(sentence);
            if (answer.Length > 0 && width + sentenceWidth > ShortAnswerChars)
            {
                break;
            }

            answer.Append(answer.Length > 0 && !IsCjk(sentence[0]) ? " " : string.Empty).Append(sentence);
            width += sentenceWidth;
            if (width >= ShortAnswerChars / 2)
            {
                break;
            }
        }

        return width <= ShortAnswerChars ? answer.ToString() : Cut(answer.ToString());
    }

    private static int Width(string text) => text.Sum(c => IsCjk(c) ? 2 : 1);

    private static string Cut(string text)
    {
        var width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += IsCjk(text[i]) ? 2 : 1;
            if (width > ShortAnswerChars - 2)
            {
                return text[..i].TrimEnd() + "…";
            }
        }

        return text;
    }

    private static bool IsCjk(char c) => c is >= '\u3000' and <= '\u9FFF' or >= '\uFF00' and <= '\uFFEF';

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.!?])\s+|(?<=[。！？])\s*")]
    private static partial Regex SentenceEnd();
}

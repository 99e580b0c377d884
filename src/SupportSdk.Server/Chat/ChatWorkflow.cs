using System.Buffers;
using SupportSdk.Server.Cluster;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Security;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The chat rules shared by REST, WebSocket and long-poll: who sees which chat, sending (screened, deduplicated,
/// numbered, fanned out, answered by the bot), read receipts and typing, and the locked, version-checked loop
/// around every state change. Every durable event is stored, then published, under the chat's lock, so listeners
/// see events in seq order.
/// </summary>
internal sealed class ChatWorkflow(IChatStore store, ChatHub hub, ChatBot bot, ChatQueue queue, ChatLocks locks, MessageGuard guard, CustomerRuns runs,
    SupportSdk.Server.Faq.FaqInsightsRecorder insights, IClusterBackplane cluster, SupportSdk.Server.Webhooks.WebhookEvents webhooks, TimeProvider time)
{
    public const int MaxText = 4000;
    public const int MaxTopic = 200;
    public const int MaxClientMessageId = 64;
    private const int MaxAttempts = 8;
    private static readonly SearchValues<char> ClientIdChars = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_");

    public IChatStore Store => store;

    public ChatHub Hub => hub;

    public ChatQueue Queue => queue;

    public TimeProvider Time => time;

    public MessageGuard Guard => guard;

    public SupportSdk.Server.Webhooks.WebhookEvents Webhooks => webhooks;

    /// <summary>Whether <paramref name="agent"/> holds the chat. Chats are held by the agent's name (each agent key
    /// belongs to one agent, and automatic assignment knows agents by name); one accepted before that is held by the
    /// key's id.</summary>
    public static bool Holds(ChatRecord chat, SupportPrincipal agent) =>
        chat.AgentId is { } held && (string.Equals(held, agent.Name, StringComparison.Ordinal) || string.Equals(held, agent.Id, StringComparison.Ordinal));

    /// <summary>The chat if the caller may see it; otherwise 404, so ids cannot be probed.</summary>
    public async Task<ChatRecord> GetVisibleAsync(string id, SupportPrincipal caller, CancellationToken cancellationToken)
    {
        var chat = Ids.LooksValid(id, "cht_") ? await store.GetChatAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (chat is null || (caller.Kind == PrincipalKinds.User && !string.Equals(chat.CustomerId, caller.Id, StringComparison.Ordinal)))
        {
            throw new ApiError(404, ErrorCodes.ChatNotFound, "The chat does not exist.");
        }

        return chat;
    }

    public static AuthorRole RoleOf(SupportPrincipal principal) => principal.Kind == PrincipalKinds.User ? AuthorRole.Customer : AuthorRole.Agent;

    public static Author AuthorOf(ChatRecord chat, SupportPrincipal principal) => principal.Kind == PrincipalKinds.User
        ? new Author { Role = AuthorRole.Customer, Name = chat.CustomerName }
        : new Author { Role = AuthorRole.Agent, Name = principal.Name };

    public static ApiError ClosedError() =>
        new(409, ErrorCodes.ChatClosed, "The chat is closed.", "Start a new chat, or turn this one into a ticket.");

    /// <summary>Starts a chat; the bot greets, answers the topic, or hands off when the topic asks for a person. A
    /// customer has at most one open chat: while it is open, starting another returns it (Created false).</summary>
    public async Task<(ChatRecord Chat, bool Created)> StartAsync(SupportPrincipal customer, string? topic, string locale, CancellationToken cancellationToken)
    {
        if (await store.FindOpenChatAsync(customer.Id, cancellationToken).ConfigureAwait(false) is { } open)
        {
            return (open, false);
        }

        var screened = string.IsNullOrWhiteSpace(topic) ? null
            : SupportSdk.Server.Security.AntiPhishing.Redact(guard.Screen(new StartChatRequest { Topic = topic }).Topic!, customer).Trim();
        var now = time.StoredNow();
        var chat = new ChatRecord
        {
            Id = Ids.New("cht_", time),
            Status = ChatStatus.Bot,
            Topic = screened,
            Locale = locale,
            CustomerId = customer.Id,
            CustomerName = customer.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var start = await bot.StartAsync(chat, customer, cancellationToken).ConfigureAwait(false);
        var snapshot = queue.ToWire(start.Updated with { LastSeq = start.Events.Count }, position: null);
        var created = await store.CreateChatAsync(start.Updated, start.Events, webhooks.ChatStarted(snapshot), CancellationToken.None).ConfigureAwait(false);
        if (created.Outcome == ChatAppendOutcome.Duplicate)
        {
            return (created.Chat!, false); // another start of this customer's got there first
        }

        start.Committed?.Invoke();
        webhooks.Committed();

        if (created.Chat!.Status == ChatStatus.Queued)
        {
            await queue.ChangedAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return (created.Chat, true);
    }

    /// <summary>Checks a send's fields: 400 <c>validation_failed</c> naming them.</summary>
    public static void Validate(SendChatMessageRequest request) => new Validation()
        .Check(request.ClientMessageId is { Length: > 0 and <= MaxClientMessageId } id && !id.AsSpan().ContainsAnyExcept(ClientIdChars),
            "clientMessageId", $"1–{MaxClientMessageId} characters of letters, digits, '-' and '_'.")
        .Text("text", request.Text, 1, MaxText)
        .ThrowIfInvalid();

    /// <summary>
    /// Stores a message once per (sender, clientMessageId) and publishes it; a resend with the same text returns the
    /// stored frame (Created false), with another text answers 409. Customer text is screened first (422 when it
    /// holds a secret, nothing stored); agent text gets scam flags. The bot answers customer messages while in charge.
    /// <c>known</c> is the chat as the caller's connection found it when it checked that the sender may see it
    /// (ownership and the customer's name do not change); null to look it up now.
    /// </summary>
    public async Task<(ChatFrame Frame, bool Created)> SendAsync(string chatId, SupportPrincipal sender, SendChatMessageRequest request, CancellationToken cancellationToken,
        ChatRecord? known = null)
    {
        Validate(request);
        var role = RoleOf(sender);
        using (await locks.EnterAsync(chatId, cancellationToken).ConfigureAwait(false))
        {
            // Screened under the chat's lock against the customer's run as it stands, so two halves of a phrase sent
            // at once are never both checked against the same earlier lines.
            var text = (role == AuthorRole.Customer
                ? SupportSdk.Server.Security.AntiPhishing.Redact(await ScreenCustomerAsync(chatId, request), sender)
                : request.Text).Trim();
            // The checks that depend on the chat's current state (a resend first, then closed, then whether this
            // agent accepted it) run in the append's own transaction. Who may see the chat and the customer's name
            // never change, so a connection that already checked them passes its snapshot and nothing is read first.
            var chat = known ?? await GetVisibleAsync(chatId, sender, cancellationToken).ConfigureAwait(false);
            var now = time.StoredNow();
            var frame = ChatFrames.Message(Ids.New("cmsg_", time), request.ClientMessageId, AuthorOf(chat, sender), text, now,
                role == AuthorRole.Customer ? [] : guard.FlagsFor(text));
            var append = new ChatAppend(chat.Id, [frame], now)
            {
                SenderScope = sender.Scope,
                RequireAgentIds = role == AuthorRole.Agent ? [sender.Name, sender.Id] : null,
                Outbox = webhooks.Flagged(frame.Id!, frame.From!, frame.Flags ?? [], null, chat.Id) is { } flagged ? [flagged] : [],
            };
            var result = await store.AppendChatEventsAsync(append, CancellationToken.None).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case ChatAppendOutcome.Duplicate:
                    return (SameOrReused(result.Events[0], text), false);
                case ChatAppendOutcome.Closed:
                    throw ClosedError();
                case ChatAppendOutcome.NotAccepted:
                    throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Accept the chat before replying.",
                        "Only the agent who accepted the chat can write in it.");
                case ChatAppendOutcome.NotFound:
                    throw new ApiError(404, ErrorCodes.ChatNotFound, "The chat does not exist.");
            }

            Publish(result);
            if (append.Outbox.Count > 0)
            {
                webhooks.Committed();
            }

            if (role == AuthorRole.Customer && (result.Chat!.Status == ChatStatus.Bot || ChatBotPhrases.IsLockCommand(text)))
            {
                var turn = new ChatBot.Turn();
                await ChangeLockedAsync(chat.Id, sender, current => bot.ReplyAsync(current, sender, text, CancellationToken.None, turn)).ConfigureAwait(false);
            }

            return (result.Events[0], true);
        }
    }

    /// <summary>Raises the caller's read marker and tells the other side (read {from, upToSeq}).</summary>
    public async Task MarkReadAsync(string chatId, SupportPrincipal reader, long upToSeq, CancellationToken cancellationToken)
    {
        var chat = await GetVisibleAsync(chatId, reader, cancellationToken).ConfigureAwait(false);
        new Validation().Check(upToSeq >= 0 && upToSeq <= chat.LastSeq, "upToSeq", $"Use a seq of this chat, 0 to {chat.LastSeq}.").ThrowIfInvalid();
        var role = RoleOf(reader);
        if (await store.MarkChatReadAsync(chat.Id, role, upToSeq, CancellationToken.None).ConfigureAwait(false))
        {
            hub.Publish(chat.Id, ChatFrames.Read(AuthorOf(chat, reader), upToSeq), exceptRole: role);
            cluster.Send(ClusterSignal.Read(chat.Id, role, upToSeq));
        }
    }

    /// <summary>Relays "typing" to the other side (nothing is stored).</summary>
    public void RelayTyping(ChatRecord chat, SupportPrincipal who)
    {
        if (chat.Status != ChatStatus.Closed)
        {
            hub.Publish(chat.Id, ChatFrames.Typing(AuthorOf(chat, who)), exceptRole: RoleOf(who));
            cluster.Send(ClusterSignal.Typing(chat.Id, RoleOf(who)));
        }
    }

    /// <summary>Applies a state change under the chat's lock; see <see cref="ChangeLockedAsync"/>.</summary>
    public async Task<ChatRecord> ChangeAsync(string chatId, SupportPrincipal caller, Func<ChatRecord, Task<ChatChange?>> decide)
    {
        using (await locks.EnterAsync(chatId).ConfigureAwait(false))
        {
            return await ChangeLockedAsync(chatId, caller, decide).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the chat, lets <paramref name="decide"/> choose the new state and events (null: nothing to do; it may
    /// throw an <see cref="ApiError"/>), stores them if nobody changed the chat meanwhile (else reads and decides
    /// again), publishes the events and refreshes the queue when it changed. The caller holds the chat's lock.
    /// </summary>
    private async Task<ChatRecord> ChangeLockedAsync(string chatId, SupportPrincipal caller, Func<ChatRecord, Task<ChatChange?>> decide)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = await GetVisibleAsync(chatId, caller, CancellationToken.None).ConfigureAwait(false);
            if (await decide(current).ConfigureAwait(false) is not { } change)
            {
                return current;
            }

            // The stored chat is predictable here (the append is version-checked): its snapshot goes with the events.
            var after = queue.ToWire(change.Updated with { LastSeq = current.LastSeq + change.Events.Count, Version = current.Version + 1 }, position: null);
            var outbox = webhooks.ChatChanged(current, after, change.Events);
            var result = await store.AppendChatEventsAsync(new ChatAppend(chatId, change.Events, time.StoredNow())
            {
                ExpectedVersion = current.Version,
                Updated = change.Updated,
                Outbox = outbox,
            }, CancellationToken.None).ConfigureAwait(false);
            if (result.Outcome == ChatAppendOutcome.Stale && attempt < MaxAttempts)
            {
                continue;
            }

            if (result.Outcome != ChatAppendOutcome.Appended)
            {
                throw new ApiError(409, ErrorCodes.InvalidStateTransition, "The chat changed while this request ran.", "Read it again and retry.");
            }

            Publish(result);
            change.Committed?.Invoke();
            if (outbox.Count > 0)
            {
                webhooks.Committed();
            }

            if (current.Status == ChatStatus.Queued || result.Chat!.Status == ChatStatus.Queued)
            {
                await queue.ChangedAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return result.Chat!;
        }
    }

    private void Publish(ChatAppendResult result)
    {
        foreach (var frame in result.Events)
        {
            runs.Published(result.Chat!.Id, frame);
            hub.Publish(result.Chat!.Id, frame);
        }

        if (result.Events is [{ Seq: { } first }, ..] && result.Events[^1].Seq is { } last)
        {
            cluster.Send(ClusterSignal.Events(result.Chat!.Id, first, last));
        }
    }

    /// <summary>
    /// A customer's message, screened together with their consecutive earlier messages in the chat: 422 when it holds
    /// a secret the policy blocks, or completes a seed phrase begun in the earlier ones — which are then stored
    /// redacted, so the whole phrase is nowhere in the store.
    /// </summary>
    private async Task<string> ScreenCustomerAsync(string chatId, SendChatMessageRequest request)
    {
        if (cluster.IsShared)
        {
            await runs.CatchUpAsync(chatId, store, CancellationToken.None).ConfigureAwait(false);
        }

        var earlier = runs.Get(chatId);
        var screened = guard.ScreenMessage(request.Text, [.. earlier.Select(e => e.Text)]);

        // Earlier lines that hold part of a phrase this line completes are stored redacted whatever the policy does
        // with this line (blocked or redacted), and the bot's records of them leave the help-center insights.
        var redact = earlier.Select((e, i) => (e.Seq, Text: screened.EarlierRedacted[i])).Where(e => e.Text is not null).Select(e => (e.Seq, e.Text!)).ToList();
        if (redact.Count > 0)
        {
            await store.RedactChatMessagesAsync(chatId, redact, CancellationToken.None).ConfigureAwait(false);
            insights.WithholdChat(chatId);
        }

        if (screened.IsBlocked)
        {
            throw MessageGuard.Blocked(screened.Findings);
        }

        return screened.Text;
    }

    private static ChatFrame SameOrReused(ChatFrame existing, string text) =>
        string.Equals(existing.Text, text, StringComparison.Ordinal)
            ? existing
            : throw new ApiError(409, ErrorCodes.ClientMessageIdReused, "This clientMessageId was already used for another message.",
                "Use a new clientMessageId for a new message; resend only with the same text.");
}

/// <summary>A decided change: the chat's new state and the durable events that record it.</summary>
internal sealed record ChatChange(ChatRecord Updated, IReadOnlyList<ChatFrame> Events)
{
    /// <summary>Gets what to do once the change is stored (the bot's insight records): never for a decision that a
    /// retry replaced or that was not stored.</summary>
    public Action? Committed { get; init; }
}

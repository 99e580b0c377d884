using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;

namespace SupportSdk.Server.Chat;

/// <summary>
/// The state changes of a chat: an agent accepts it (agent_joined), transfers it to a higher tier (handoff
/// "transfer", back to the queue), either side closes it (closed), and the customer turns it into a ticket.
/// </summary>
internal sealed class ChatLifecycle(ChatWorkflow workflow, ChatTranscripts transcripts, ITicketStore tickets, Tickets.TicketSlaClock sla,
    SupportSdk.Server.Agents.AssignmentSignal assignment)
{
    private readonly ChatTickets _tickets = new(tickets, transcripts, workflow.Webhooks, sla, workflow.Time);

    public const int MaxTier = 3;
    public const int MaxReason = 500;
    public const string ReasonTransfer = "transfer";
    public const string ReasonTicket = "ticket";

    /// <summary>The agent takes the chat (from the bot or the queue). 409 when closed or another agent has it.</summary>
    public Task<ChatRecord> AcceptAsync(string chatId, SupportPrincipal agent) => AcceptAsync(chatId, agent, null);

    /// <summary>Automatic assignment's accept: only a chat still waiting in the queue at a tier the agent works at
    /// (a chat transferred up or back with the bot since it was listed is left alone); the chat as it is otherwise.</summary>
    public Task<ChatRecord> AcceptQueuedAsync(string chatId, SupportPrincipal agent, int agentTier) => AcceptAsync(chatId, agent, agentTier);

    private Task<ChatRecord> AcceptAsync(string chatId, SupportPrincipal agent, int? queuedUpToTier) =>
        workflow.ChangeAsync(chatId, agent, chat =>
        {
            if (queuedUpToTier is { } tier && (chat.Status != ChatStatus.Queued || chat.Tier > tier))
            {
                return Task.FromResult<ChatChange?>(null);
            }

            if (chat.Status == ChatStatus.Closed)
            {
                throw ChatWorkflow.ClosedError();
            }

            if (chat.Status == ChatStatus.Active)
            {
                return ChatWorkflow.Holds(chat, agent)
                    ? Task.FromResult<ChatChange?>(null)
                    : throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Another agent has already accepted this chat.");
            }

            var now = workflow.Time.StoredNow();
            var author = new Author { Role = AuthorRole.Agent, Name = agent.Name };
            return Task.FromResult<ChatChange?>(new ChatChange(
                chat with { Status = ChatStatus.Active, AgentId = agent.Name, AgentName = agent.Name, QueuedAt = null, AwaitingFeedback = false },
                [ChatFrames.AgentJoined(author, now)]));
        });

    /// <summary>
    /// The agent in the chat hands it to the next tier (at most <see cref="MaxTier"/>): back to the queue. The reason,
    /// written for the customer, reaches them as the agent's last message (with the scam flags any agent text gets),
    /// followed by the handoff.
    /// </summary>
    public async Task<ChatRecord> TransferAsync(string chatId, SupportPrincipal agent, string? reason)
    {
        var chat = await TransferChangeAsync(chatId, agent, reason).ConfigureAwait(false);
        assignment.Wake(); // back in the queue, for the next tier
        return chat;
    }

    private Task<ChatRecord> TransferChangeAsync(string chatId, SupportPrincipal agent, string? reason) =>
        workflow.ChangeAsync(chatId, agent, chat =>
        {
            if (chat.Status == ChatStatus.Closed)
            {
                throw ChatWorkflow.ClosedError();
            }

            if (chat.Status != ChatStatus.Active || !ChatWorkflow.Holds(chat, agent))
            {
                throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Only the agent in an active chat can transfer it.", "Accept the chat first.");
            }

            var now = workflow.Time.StoredNow();
            var tier = Math.Min(chat.Tier + 1, MaxTier);
            var note = string.IsNullOrWhiteSpace(reason) ? $"Transferred to tier {tier}." : $"Transferred to tier {tier}: {reason.Trim()}";
            var handoff = ChatFrames.Handoff(ReasonTransfer, now);
            List<ChatFrame> events = [new ChatFrame { Type = handoff.Type, Reason = handoff.Reason, SentAt = now, Text = note }];
            if (!string.IsNullOrWhiteSpace(reason))
            {
                var said = reason.Trim();
                events.Insert(0, ChatFrames.Message(Ids.New("cmsg_", workflow.Time), null, new Author { Role = AuthorRole.Agent, Name = agent.Name }, said, now,
                    workflow.Guard.FlagsFor(said)));
            }

            return Task.FromResult<ChatChange?>(new ChatChange(
                chat with { Status = ChatStatus.Queued, Tier = tier, AgentId = null, AgentName = null, QueuedAt = now }, events));
        });

    /// <summary>Closes the chat (idempotent: closing a closed chat changes nothing). An agent cannot close a chat another
    /// agent holds (409), as accepting, writing and transferring already refuse.</summary>
    public async Task<ChatRecord> CloseAsync(string chatId, SupportPrincipal caller)
    {
        var chat = await CloseChangeAsync(chatId, caller).ConfigureAwait(false);
        assignment.Wake(); // the agent has room for the next queued chat
        return chat;
    }

    private Task<ChatRecord> CloseChangeAsync(string chatId, SupportPrincipal caller) =>
        workflow.ChangeAsync(chatId, caller, chat =>
        {
            if (chat.Status == ChatStatus.Closed)
            {
                return Task.FromResult<ChatChange?>(null);
            }

            if (caller.Kind == PrincipalKinds.Agent && chat.Status == ChatStatus.Active && !ChatWorkflow.Holds(chat, caller))
            {
                throw new ApiError(409, ErrorCodes.InvalidStateTransition, "Another agent holds this chat.", "Only the agent in the chat can close it.");
            }

            return Task.FromResult<ChatChange?>(Close(chat, caller.Kind == PrincipalKinds.User ? "customer" : "agent", ChatWorkflow.AuthorOf(chat, caller)));
        });

    /// <summary>
    /// Turns the chat into a ticket (category other) that holds the conversation message by message (see
    /// <see cref="ChatTickets"/>), and links it. Once only: a
    /// second call returns the same ticket. A chat no human has yet (bot or queued) is closed with reason
    /// "ticket", so nobody picks it up twice; an active chat stays open.
    /// </summary>
    public async Task<(Ticket Ticket, bool Created)> ConvertToTicketAsync(string chatId, SupportPrincipal customer)
    {
        Ticket? created = null;
        var chat = await workflow.ChangeAsync(chatId, customer, async current =>
        {
            if (current.TicketId is not null)
            {
                return null;
            }

            created ??= await _tickets.CreateAsync(current, customer.Tier).ConfigureAwait(false);
            var linked = current with { TicketId = created.Id };
            return current.Status == ChatStatus.Bot || current.Status == ChatStatus.Queued
                ? Close(linked, ReasonTicket, new Author { Role = AuthorRole.System, Name = "Support" })
                : new ChatChange(linked, []);
        }).ConfigureAwait(false);
        var ticket = created is not null && string.Equals(chat.TicketId, created.Id, StringComparison.Ordinal)
            ? created
            : await tickets.GetTicketAsync(chat.TicketId!, CancellationToken.None).ConfigureAwait(false);
        if (created is not null)
        {
            assignment.Wake(); // a new ticket to route
        }

        return (ticket!, ReferenceEquals(ticket, created));
    }

    private ChatChange Close(ChatRecord chat, string reason, Author by) => new(
        chat with { Status = ChatStatus.Closed, QueuedAt = null, AwaitingFeedback = false },
        [ChatFrames.Closed(reason, by, workflow.Time.StoredNow())]);
}

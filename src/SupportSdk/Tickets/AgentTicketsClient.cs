using SupportSdk.Core;

namespace SupportSdk;

/// <summary>The agent's side of tickets (agent-key credential): the queue, replies and triage.</summary>
public class AgentTicketsClient
{
    private readonly SupportPipeline? _pipeline;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected AgentTicketsClient()
    {
    }

    internal AgentTicketsClient(SupportPipeline pipeline) => _pipeline = pipeline;

    private SupportPipeline Pipeline => _pipeline ?? throw new InvalidOperationException("This instance was created for mocking.");

    /// <summary>Lists the ticket queue, newest first.</summary>
    /// <param name="status">Only this status.</param>
    /// <param name="priority">Only this priority.</param>
    /// <param name="pageSize">Tickets per page (1–100).</param>
    /// <param name="assignee">Only tickets of this agent; <c>me</c> for the caller's, <c>none</c> for the unassigned queue.</param>
    /// <param name="byDue">Soonest SLA due time first (only tickets with a running target) instead of newest first.</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The tickets.</returns>
    public virtual AsyncPageable<Ticket> GetTicketsAsync(TicketStatus? status = null, TicketPriority? priority = null, int pageSize = 20, string? assignee = null,
        bool byDue = false, CancellationToken cancellationToken = default) =>
        new((cursor, ct) => Pipeline.SendAsync("Agent.Tickets", HttpMethod.Get,
            Query.Path("v1/agent/tickets").Add("status", status?.Value).Add("priority", priority?.Value).Add("assignee", assignee).Add("sort", byDue ? "due" : null)
                .Add("limit", pageSize).Add("cursor", cursor).ToString(),
            null, SupportJsonContext.Default.PageTicket, null, ct), cancellationToken);

    /// <summary>Gets a ticket.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ticket.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Ticket> GetTicketAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return Pipeline.SendAsync("Agent.Ticket", HttpMethod.Get, Query.Path("v1/agent/tickets/{0}", ticketId).ToString(), null,
            SupportJsonContext.Default.Ticket, null, cancellationToken);
    }

    /// <summary>Lists a ticket's messages, oldest first, fetching pages as they are enumerated.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="pageSize">Messages per page (1–200).</param>
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The messages.</returns>
    public virtual AsyncPageable<TicketMessage> GetMessagesAsync(string ticketId, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return new((cursor, ct) => Pipeline.SendAsync("Agent.Messages", HttpMethod.Get,
            Query.Path("v1/agent/tickets/{0}/messages", ticketId).Add("limit", pageSize).Add("cursor", cursor).ToString(), null,
            SupportJsonContext.Default.PageTicketMessage, null, ct), cancellationToken);
    }

    /// <summary>Merges a duplicate into another ticket of the same customer: the duplicate is closed with a note saying
    /// where the conversation continues, and the other gets a note naming it.</summary>
    /// <param name="ticketId">The duplicate.</param>
    /// <param name="intoTicketId">The ticket the conversation continues on.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The closed duplicate.</returns>
    /// <exception cref="SupportApiException">The server refused (e.g. another customer's ticket: 409) or could not be reached.</exception>
    public virtual Task<Ticket> MergeTicketAsync(string ticketId, string intoTicketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ArgumentException.ThrowIfNullOrWhiteSpace(intoTicketId);
        return Pipeline.SendAsync("Agent.Merge", HttpMethod.Post, Query.Path("v1/agent/tickets/{0}/merge", ticketId).ToString(),
            SupportPipeline.Json(new MergeTicketRequest { Into = intoTicketId }, SupportJsonContext.Default.MergeTicketRequest), SupportJsonContext.Default.Ticket,
            TicketsClient.WithIdempotencyKey(null), cancellationToken);
    }

    /// <summary>Adds an internal note: for the team, never shown to the customer. A secret pasted into it is refused.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="body">The note.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored note.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<TicketNote> AddNoteAsync(string ticketId, string body, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        return Pipeline.SendAsync("Agent.AddNote", HttpMethod.Post, Query.Path("v1/agent/tickets/{0}/notes", ticketId).ToString(),
            SupportPipeline.Json(new AddTicketNoteRequest { Body = body }, SupportJsonContext.Default.AddTicketNoteRequest), SupportJsonContext.Default.TicketNote,
            TicketsClient.WithIdempotencyKey(null), cancellationToken);
    }

    /// <summary>Lists a ticket's internal notes, oldest first.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The notes.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual async Task<IReadOnlyList<TicketNote>> GetNotesAsync(string ticketId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return (await Pipeline.SendAsync("Agent.Notes", HttpMethod.Get, Query.Path("v1/agent/tickets/{0}/notes", ticketId).ToString(), null,
            SupportJsonContext.Default.TicketNoteList, null, cancellationToken).ConfigureAwait(false)).Notes;
    }

    /// <summary>Reports that the agent has the ticket open (and whether they are typing); returns the other agents viewing it.
    /// Send every few seconds while the ticket is on screen.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="typing">Whether the agent is typing a reply.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The other viewers and the ticket's last message number.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<TicketViewers> ReportViewingAsync(string ticketId, bool typing, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return Pipeline.SendAsync("Agent.Viewing", HttpMethod.Put, Query.Path("v1/agent/tickets/{0}/viewing", ticketId).ToString(),
            SupportPipeline.Json(new ViewingTicketRequest { Typing = typing }, SupportJsonContext.Default.ViewingTicketRequest), SupportJsonContext.Default.TicketViewers, null, cancellationToken);
    }

    /// <summary>Finds macros for the ticket (in its locale) matching what the agent typed, filled in for it.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="query">Words to match in the macros' names, keywords and text; empty for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The macros, best match first.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual async Task<IReadOnlyList<Macro>> GetMacrosAsync(string ticketId, string? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        return (await Pipeline.SendAsync("Agent.Macros", HttpMethod.Get, Query.Path("v1/agent/tickets/{0}/macros", ticketId).Add("q", query).ToString(), null,
            SupportJsonContext.Default.MacroList, null, cancellationToken).ConfigureAwait(false)).Macros;
    }

    /// <summary>Answers a ticket as the agent; the ticket becomes <c>pending_customer</c>.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="reply">The reply.</param>
    /// <param name="idempotencyKey">Your own key for this reply (e.g. kept across a restart of the agent's app); by default one is made per call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored message.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<TicketMessage> AddMessageAsync(string ticketId, ReplyRequest reply, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ArgumentNullException.ThrowIfNull(reply);
        return Pipeline.SendAsync("Agent.Reply", HttpMethod.Post, Query.Path("v1/agent/tickets/{0}/messages", ticketId).ToString(),
            SupportPipeline.Json(reply, SupportJsonContext.Default.ReplyRequest), SupportJsonContext.Default.TicketMessage,
            TicketsClient.WithIdempotencyKey(idempotencyKey), cancellationToken);
    }

    /// <summary>Changes status, priority, assignee or tier.</summary>
    /// <param name="ticketId">The ticket id.</param>
    /// <param name="update">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The updated ticket.</returns>
    /// <exception cref="SupportApiException">The server refused or could not be reached.</exception>
    public virtual Task<Ticket> UpdateTicketAsync(string ticketId, AgentUpdateTicketRequest update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ticketId);
        ArgumentNullException.ThrowIfNull(update);
        return Pipeline.SendAsync("Agent.Update", HttpMethod.Patch, Query.Path("v1/agent/tickets/{0}", ticketId).ToString(),
            SupportPipeline.Json(update, SupportJsonContext.Default.AgentUpdateTicketRequest), SupportJsonContext.Default.Ticket, null, cancellationToken);
    }
}

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
    /// <param name="cancellationToken">Cancels every page fetch of the list.</param>
    /// <returns>The tickets.</returns>
    public virtual AsyncPageable<Ticket> GetTicketsAsync(TicketStatus? status = null, TicketPriority? priority = null, int pageSize = 20, CancellationToken cancellationToken = default) =>
        new((cursor, ct) => Pipeline.SendAsync("Agent.Tickets", HttpMethod.Get,
            Query.Path("v1/agent/tickets").Add("status", status?.Value).Add("priority", priority?.Value).Add("limit", pageSize).Add("cursor", cursor).ToString(),
            null, SupportJsonContext.Default.PageTicket, null, ct), cancellationToken);

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

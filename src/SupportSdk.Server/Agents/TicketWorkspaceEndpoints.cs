using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SupportSdk.Security;
using SupportSdk.Server.Http;
using SupportSdk.Server.Identity;
using SupportSdk.Server.Storage;
using SupportSdk.Server.Tickets;

namespace SupportSdk.Server.Agents;

/// <summary>What agents share on a ticket beside the conversation: internal notes, who else has it open or is typing,
/// and the macros that fit it.</summary>
internal static class TicketWorkspaceEndpoints
{
    /// <summary>An agent whose console has not said so for this long no longer counts as viewing.</summary>
    public static readonly TimeSpan ViewingWindow = TimeSpan.FromSeconds(20);

    public static void Map(RouteGroupBuilder v1)
    {
        var agent = v1.MapGroup("/agent/tickets/{id}").Allow(PrincipalKinds.Agent).WithTags("Agent");
        agent.MapGet("/notes", NotesAsync).Produces<TicketNoteList>().WithName("AgentListTicketNotes");
        agent.MapPost("/notes", AddNoteAsync).Idempotent().Accepts<AddTicketNoteRequest>("application/json").Produces<TicketNote>(201).WithName("AgentAddTicketNote");
        agent.MapPut("/viewing", ViewingAsync).Accepts<ViewingTicketRequest>("application/json").Produces<TicketViewers>().WithName("AgentViewingTicket");
        agent.MapGet("/macros", MacrosAsync).Produces<MacroList>().WithName("AgentListTicketMacros");
    }

    private static async Task<IResult> NotesAsync(string id, HttpContext http, TicketWorkflow workflow, ITicketWorkspaceStore store)
    {
        await workflow.GetVisibleAsync(id, http.Principal(), http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new TicketNoteList { Notes = await store.ListNotesAsync(id, http.RequestAborted).ConfigureAwait(false) }, WireJson.Support.TicketNoteList);
    }

    private static async Task<IResult> AddNoteAsync(string id, HttpContext http, TicketWorkflow workflow, ITicketWorkspaceStore store)
    {
        var agent = http.Principal();
        await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.AddTicketNoteRequest).ConfigureAwait(false);
        new Validation().Text("body", request.Body, 1, TicketWorkflow.MaxBody).ThrowIfInvalid();
        if ((await store.ListNotesAsync(id, http.RequestAborted).ConfigureAwait(false)).Count >= TicketWorkspaceRows.MaxNotes)
        {
            throw new ApiError(409, ErrorCodes.InvalidStateTransition, "This ticket has as many notes as it can hold.", $"At most {TicketWorkspaceRows.MaxNotes} notes a ticket.");
        }

        // Notes are stored data too: a key or seed phrase an agent pastes from the conversation never lands in them.
        var body = workflow.Guard.Screen(new CustomerField("body", request.Body))[0]!.Trim();
        var note = new TicketNote { Id = Ids.New("note_", workflow.Time), Author = agent.Name, Body = body, CreatedAt = workflow.Time.StoredNow() };
        var recorded = Idempotency.ClaimOf(http)?.Complete(Idempotency.Json(201, note, WireJson.Support.TicketNote));
        await store.AddNoteAsync(id, note, recorded, CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Json(note, WireJson.Support.TicketNote, statusCode: 201);
    }

    private static async Task<IResult> ViewingAsync(string id, HttpContext http, TicketWorkflow workflow, ITicketWorkspaceStore store)
    {
        var agent = http.Principal();
        var ticket = await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var request = await JsonBody.ReadAsync(http, SupportJsonContext.Default.ViewingTicketRequest).ConfigureAwait(false);
        var now = workflow.Time.GetUtcNow();
        var viewers = await store.ViewAsync(id, agent.Name, request.Typing, now, now - ViewingWindow, CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Json(new TicketViewers { Viewers = viewers, LastSeq = ticket.MessageCount }, WireJson.Support.TicketViewers);
    }

    private static async Task<IResult> MacrosAsync(string id, HttpContext http, TicketWorkflow workflow, IOptions<SupportServerOptions> options)
    {
        var agent = http.Principal();
        var ticket = await workflow.GetVisibleAsync(id, agent, http.RequestAborted).ConfigureAwait(false);
        var query = http.Request.Query["q"].ToString();
        if (query.Length > 200)
        {
            throw ApiError.Query("q", "At most 200 characters.");
        }

        return TypedResults.Json(new MacroList { Macros = Macros.For(options.Value.Macros, ticket, agent.Name, query, options.Value.DefaultLocale) },
            WireJson.Support.MacroList);
    }
}

namespace SupportSdk;

/// <summary>An internal note on a ticket: written by an agent for the team, never shown to the customer, never sent
/// in a customer's webhook data.</summary>
public sealed class TicketNote
{
    /// <summary>Gets the note id.</summary>
    /// <value>An opaque id starting with <c>note_</c>.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the agent who wrote it.</summary>
    /// <value>The agent's name.</value>
    public string Author { get; init; } = string.Empty;

    /// <summary>Gets the text.</summary>
    /// <value>The body.</value>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets when it was written.</summary>
    /// <value>The time.</value>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Adds an internal note (agent key).</summary>
public sealed class AddTicketNoteRequest
{
    /// <summary>Gets the text (1–20,000 characters); screened like customer text, so a secret pasted in is refused.</summary>
    /// <value>The body.</value>
    public string Body { get; init; } = string.Empty;
}

/// <summary>A ticket's internal notes, oldest first.</summary>
public sealed class TicketNoteList
{
    /// <summary>Gets the notes.</summary>
    /// <value>The notes.</value>
    public IReadOnlyList<TicketNote> Notes { get; init; } = [];
}

/// <summary>Says the calling agent has a ticket open (and whether they are typing a reply); sent every few seconds
/// while the ticket is on screen.</summary>
public sealed class ViewingTicketRequest
{
    /// <summary>Gets whether the agent is typing a reply.</summary>
    /// <value><see langword="true"/> while typing.</value>
    public bool Typing { get; init; }
}

/// <summary>Another agent who has the ticket open.</summary>
public sealed class TicketViewer
{
    /// <summary>Gets the agent's name.</summary>
    /// <value>The name.</value>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets whether they are typing a reply.</summary>
    /// <value><see langword="true"/> while typing.</value>
    public bool Typing { get; init; }

    /// <summary>Gets when they last said so.</summary>
    /// <value>The time.</value>
    public DateTimeOffset SeenAt { get; init; }
}

/// <summary>Who else has a ticket open, and the ticket's last message number (a reply written before it is stale).</summary>
public sealed class TicketViewers
{
    /// <summary>Gets the other agents viewing the ticket now.</summary>
    /// <value>The viewers, by name.</value>
    public IReadOnlyList<TicketViewer> Viewers { get; init; } = [];

    /// <summary>Gets the number of the ticket's last message.</summary>
    /// <value>The sequence number.</value>
    public long LastSeq { get; init; }
}

/// <summary>A canned reply, rendered for one ticket: its placeholders (<c>{{customer.name}}</c>, <c>{{ticket.id}}</c>,
/// <c>{{ticket.subject}}</c>, <c>{{agent.name}}</c>) filled in.</summary>
public sealed class Macro
{
    /// <summary>Gets the macro id.</summary>
    /// <value>The id.</value>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the name agents pick it by.</summary>
    /// <value>The name.</value>
    public string Name { get; init; } = string.Empty;

    /// <summary>Gets the locale of its text.</summary>
    /// <value>The locale, e.g. <c>zh-cn</c>.</value>
    public string Locale { get; init; } = string.Empty;

    /// <summary>Gets the reply text, with the ticket's values in place of the placeholders.</summary>
    /// <value>The text.</value>
    public string Body { get; init; } = string.Empty;

    /// <summary>Gets the status the ticket takes when the reply is sent.</summary>
    /// <value>The status, or <see langword="null"/> to leave it.</value>
    public TicketStatus? SetStatus { get; init; }

    /// <summary>Gets the tags the ticket gets when the reply is sent.</summary>
    /// <value>The tags; empty for none.</value>
    public IReadOnlyList<string> AddTags { get; init; } = [];
}

/// <summary>The macros that match a search, for one ticket.</summary>
public sealed class MacroList
{
    /// <summary>Gets the macros, best match first.</summary>
    /// <value>The macros.</value>
    public IReadOnlyList<Macro> Macros { get; init; } = [];
}

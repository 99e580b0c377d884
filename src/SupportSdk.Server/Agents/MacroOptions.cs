namespace SupportSdk.Server;

/// <summary>A canned reply agents insert while typing (configuration <c>Support:Macros:N</c>): text in one locale
/// with placeholders <c>{{customer.name}}</c>, <c>{{ticket.id}}</c>, <c>{{ticket.subject}}</c> and
/// <c>{{agent.name}}</c>, keywords to find it by, and optionally the status the ticket takes when it is sent.</summary>
public sealed class MacroOptions
{
    /// <summary>Gets or sets the id: 1–64 lower-case letters, digits, '-' or '_', unique with its locale.</summary>
    /// <value>The id.</value>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the name agents see.</summary>
    /// <value>1–100 characters.</value>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the locale of the text.</summary>
    /// <value>A locale code such as <c>en-us</c> or <c>zh-cn</c>.</value>
    public string Locale { get; set; } = "en-us";

    /// <summary>Gets or sets the reply text.</summary>
    /// <value>1–20,000 characters; only the four placeholders above.</value>
    public string Body { get; set; } = string.Empty;

    /// <summary>Gets the words it is found by, besides its name and text.</summary>
    /// <value>The keywords.</value>
    public IList<string> Keywords { get; } = [];

    /// <summary>Gets or sets the status the ticket takes when the reply is sent (e.g. <c>resolved</c>).</summary>
    /// <value>A ticket status, or <see langword="null"/> to leave it.</value>
    public string? SetStatus { get; set; }

    /// <summary>Gets the tags the ticket gets when the reply is sent.</summary>
    /// <value>Default none.</value>
    public IList<string> AddTags { get; } = [];
}

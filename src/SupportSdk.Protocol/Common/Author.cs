namespace SupportSdk;

/// <summary>The author of a message.</summary>
public sealed class Author
{
    /// <summary>Gets the author's role.</summary>
    /// <value>customer, agent, bot or system.</value>
    public AuthorRole Role { get; init; }

    /// <summary>Gets the display name shown to the other side.</summary>
    /// <value>The name.</value>
    public string Name { get; init; } = string.Empty;
}

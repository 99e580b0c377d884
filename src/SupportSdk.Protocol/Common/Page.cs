namespace SupportSdk;

/// <summary>One page of a list, with the cursor of the next page.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    /// <summary>Gets the items of this page.</summary>
    /// <value>The items, in list order.</value>
    public IReadOnlyList<T> Items { get; init; } = [];

    /// <summary>Gets the opaque cursor that fetches the next page.</summary>
    /// <value>The cursor, or <see langword="null"/> on the last page.</value>
    public string? NextCursor { get; init; }
}

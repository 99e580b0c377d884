using System.Runtime.CompilerServices;

namespace SupportSdk;

/// <summary>
/// A lazily paged list: enumerating it fetches the next page only when the previous one is used up. Use
/// <see cref="AsPages"/> to work page by page or to resume from a saved cursor.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public class AsyncPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<string?, CancellationToken, Task<Page<T>>>? _fetchPage;

    /// <summary>Initializes a new instance for mocking.</summary>
    protected AsyncPageable()
    {
    }

    internal AsyncPageable(Func<string?, CancellationToken, Task<Page<T>>> fetchPage) => _fetchPage = fetchPage;

    /// <summary>Enumerates the pages, starting at <paramref name="continuationToken"/>.</summary>
    /// <param name="continuationToken">A <see cref="Page{T}.NextCursor"/> to resume from, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pages.</returns>
    public virtual async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var cursor = continuationToken;
        do
        {
            var page = await _fetchPage!(cursor, cancellationToken).ConfigureAwait(false);
            yield return page;
            cursor = page.NextCursor;
        }
        while (cursor is not null);
    }

    /// <inheritdoc />
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                yield return item;
            }
        }
    }
}

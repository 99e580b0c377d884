using System.Runtime.CompilerServices;

namespace SupportSdk;

/// <summary>
/// A lazily paged list: enumerating it fetches the next page only when the previous one is used up. Use
/// <see cref="AsPages"/> to work page by page or to resume from a saved cursor. Every fetch honours both the token
/// given to the method that returned the list and the one given to the enumeration.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public class AsyncPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<string?, CancellationToken, Task<Page<T>>> _fetchPage;
    private readonly CancellationToken _cancellationToken;

    /// <summary>Initializes an empty list, for mocking: override <see cref="AsPages"/> (the items follow from it), or
    /// build a list of your pages with <see cref="SupportModelFactory.AsyncPageable{T}"/>.</summary>
    protected AsyncPageable()
        : this(static (_, _) => Task.FromResult(new Page<T>()), CancellationToken.None)
    {
    }

    internal AsyncPageable(Func<string?, CancellationToken, Task<Page<T>>> fetchPage, CancellationToken cancellationToken)
    {
        _fetchPage = fetchPage;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Enumerates the pages, starting at <paramref name="continuationToken"/>.</summary>
    /// <param name="continuationToken">A <see cref="Page{T}.NextCursor"/> to resume from, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The pages.</returns>
    public virtual async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = _cancellationToken.CanBeCanceled && cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);
        var cursor = continuationToken;
        do
        {
            token.ThrowIfCancellationRequested();
            var page = await _fetchPage(cursor, token).ConfigureAwait(false);
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

using System.Runtime.CompilerServices;

namespace Atradius.Cover.Sdk;

/// <summary>
/// A list the service returns in pages. Enumerate it with <c>await foreach</c> to get every item, pages being
/// fetched one at a time as you go; or walk it page by page with <see cref="AsPages"/>, keeping each page's
/// <see cref="CoverPage{T}.ContinuationToken"/> to resume an interrupted walk where it stopped.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class CoverPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For mocking, and for lists built by <see cref="CoverModelFactory.Pageable{T}"/>.</summary>
    protected CoverPageable()
    {
    }

    /// <summary>Walks the list page by page; no page is fetched before it is asked for.</summary>
    /// <param name="continuationToken">Where to start: the <see cref="CoverPage{T}.ContinuationToken"/> of a page already read; the start of the list when null.</param>
    /// <param name="pageSize">Items per page, 1 to 1000; the list's page size (or the service default) when null.</param>
    /// <returns>The pages.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to 1000.</exception>
    public abstract IAsyncEnumerable<CoverPage<T>> AsPages(string? continuationToken = null, int? pageSize = null);

    /// <summary>Enumerates every item of the list, fetching the next page only when the previous one is used up.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The enumerator.</returns>
    public virtual IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        EnumerateItems(cancellationToken).GetAsyncEnumerator(cancellationToken);

    private async IAsyncEnumerable<T> EnumerateItems([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in AsPages().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var items = page.Items;
            for (var i = 0; i < items.Count; i++)
            {
                yield return items[i];
            }
        }
    }
}

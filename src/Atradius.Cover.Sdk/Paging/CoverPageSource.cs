namespace Atradius.Cover.Sdk;

/// <summary>Fetches one page of one list. One instance per list call; no closures on the paging path.</summary>
internal abstract class CoverPageSource<T>
{
    /// <summary>Fetches the page at <paramref name="cursor"/>.</summary>
    /// <param name="cursor">The service cursor; null for the first page.</param>
    /// <param name="pageSize">Items per page; null for the service default.</param>
    /// <param name="walk">State that lives for one walk over the pages (for sources that compare neighbours).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public abstract Task<CoverPage<T>> FetchAsync(string? cursor, int? pageSize, CoverPageWalk walk, CancellationToken cancellationToken);
}
